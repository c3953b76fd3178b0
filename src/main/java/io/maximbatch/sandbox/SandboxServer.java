package io.maximbatch.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-process MaxIM-compatible server on 127.0.0.1 with switchable faults, for tests and the
 * {@code sandbox} command. {@code GET /sandbox/state} and {@code PUT /sandbox/faults} serve out-of-process tests.
 */
public final class SandboxServer implements AutoCloseable {

    private static final int WORKER_THREADS = 32;
    private static final int BACKLOG = 1024;

    static {
        // the JDK server writes headers and body separately; with Nagle on, every answer waits ~40 ms for an ACK
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer http;
    private final ExecutorService workers;
    private final ScheduledExecutorService delayer;
    private final SandboxFaults faults;
    private final SandboxStore store;
    private final JsonMapper json = JsonMapper.builder().build();
    private final MaximApi api;
    private final ItemsServed items = new ItemsServed(json);
    private final SandboxControl control;

    private SandboxServer(SandboxOptions options) throws IOException {
        this.faults = new SandboxFaults(options.faults());
        this.store = new SandboxStore(options.transactionWindow());
        this.api = new MaximApi(store, options, json);
        this.control = new SandboxControl(store, faults, json);
        this.workers = Executors.newFixedThreadPool(WORKER_THREADS, daemonThreads("sandbox-worker-"));
        this.delayer = Executors.newScheduledThreadPool(2, daemonThreads("sandbox-delay-"));
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port());
        this.http = HttpServer.create(address, BACKLOG);
        http.setExecutor(workers);
        http.createContext("/", this::handle);
        http.start();
    }

