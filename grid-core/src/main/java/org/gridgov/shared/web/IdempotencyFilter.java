package org.gridgov.shared.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

import org.gridgov.shared.web.IdempotencyStore.StoredResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Honours {@code Idempotency-Key} on creating {@code POST}s under {@code /api/}: the first request with a key runs,
 * its successful response is stored, and a retry with the same key and the same request gets that stored response
 * back (with {@code Idempotent-Replayed: true}) instead of creating a second resource.
 * <ul>
 * <li>same key, different request → 422 {@code idempotency.key-reused}</li>
 * <li>same key while the first is still running → 409 {@code idempotency.in-progress}</li>
 * <li>a failed first request (non-2xx) stores nothing, so the client may fix it and retry with the same key</li>
 * </ul>
 * Keys are scoped to the authenticated principal and kept for {@code gridgov.idempotency.retention}. Multipart
 * uploads (imports, photos) are hashed part by part from the container's parsed parts, so the handler still gets
 * its {@code file} and a retry with a new boundary is still "the same request".
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** Request attribute: the principal and key this filter claimed for the request now running. */
    private static final String CLAIMED_ATTRIBUTE = IdempotencyFilter.class.getName() + ".claimed";
    private static final int MAX_KEY_LENGTH = 255;

    private final IdempotencyStore store;
    private final ProblemWriter problemWriter;

    public IdempotencyFilter(IdempotencyStore store, ProblemWriter problemWriter) {
        this.store = store;
        this.problemWriter = problemWriter;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER).trim();
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            problemWriter.write(response, HttpStatus.BAD_REQUEST, "idempotency.key-invalid",
                    "Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good choice).");
            return;
        }
        boolean multipart = isMultipart(request);
        byte[] body;
        byte[] hash;
        try {
            // a multipart body is parsed by the container (parts kept for the handler, large ones on disk) and hashed
            // part by part, never consumed here: the raw stream read by a wrapper would leave no parts to bind, and
            // its random boundary would make every retry look like another request
            body = multipart ? null : request.getInputStream().readAllBytes();
            hash = multipart ? hashParts(request) : hash(request, body);
        }
        catch (IllegalStateException ex) {
            problemWriter.write(response, HttpStatus.CONTENT_TOO_LARGE, "request.too-large",
                    "The upload exceeds the size limit (spring.servlet.multipart.max-file-size / max-request-size)");
            return;
        }
        catch (ServletException ex) {
            problemWriter.write(response, HttpStatus.BAD_REQUEST, "request.malformed-multipart",
                    "The multipart body cannot be read: " + ex.getMessage());
            return;
        }
        String principal = Optional.ofNullable(request.getUserPrincipal()).map(Principal::getName).orElse("anonymous");

        IdempotencyStore.Claim claim = store.claim(principal, key, hash, request.getMethod(), request.getRequestURI());
        switch (claim.outcome()) {
            case REUSED_WITH_OTHER_REQUEST -> {
                problemWriter.write(response, HttpStatus.UNPROCESSABLE_CONTENT, "idempotency.key-reused",
                        "This Idempotency-Key was already used for a different request.");
                return;
            }
            case IN_PROGRESS -> {
                response.setHeader(HttpHeaders.RETRY_AFTER, "1");
                problemWriter.write(response, HttpStatus.CONFLICT, "idempotency.in-progress",
                        "A request with this Idempotency-Key is still being processed; retry shortly.");
                return;
            }
            case COMPLETED -> {
                replay(claim.response(), response);
                return;
            }
            case CLAIMED -> {
                // run it below
            }
        }

        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean stored = false;
        request.setAttribute(CLAIMED_ATTRIBUTE, principal + '\u0000' + key);
        try {
            chain.doFilter(multipart ? request : new CachedBodyRequest(request, body), captured);
            int status = captured.getStatus();
            if (status >= 200 && status < 300) {
                store.complete(principal, key, new StoredResponse(status, captured.getContentType(),
                        captured.getHeader(HttpHeaders.LOCATION), captured.getHeader(HttpHeaders.ETAG),
                        captured.getContentAsByteArray()));
                stored = true;
            }
        }
        finally {
            if (!stored) {
                store.release(principal, key);
            }
            captured.copyBodyToResponse();
        }
    }

    /**
     * Whether this filter claimed {@code key} for {@code principal} in the request the current thread serves: an
     * earlier request with that key either completed (and is replayed here, never reaching the handler) or is still
     * running (409), so the handler need not look for an earlier result of its own. Within
     * {@code gridgov.idempotency.retention}; beyond it only a unique constraint of the handler's own can tell.
     */
    public static boolean claimedInThisRequest(String principal, String key) {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && (principal + '\u0000' + key).equals(attributes.getRequest().getAttribute(CLAIMED_ATTRIBUTE));
    }

    private static void replay(StoredResponse stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.status());
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, stored.location());
        }
        if (stored.etag() != null) {
            response.setHeader(HttpHeaders.ETAG, stored.etag());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        response.getOutputStream().write(stored.body());
    }

    private static byte[] hash(HttpServletRequest request, byte[] body) {
        MessageDigest digest = digest(request);
        digest.update(body);
        return digest.digest();
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    }

    /**
     * A multipart request's hash over what it means, not its bytes: each part's name, file name, content type and
     * content, read from the parts the container keeps (they can be read again by the handler).
     */
    private static byte[] hashParts(HttpServletRequest request) throws IOException, ServletException {
        MessageDigest digest = digest(request);
        byte[] buffer = new byte[1 << 16];
        for (Part part : request.getParts()) {
            digest.update(("\n--" + part.getName() + '\u0000' + Optional.ofNullable(part.getSubmittedFileName()).orElse("")
                    + '\u0000' + Optional.ofNullable(part.getContentType()).orElse("") + '\n')
                .getBytes(StandardCharsets.UTF_8));
            try (InputStream in = part.getInputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    digest.update(buffer, 0, n);
                }
            }
        }
        return digest.digest();
    }

    private static MessageDigest digest(HttpServletRequest request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethod() + ' ' + request.getRequestURI() + '?'
                    + Optional.ofNullable(request.getQueryString()).orElse("") + '\n').getBytes(StandardCharsets.UTF_8));
            return digest;
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JDK", ex);
        }
    }

    /** Gives the already-read body to the rest of the chain. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    try {
                        return in.available() == 0;
                    }
                    catch (IOException ex) {
                        return true;
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("Body already read: no asynchronous reads");
                }
            };
        }
    }
}
