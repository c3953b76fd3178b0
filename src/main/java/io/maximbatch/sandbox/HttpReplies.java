package io.maximbatch.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Writing answers on a JDK HttpExchange. */
final class HttpReplies {

    private HttpReplies() {
    }

    static ObjectNode error(JsonMapper json, int code, String message) {
        ObjectNode reply = json.createObjectNode();
        reply.put("code", code);
        reply.put("message", message);
        reply.putNull("data");
        return reply;
    }

    static void send(HttpExchange exchange, ObjectNode reply) throws IOException {
        send(exchange, 200, reply);
    }

    static void send(HttpExchange exchange, int status, ObjectNode reply) throws IOException {
        byte[] bytes = reply.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** An answer with no body; {@code retryAfter} becomes the Retry-After header when not null. */
    static void sendStatus(HttpExchange exchange, int status, String retryAfter) throws IOException {
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