    /** Binds 127.0.0.1:{@code options.port()} and starts serving. */
    public static SandboxServer start(SandboxOptions options) {
        try {
            return new SandboxServer(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the sandbox on port " + options.port(), e);
        }
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public SandboxFaults faults() {
        return faults;
    }

    /** Items the requests served carried, by call ("POST /group/invite": the users of each invite added up). */
    public Map<String, Long> itemsByCall() {
        return items.byCall();
    }

    public SandboxState state() {
        return store;
    }

    @Override
    public void close() {
        http.stop(0);
        delayer.shutdownNow();
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (path.startsWith("/sandbox/")) {
                SandboxControl.Reply reply = control.handle(method, path, body);
                HttpReplies.send(exchange, reply.status(), reply.body());
                return;
            }
            if (path.startsWith(FileEndpoints.FILES) && method.equals("GET")) {
                StoredFiles.serve(exchange, store.files(), path.substring(FileEndpoints.FILES.length()));
                return;
            }
            MaximApi.Endpoint endpoint = faults.isUnknown(path) ? null : api.endpoint(method, path);
            if (endpoint == null) {
                HttpReplies.sendStatus(exchange, api.knows(path) && !faults.isUnknown(path) ? 405 : 404, null);
                return;
            }
            SandboxFaults.Settings settings = faults.settings();
            if (!faults.admit(settings.rateLimit())) {
                store.tooMany.incrementAndGet();
                HttpReplies.sendStatus(exchange, 429, "1");
                return;
            }
            store.countServed(System.currentTimeMillis(), method + " " + path);
            items.count(method + " " + path, body);
            var request = new MaximApi.Request(method, path, query(exchange.getRequestURI()),
                    exchange.getRequestHeaders(), body);
            if (settings.latencyMs() > 0) {
                // a timer instead of a sleeping thread, so slow answers never starve the pool
                delayer.schedule(() -> workers.execute(() -> answer(exchange, endpoint, request)),
                        settings.latencyMs(), TimeUnit.MILLISECONDS);
            } else {
                answer(exchange, endpoint, request);
            }
        } catch (IOException | RuntimeException e) {
            exchange.close();
        }
    }

    private void answer(HttpExchange exchange, MaximApi.Endpoint endpoint, MaximApi.Request request) {
        try {
            SandboxFaults.Settings settings = faults.settings();
            // Object storage answers HTTP statuses: MaxIM's codes (20000, 20006, forced) are not its faults.
            boolean maxim = !request.path().equals(FileEndpoints.UPLOAD);
            Integer forced;
            if (faults.roll(settings.preset())) {
                // closed before any work and any header: the client cannot tell this from a dropped answer
                exchange.close();
            } else if (faults.roll(settings.p503())) {
                HttpReplies.sendStatus(exchange, 503, null);
            } else if (maxim && faults.roll(settings.p20000())) {
                HttpReplies.send(exchange, HttpReplies.error(json, 20000, "server database exception"));
            } else if (maxim && faults.roll(settings.p20006())) {
                HttpReplies.send(exchange, HttpReplies.error(json, 20006, "group in repair mode"));
            } else if (maxim && settings.forcedCode() != null) {
                HttpReplies.send(exchange, HttpReplies.error(json, settings.forcedCode(), "forced by the sandbox"));
            } else if (maxim && (forced = faults.forcedCodeThis(request.path())) != null) {
                if (forced >= 500 && forced <= 599) {
                    HttpReplies.sendStatus(exchange, forced, null);
                } else {
                    HttpReplies.send(exchange, HttpReplies.error(json, forced, "forced by the sandbox"));
                }
            } else {
                ObjectNode reply = outcome(endpoint, request);
                int status = reply.path("status").asInt(200);
                if (status == 200 && faults.nullUserIdThis(request.path()) && reply.path("data").path(0).isObject()) {
                    ((ObjectNode) reply.path("data").path(0)).putNull("user_id");
                }
                if (status != 200) {
                    // Refused before any work: no fault applies to an answer the vendor's framework gives.
                    HttpReplies.send(exchange, status, reply);
                } else if (faults.dropThis(request.path()) || faults.roll(settings.pdrop())) {
                    // closing before any header is sent aborts the connection: the client sees an I/O error
                    exchange.close();
                } else if (faults.roll(settings.pslow())) {
                    // the work is done; the answer comes after the client has given up waiting
                    delayer.schedule(() -> workers.execute(() -> sendQuietly(exchange, reply)), settings.slowMs(), TimeUnit.MILLISECONDS);
                } else {
                    HttpReplies.send(exchange, reply);
                }
            }
        } catch (IOException | RuntimeException e) {
            exchange.close();
        } catch (Error e) {
            // Never an exchange left open: the client would wait for its timeout and the connection would leak.
            exchange.close();
            throw e;
        }
    }

    private static void sendQuietly(HttpExchange exchange, ObjectNode reply) {
        try {
            HttpReplies.send(exchange, reply);
        } catch (IOException | RuntimeException e) {
            exchange.close();
        }
    }

    private ObjectNode outcome(MaximApi.Endpoint endpoint, MaximApi.Request request) {
        if (faults.answerFalseThis(request.path())) {
            return FaultAnswers.answerFalse(json);
        }
        String failing = faults.failItemsThis(request.path());
        if (failing != null) {
            return FaultAnswers.failedItems(json, request.body(), failing);
        }
        try {
            MaximApi.Answer answer = endpoint.handle(request);
            ObjectNode reply = json.createObjectNode();
            reply.put("code", 200);
            reply.putNull("message");
            reply.set("data", answer.data());
            if (answer.extra() != null) {
                reply.setAll(answer.extra());
            }
            return reply;
        } catch (ApiException e) {
            if (e.httpStatus() != 200) {
                // As Spring answers a body it cannot bind: no MaxIM envelope, no code.
                ObjectNode problem = json.createObjectNode();
                problem.put("status", e.httpStatus());
                problem.put("error", "Bad Request");
                problem.put("message", e.getMessage());
                problem.put("path", request.path());
                return problem;
            }
            return HttpReplies.error(json, e.code(), e.getMessage());
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
        threads.setDaemon(true);
        return threads;
    }
}
