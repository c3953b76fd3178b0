package io.maximbatch.sandbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.Headers;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The MaxIM endpoints by path and method, behind the vendor's app and token checks; each resource's endpoints in a class of its own. */
final class MaximApi {

    record Request(String method, String path, Map<String, String> query, Headers headers, byte[] body) {
    }

    /** Success payload; {@code extra} holds top-level fields beside code/message/data (paging). */
    record Answer(JsonNode data, ObjectNode extra) {
    }

    @FunctionalInterface
    interface Endpoint {
        Answer handle(Request request) throws ApiException;
    }

    /** storage: object storage's, reached by a signed URL, without MaxIM's app id and token. */
    private record Route(boolean tokenRequired, Endpoint endpoint, boolean storage) {
    }

    private final String appId;
    private final String accessToken;
    private final Map<String, Map<String, Route>> routes = new HashMap<>();

    MaximApi(SandboxStore store, SandboxOptions options, JsonMapper json) {
        this.appId = options.appId();
        this.accessToken = options.accessToken();
        for (Endpoints endpoints : List.of(new UserEndpoints(store, json), new GroupEndpoints(store, json), new CampaignEndpoints(store, json),
                new AccountEndpoints(store, json), new FileEndpoints(store, json), new GroupMemberEndpoints(store, json),
                new PushTaskEndpoints(store, json))) {
            endpoints.routes(this);
        }
    }

    void route(String method, String path, boolean tokenRequired, Endpoint endpoint) {
        routes.computeIfAbsent(path, p -> new HashMap<>()).put(method, new Route(tokenRequired, endpoint, false));
    }

    /** A route of the sandbox's object storage (uploads), beside MaxIM's. */
    void storageRoute(String method, String path, Endpoint endpoint) {
        routes.computeIfAbsent(path, p -> new HashMap<>()).put(method, new Route(false, endpoint, true));
    }

    boolean knows(String path) {
        return routes.containsKey(path);
    }

    /** The endpoint for a method and path, auth checks included; null when the path has no such method. */
    Endpoint endpoint(String method, String path) {
        Route route = routes.getOrDefault(path, Map.of()).get(method);
        if (route == null) {
            return null;
        }
        if (route.storage()) {
            return route.endpoint();
        }
        return request -> {
            authorize(request.headers(), route.tokenRequired());
            return route.endpoint().handle(request);
        };
    }

    private void authorize(Headers headers, boolean tokenRequired) throws ApiException {
        if (!appId.equals(headers.getFirst("app_id"))) {
            throw new ApiException(40000, "app_id does not exist");
        }
        if (!tokenRequired) {
            return;
        }
        String token = headers.getFirst("access-token");
        if (token == null || token.isEmpty()) {
            throw new ApiException(10003, "missing access-token");
        }
        if (accessToken != null && !accessToken.equals(token)) {
            throw new ApiException(10008, "invalid access-token");
        }
    }
}
