package io.maximbatch.sandbox;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.maximbatch.sandbox.MaximApi.Answer;
import io.maximbatch.sandbox.MaximApi.Request;

/** The user and roster endpoints of the sandbox: registration, look-up by name, friend lists. */
final class UserEndpoints extends Endpoints {

    static final int MAX_BATCH_REGISTER = 100;
    static final int MAX_ROSTER_ADD = 100;

    UserEndpoints(SandboxStore store, JsonMapper json) {
        super(store, json);
    }

    @Override
    void routes(MaximApi api) {
        api.route("POST", "/user/register/v2", false, this::registerV2);
        api.route("POST", "/user/register/batch", true, this::registerBatch);
        api.route("GET", "/roster/name", true, this::rosterByName);
        api.route("POST", "/user/add_roster", true, this::addRoster);
        api.route("GET", "/user/rosters", true, this::rosters);
    }

    private Answer registerV2(Request r) throws ApiException {
        JsonNode body = body(r);
        String username = text(body, "username");
        long id = store.register(username, text(body, "password"));
        ObjectNode data = json.createObjectNode();
        data.put("user_id", id);
        data.put("username", username);
        data.putNull("nick_name");
        data.put("auth_mode", 1);
        return ok(data);
    }

    private Answer registerBatch(Request r) throws ApiException {
        JsonNode list = body(r).get("list");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw ApiException.badRequest("list must be a non-empty array");
        }
        if (list.size() > MAX_BATCH_REGISTER) {
            throw ApiException.badRequest("at most " + MAX_BATCH_REGISTER + " users per call");
        }
        ArrayNode data = json.createArrayNode();
        for (JsonNode item : list) {
            String username = item.isObject() ? text(item, "username") : null;
            ObjectNode result = data.addObject();
            try {
                long id = store.register(username, item.isObject() ? text(item, "password") : null);
                result.put("user_id", id);
                result.put("username", username);
                result.put("success", true);
                result.putNull("reason");
            } catch (ApiException e) {
                result.putNull("user_id");
                result.put("username", username);
                result.put("success", false);
                // The vendor documents the reason as text only: no code in it.
                result.put("reason", e.getMessage());
            }
        }
        return ok(data);
    }

    private Answer rosterByName(Request r) throws ApiException {
        String username = r.query().get("username");
        if (username == null || username.isEmpty()) {
            throw ApiException.badRequest("username is required");
        }
        long id = store.userIdOf(username).orElseThrow(ApiException::noUser);
        ObjectNode data = json.createObjectNode();
        data.put("user_id", id);
        data.put("username", username);
        data.putNull("nick_name");
        return ok(data);
    }

    private Answer addRoster(Request r) throws ApiException {
        long userId = actingUser(r);
        List<Long> ids = longs(body(r).get("list"), "list", MAX_ROSTER_ADD, false);
        store.addFriends(userId, ids);
        return ok(json.getNodeFactory().booleanNode(true));
    }

    private Answer rosters(Request r) throws ApiException {
        ArrayNode data = json.createArrayNode();
        store.rosterOf(actingUser(r)).forEach((id, name) -> {
            ObjectNode entry = data.addObject();
            entry.put("user_id", id);
            entry.put("name", name);
        });
        return ok(data);
    }
}
