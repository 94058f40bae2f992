package org.gridgov.grid.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Latency of {@code GET /api/v1/grids/{id}/figures} per grid level, over HTTP against a running application.
 * Not a test: run by {@code benchmarks/grid/run.sh}.
 * <p>
 * Reads {@code --requests=file} with one {@code LABEL path} per line, e.g. {@code DISTRICT /api/v1/grids/1/figures}
 * (the order is the order of the requests; run.sh writes it: every district twice, random nodes of the other
 * levels, and {@code AUTH_BASELINE} requests of a one-row authenticated endpoint, which show what authentication
 * and the request path alone cost), sends the first {@code --warmup} requests unmeasured, then one request at a time
 * over one keep-alive connection, timing each from send to the last byte of the body. Prints
 * {@code figures_<LABEL>_p50_ms=…} etc. and writes them to {@code --out}. Any answer other than 200 fails the run.
 * <p>
 * Arguments: {@code --base=http://127.0.0.1:18080 --authorization="Bearer …" (or --user=admin --password=… for
 * HTTP Basic) --requests=file [--warmup=60] [--out=file]}.
 */
public final class FiguresBenchmark {

    private FiguresBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = LocateBenchmark.options(args);
        String base = opts.getOrDefault("base", "http://127.0.0.1:18080");
        // an Authorization header value ("Bearer <jwt>"), or HTTP Basic from --user/--password
        String auth = opts.containsKey("authorization") ? opts.get("authorization")
                : "Basic " + Base64.getEncoder().encodeToString(
                        (opts.getOrDefault("user", "admin") + ":" + opts.getOrDefault("password", ""))
                            .getBytes(StandardCharsets.UTF_8));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "60"));
        List<String[]> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(opts.get("requests")))) {
            if (!line.isBlank()) {
                nodes.add(line.trim().split("\\s+"));
            }
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, List<Long>> byType = new LinkedHashMap<>();
        long bytes = 0;
        for (int i = 0; i < nodes.size(); i++) {
            String type = nodes.get(i)[0];
            String path = nodes.get(i)[1];
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", auth).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60)).GET().build();
            long t0 = System.nanoTime();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long nanos = System.nanoTime() - t0;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " (" + type + ") answered "
                        + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
            }
            bytes += response.body().length;
            if (i >= warmup) {
                byType.computeIfAbsent(type, k -> new ArrayList<>()).add(nanos);
            }
        }
        StringBuilder out = new StringBuilder();
        int measured = 0;
        for (var entry : byType.entrySet()) {
            long[] sorted = entry.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            measured += sorted.length;
            String prefix = "figures_" + entry.getKey() + "_";
            line(out, prefix + "n", Integer.toString(sorted.length));
            line(out, prefix + "p50_ms", ms(LocateBenchmark.percentile(sorted, 0.50)));
            line(out, prefix + "p95_ms", ms(LocateBenchmark.percentile(sorted, 0.95)));
            line(out, prefix + "p99_ms", ms(LocateBenchmark.percentile(sorted, 0.99)));
            line(out, prefix + "max_ms", ms(sorted[sorted.length - 1]));
        }
        line(out, "figures_measured", Integer.toString(measured));
        line(out, "figures_warmup", Integer.toString(Math.min(warmup, nodes.size())));
        line(out, "figures_body_bytes_total", Long.toString(bytes));
        if (opts.containsKey("out")) {
            try {
                Files.writeString(Path.of(opts.get("out")), out);
            }
            catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        }
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(key).append('=').append(value).append('\n');
        System.out.println(key + "=" + value);
    }

    private static String ms(long nanos) {
        return String.format("%.2f", nanos / 1e6);
    }
}
