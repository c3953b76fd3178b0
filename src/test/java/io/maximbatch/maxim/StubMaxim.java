package io.maximbatch.maxim;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** A scripted HTTP server for answers the sandbox never gives; records every request it receives. */
final class StubMaxim implements AutoCloseable {

    static {
        // the JDK server writes headers and body separately; without this every answer waits for a delayed ACK
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    record Answer(int status, Map<String, String> headers, String body) {
        static Answer ok(String dataJson) {
            return json("{\"code\":200,\"message\":null,\"data\":" + dataJson + "}");
        }

        static Answer json(String body) {
            return new Answer(200, Map.of("Content-Type", "application/json"), body);
        }

        static Answer status(int status) {
            return new Answer(status, Map.of(), null);
        }
    }

    record Seen(String method, String pathAndQuery, Headers headers, String body, long atNanos) {
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private volatile Answer otherwise = Answer.status(500);
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    StubMaxim() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers in this order, one per request; after them, {@link #thenAlways}'s answer. */
    StubMaxim answer(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    StubMaxim thenAlways(Answer answer) {
        otherwise = answer;
        return this;
    }

    /** A client of this server as MaximConfiguration builds one, with quick retries (a Retry-After of up to 2 s honoured). */
    MaximClient client() {
        RetrySettings fast = new RetrySettings(3, java.time.Duration.ofMillis(10), 2.0, java.time.Duration.ofSeconds(2),
                java.time.Duration.ofSeconds(10));
        return new MaximClient(new MaximTransport(new MaximEndpoint(uri(), "app", "token"),
                MaximTransport.defaultHttpClient(java.time.Duration.ofSeconds(2)), java.time.Duration.ofSeconds(2)), new CallGuard(1000, fast));
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    int attempts() {
        return seen.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                exchange.getRequestHeaders(), body, System.nanoTime()));
        Answer answer = script.poll();
        if (answer == null) {
            answer = otherwise;
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (answer.body() == null) {
            exchange.sendResponseHeaders(answer.status(), -1);
            exchange.close();
            return;
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
