package org.gridgov.shared.web;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Rate limit for the public, no-login endpoints ({@code /api/v1/public/**}): a token bucket (Bucket4j) per client
 * address; beyond it 429 with {@code Retry-After}. Buckets are per application node (kept in a bounded Caffeine
 * cache), so with N nodes a client gets up to N times the rate: this protects each node, it is not a quota.
 */
public class PublicRateLimitInterceptor implements HandlerInterceptor {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
        .expireAfterAccess(Duration.ofMinutes(10)).build();
    private final long perMinute;
    private final ProblemWriter problems;

    public PublicRateLimitInterceptor(long perMinute, ProblemWriter problems) {
        this.perMinute = perMinute;
        this.problems = problems;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        Bucket bucket = buckets.get(request.getRemoteAddr(), key -> Bucket.builder()
            .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
            .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            response.setHeader("X-RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
            return true;
        }
        long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
        response.setHeader("Retry-After", Long.toString(seconds));
        problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "request.rate-limited",
                "Too many requests from your address; retry in " + seconds + " s.");
        return false;
    }
}
