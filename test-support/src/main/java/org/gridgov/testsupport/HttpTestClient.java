package org.gridgov.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Raw HTTP against the running test server: tests send exactly the bytes a client would (malformed JSON
 * included) and see exactly what comes back.
 */
public final class HttpTestClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private HttpTestClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static HttpTestClient at(int port) {
        return new HttpTestClient("http://localhost:" + port);
    }

    public HttpTestClient basicAuth(String username, String password) {
        HttpTestClient copy = copy();
        copy.headers.put("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        return copy;
    }

    public HttpTestClient bearer(String accessToken) {
        return header("Authorization", "Bearer " + accessToken);
    }

    /** A client acting as this caller in a module's own test application (see {@link TestCaller}). */
    public HttpTestClient as(TestCaller caller) {
        return header(TestCaller.HEADER, caller.header());
    }

    public HttpTestClient header(String name, String value) {
        HttpTestClient copy = copy();
        copy.headers.put(name, value);
        return copy;
    }

    private HttpTestClient copy() {
        HttpTestClient copy = new HttpTestClient(baseUrl);
        copy.headers.putAll(headers);
        return copy;
    }

    public Response get(String path) {
        return send(builder(path).GET());
    }

    public Response delete(String path) {
        return send(builder(path).DELETE());
    }

    public Response post(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response patch(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder builder = builder(path).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    /** A multipart/form-data POST with one file part named {@code file}. */
    public Response postFile(String path, String fileName, String contentType, byte[] content) {
        String boundary = "----gridgov" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return send("POST", path, "multipart/form-data; boundary=" + boundary, body);
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        headers.forEach(builder::header);
        return builder;
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * GET of a stream that never ends (Server-Sent Events): the status, the headers and the first event only (up to
     * the first blank line, at most 5 s), then the connection is closed.
     */
    public Response openStream(String path) {
        return openStream(path, 1);
    }

    /**
     * GET of a Server-Sent Events stream: the status, the headers and the first {@code events} events (blocks ended
     * by a blank line; a comment counts), read for at most 5 s, then the connection is closed.
     */
    public Response openStream(String path, int events) {
        HttpRequest request = builder(path).header("Accept", "text/event-stream").GET().build();
        try {
            HttpResponse<java.io.InputStream> response = http.sendAsync(request,
                    HttpResponse.BodyHandlers.ofInputStream()).get(10, java.util.concurrent.TimeUnit.SECONDS);
            StringBuilder head = new StringBuilder();
            java.io.InputStream in = response.body();
            // read on another thread, so that a stream that sends fewer events cannot hold the test past 5 s
            var reading = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    int b;
                    int seen = 0;
                    while (seen < events && (b = in.read()) >= 0) {
                        synchronized (head) {
                            head.append((char) b);
                            if (head.length() > 1 && head.charAt(head.length() - 1) == '\n'
                                    && head.charAt(head.length() - 2) == '\n') {
                                seen++;
                            }
                        }
                    }
                }
                catch (IOException ex) {
                    // closed below after the wait: what was read so far is the answer
                }
            });
            try {
                reading.get(5, java.util.concurrent.TimeUnit.SECONDS);
            }
            catch (java.util.concurrent.TimeoutException ex) {
                // fewer events than asked for within 5 s
            }
            in.close();
            String read;
            synchronized (head) {
                read = head.toString();
            }
            String body = new String(read.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            return new Response(new HeadOnly(response, body));
        }
        catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** A streamed response seen up to its first event. */
    private record HeadOnly(HttpResponse<java.io.InputStream> raw, String body) implements HttpResponse<String> {

        @Override
        public int statusCode() {
            return raw.statusCode();
        }

        @Override
        public HttpRequest request() {
            return raw.request();
        }

        @Override
        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return raw.headers();
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return raw.sslSession();
        }

        @Override
        public URI uri() {
            return raw.uri();
        }

        @Override
        public HttpClient.Version version() {
            return raw.version();
        }
    }

    /** A response with its body parsed on demand. */
    public record Response(HttpResponse<String> raw) {

        public int status() {
            return raw.statusCode();
        }

        public String body() {
            return raw.body();
        }

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return raw.statusCode() + " " + raw.body();
        }
    }
}
