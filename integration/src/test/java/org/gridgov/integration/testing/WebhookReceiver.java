package org.gridgov.integration.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.gridgov.integration.webhook.WebhookSignature;

/**
 * A webhook receiver on a local port, as an integrator would run one: it verifies each request's signature with the
 * subscription secret and records what arrived. How it answers is up to the test (fail for a while, hang, recover).
 * Shared with the web app's console test through integration's test-jar.
 */
public final class WebhookReceiver implements AutoCloseable {

    public record Received(String eventId, String type, String body, boolean signatureValid, int answered) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile String secret = "";
    /** Status to answer the n-th request (1-based) with. */
    private volatile IntUnaryOperator answer = n -> 200;
    private volatile CountDownLatch hold;
    private final CountDownLatch held = new CountDownLatch(1);

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public WebhookReceiver secret(String secret) {
        this.secret = secret;
        return this;
    }

    public WebhookReceiver answering(IntUnaryOperator answer) {
        this.answer = answer;
        return this;
    }

    /** The next request hangs until {@link #release()}. */
    public WebhookReceiver holdNext() {
        this.hold = new CountDownLatch(1);
        return this;
    }

    public boolean awaitHeld(long seconds) throws InterruptedException {
        return held.await(seconds, TimeUnit.SECONDS);
    }

    public void release() {
        CountDownLatch h = hold;
        hold = null;
        if (h != null) {
            h.countDown();
        }
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int n = requests.incrementAndGet();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        CountDownLatch h = hold;
        if (h != null) {
            held.countDown();
            try {
                h.await(60, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        boolean valid = WebhookSignature.verify(secret, exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                body, Instant.now().getEpochSecond(), 300);
        int status = answer.applyAsInt(n);
        received.add(new Received(exchange.getRequestHeaders().getFirst("X-GridGov-Event-Id"),
                exchange.getRequestHeaders().getFirst("X-GridGov-Event-Type"), body, valid, status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }

}
