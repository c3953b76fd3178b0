package io.maximbatch.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small MaxIM caller for the tests, speaking as the admin of the sandbox app unless told otherwise. */
final class SandboxClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Reply(int status, HttpHeaders headers, JsonNode body) {
        int code() {
            return body.path("code").asInt();
        }

        JsonNode data() {
            return body.path("data");
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final URI endpoint;
    private final Map<String, String> headers = new LinkedHashMap<>();

    SandboxClient(SandboxServer server) {
        this.endpoint = server.endpoint();
        headers.put("app_id", "sandbox");
        headers.put("access-token", "sandbox-token");
    }

    private SandboxClient(URI endpoint, Map<String, String> headers) {
        this.endpoint = endpoint;
        this.headers.putAll(headers);
    }

    /** A copy sending {@code value} in header {@code name}; a null value leaves the header out. */
    SandboxClient with(String name, String value) {
        SandboxClient copy = new SandboxClient(endpoint, headers);
        if (value == null) {
            copy.headers.remove(name);
        } else {
            copy.headers.put(name, value);
        }
        return copy;
    }

    SandboxClient as(long userId) {
        return with("user_id", Long.toString(userId));
    }

    Reply post(String path, Object body) throws IOException, InterruptedException {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return send("POST", path, HttpRequest.BodyPublishers.ofString(text));
    }

    Reply put(String path, Object body) throws IOException, InterruptedException {
        return send("PUT", path, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send("GET", path, HttpRequest.BodyPublishers.noBody());
    }

    Reply delete(String path) throws IOException, InterruptedException {
        return send("DELETE", path, HttpRequest.BodyPublishers.noBody());
    }

    long register(String username) throws IOException, InterruptedException {
        Reply reply = post("/user/register/v2", Map.of("username", username, "password", "secret"));
        if (reply.code() != 200) {
            throw new IllegalStateException("registration of " + username + " failed: " + reply.body());
        }
        return reply.data().path("user_id").asLong();
    }

    CompletableFuture<Reply> postAsync(String path, Object body) {
        String text = JSON.writeValueAsString(body);
        return http.sendAsync(request("POST", path, HttpRequest.BodyPublishers.ofString(text)),
                HttpResponse.BodyHandlers.ofString()).thenApply(SandboxClient::reply);
    }

    private Reply send(String method, String path, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        return reply(http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpRequest request(String method, String path, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .method(method, body);
        headers.forEach(request::header);
        return request.build();
    }

    private static Reply reply(HttpResponse<String> response) {
        JsonNode json = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
        return new Reply(response.statusCode(), response.headers(), json);
    }
}
