package io.maximbatch.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.sun.net.httpserver.Headers;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The MaxIM endpoints: request checks and JSON shapes; the data itself lives in {@link SandboxStore}. */
final class MaximApi {

    static final int MAX_BATCH_REGISTER = 100;
    static final int MAX_ROSTER_ADD = 100;
    static final int MAX_INVITE = 500;
    static final int MAX_PUSH_AUDIENCE = 500;
    private static final int DEFAULT_MEMBER_LIMIT = 1000;
    private static final Set<String> AUDIENCE_KEYS = Set.of("tag", "alias", "user_id", "push_token");
    private static final Set<String> PUSH_TYPES = Set.of("text", "image", "cmd");

    record Request(String method, String path, Map<String, String> query, Headers headers, byte[] body) {
    }

    /** Success payload; {@code extra} holds top-level fields beside code/message/data (paging). */
    record Answer(JsonNode data, ObjectNode extra) {
    }

    @FunctionalInterface
    interface Endpoint {
        Answer handle(Request request) throws ApiException;
    }

    private record Route(boolean tokenRequired, Endpoint endpoint) {
    }

    private final SandboxStore store;
    private final String appId;
    private final String accessToken;
    private final JsonMapper json;
    private final Map<String, Map<String, Route>> routes = new HashMap<>();

    MaximApi(SandboxStore store, SandboxOptions options, JsonMapper json) {
        this.store = store;
        this.appId = options.appId();
        this.accessToken = options.accessToken();
        this.json = json;
        route("POST", "/user/register/v2", false, this::registerV2);
        route("POST", "/user/register/batch", true, this::registerBatch);
        route("GET", "/roster/name", true, this::rosterByName);
        route("POST", "/user/add_roster", true, this::addRoster);
        route("GET", "/user/rosters", true, this::rosters);
        route("POST", "/group/create", true, this::createGroup);
        route("POST", "/group/invite", true, this::invite);
        route("GET", "/group/member_list", true, this::memberList);
        route("DELETE", "/group/destroy", true, this::destroyGroup);
        route("GET", "/group/user_joined", true, this::userJoined);
        route("POST", "/group/info/batch", true, this::groupInfoBatch);
        route("GET", "/group/info", true, this::groupInfo);
        route("POST", "/message/send", true, this::sendMessage);
        route("POST", "/push/notify", true, this::pushNotify);
    }

    private void route(String method, String path, boolean tokenRequired, Endpoint endpoint) {
        routes.computeIfAbsent(path, p -> new HashMap<>()).put(method, new Route(tokenRequired, endpoint));
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
                result.put("reason", e.code() + " " + e.getMessage());
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

    private Answer createGroup(Request r) throws ApiException {
        long owner = actingUser(r);
        JsonNode body = body(r);
        String name = text(body, "name");
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("name is required");
        }
        String description = text(body, "description");
        JsonNode typeNode = body.get("type");
        int type = typeNode == null || typeNode.isNull() ? 0 : typeNode.asInt(-1);
        if (type != 0 && type != 2) {
            throw ApiException.badRequest("type must be 0 or 2");
        }
        List<Long> members = longs(body.get("user_list"), "user_list", MAX_INVITE, true);
        SandboxStore.GroupInfo group = store.createGroup(owner, name, description == null ? "" : description,
                type, text(body, "avatar"), members);
        ObjectNode data = groupJson(group);
        data.remove("status");
        return ok(data);
    }

    private Answer invite(Request r) throws ApiException {
        long actor = actingUser(r);
        JsonNode body = body(r);
        long groupId = longField(body, "group_id");
        List<Long> users = longs(body.get("user_list"), "user_list", MAX_INVITE, false);
        ArrayNode data = json.createArrayNode();
        for (SandboxStore.InviteResult result : store.invite(actor, groupId, users)) {
            ObjectNode entry = data.addObject();
            entry.put("user_id", result.userId());
            entry.put("result", result.success() ? "success" : "fail");
            entry.put("reason", result.reason());
        }
        return ok(data);
    }

    private Answer memberList(Request r) throws ApiException {
        long actor = actingUser(r);
        long groupId = parseLong(r.query().get("group_id"), "group_id");
        String cursor = r.query().get("cursor");
        int offset = cursor == null || cursor.isEmpty() ? 0 : (int) parseLong(cursor, "cursor");
        String limitParam = r.query().get("limit");
        int limit = limitParam == null || limitParam.isEmpty()
                ? DEFAULT_MEMBER_LIMIT : (int) parseLong(limitParam, "limit");
        if (offset < 0 || limit <= 0) {
            throw ApiException.badRequest("cursor and limit must be positive");
        }
        SandboxStore.MemberPage page = store.members(actor, groupId, offset, limit);
        ArrayNode data = json.createArrayNode();
        for (SandboxStore.Member member : page.members()) {
            ObjectNode entry = data.addObject();
            entry.put("user_id", member.userId());
            entry.put("join_time", member.joinTime());
        }
        ObjectNode extra = json.createObjectNode();
        int next = offset + page.members().size();
        if (next < page.total()) {
            extra.put("cursor", Integer.toString(next));
        }
        extra.put("total", page.total());
        extra.put("version", page.version());
        return new Answer(data, extra);
    }

    private Answer destroyGroup(Request r) throws ApiException {
        long actor = actingUser(r);
        store.destroyGroup(actor, parseLong(r.query().get("group_id"), "group_id"));
        return ok(json.getNodeFactory().booleanNode(true));
    }

    private Answer userJoined(Request r) throws ApiException {
        ArrayNode data = json.createArrayNode();
        store.groupsJoined(actingUser(r)).forEach(data::add);
        return ok(data);
    }

    /** As the vendor's "Group profile and user settings": the owner is `owner`, and there is no created_at. */
    private Answer groupInfoBatch(Request r) throws ApiException {
        List<Long> ids = longs(body(r).get("group_list"), "group_list", DEFAULT_MEMBER_LIMIT, true);
        ArrayNode data = json.createArrayNode();
        for (SandboxStore.GroupInfo g : store.groupInfos(ids)) {
            ObjectNode node = groupJson(g);
            node.remove("created_at");
            node.set("owner", node.remove("owner_id"));
            data.add(node);
        }
        return ok(data);
    }

    /** GET /group/info: one group's full info, created_at included; 20001 when there is no such group. */
    private Answer groupInfo(Request r) throws ApiException {
        long groupId = parseLong(r.query().get("group_id"), "group_id");
        List<SandboxStore.GroupInfo> found = store.groupInfos(List.of(groupId));
        if (found.isEmpty()) {
            throw new ApiException(20001, "group does not exist");
        }
        return ok(groupJson(found.get(0)));
    }

    private Answer sendMessage(Request r) throws ApiException {
        JsonNode body = body(r);
        List<Long> targets = longs(body.get("targets"), "targets", Integer.MAX_VALUE, false);
        JsonNode typeNode = body.get("type");
        int type = typeNode == null ? -1 : typeNode.asInt(-1);
        if (type != 1 && type != 2) {
            throw ApiException.badRequest("type must be 1 (user) or 2 (group)");
        }
        String content = text(body, "content");
        if (content == null) {
            throw ApiException.badRequest("content is required");
        }
        Long transactionId = optionalLong(body, "transaction_id");
        Long from = optionalLong(body, "from_user_id");
        store.sendMessage(transactionId, type, targets, content, from);
        return ok(json.getNodeFactory().booleanNode(true));
    }

    private Answer pushNotify(Request r) throws ApiException {
        JsonNode body = body(r);
        JsonNode audience = body.get("audience");
        checkAudience(audience);
        JsonNode message = body.get("message");
        checkPushMessage(message);
        String requestId = null;
        JsonNode setting = body.get("setting");
        if (setting != null && !setting.isNull()) {
            if (!setting.isObject()) {
                throw ApiException.badRequest("setting must be an object");
            }
            JsonNode id = setting.get("request_id");
            if (id != null && !id.isNull()) {
                if (!id.isValueNode() || id.asString().isEmpty()) {
                    throw ApiException.badRequest("request_id must be a non-empty string");
                }
                requestId = id.asString();
            }
        }
        ObjectNode data = json.createObjectNode();
        data.put("task_id", store.push(requestId, audience, message));
        return ok(data);
    }

    private static void checkAudience(JsonNode audience) throws ApiException {
        if (audience != null && audience.isString() && audience.asString().equals("all")) {
            return;
        }
        if (audience == null || !audience.isObject() || audience.size() != 1) {
            throw ApiException.badRequest("audience must be \"all\" or an object with one of tag|alias|user_id|push_token");
        }
        String key = audience.propertyNames().iterator().next();
        JsonNode list = audience.get(key);
        if (!AUDIENCE_KEYS.contains(key) || !list.isArray() || list.isEmpty()) {
            throw ApiException.badRequest("audience." + key + " is not a non-empty tag|alias|user_id|push_token list");
        }
        if (list.size() > MAX_PUSH_AUDIENCE) {
            throw new ApiException(12005, "push target list over " + MAX_PUSH_AUDIENCE);
        }
        for (JsonNode entry : list) {
            boolean ok = key.equals("user_id") ? entry.canConvertToLong() && entry.isIntegralNumber()
                    : entry.isString() && !entry.asString().isEmpty();
            if (!ok) {
                throw ApiException.badRequest("audience." + key + " has an invalid entry");
            }
        }
    }

    private static void checkPushMessage(JsonNode message) throws ApiException {
        if (message == null || !message.isObject()) {
            throw ApiException.badRequest("message is required");
        }
        String type = text(message, "type");
        if (type == null || !PUSH_TYPES.contains(type)) {
            throw ApiException.badRequest("message.type must be text, image or cmd");
        }
        String body = text(message, "body");
        if (type.equals("text") && (body == null || body.isEmpty())) {
            throw ApiException.badRequest("message.body is required for text");
        }
        JsonNode ext = message.get("ext");
        if (ext != null && !ext.isNull() && !ext.isObject()) {
            throw ApiException.badRequest("message.ext must be an object");
        }
    }

    private ObjectNode groupJson(SandboxStore.GroupInfo g) {
        ObjectNode node = json.createObjectNode();
        node.put("group_id", g.groupId());
        node.put("owner_id", g.ownerId());
        node.put("name", g.name());
        node.put("description", g.description());
        node.put("type", g.type());
        node.put("avatar", g.avatar());
        node.put("created_at", g.createdAt());
        node.put("count", g.count());
        node.put("status", g.destroyed() ? 1 : 0);
        return node;
    }

    private JsonNode body(Request r) throws ApiException {
        JsonNode node;
        try {
            node = json.readTree(r.body());
        } catch (JacksonException e) {
            throw ApiException.badRequest("malformed JSON body");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("body must be a JSON object");
        }
        return node;
    }

    private long actingUser(Request r) throws ApiException {
        String header = r.headers().getFirst("user_id");
        long id;
        try {
            id = Long.parseLong(header == null ? "" : header.trim());
        } catch (NumberFormatException e) {
            throw ApiException.noUser();
        }
        store.usernameOf(id);
        return id;
    }

    private static Answer ok(JsonNode data) {
        return new Answer(data, null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asString();
    }

    private static long longField(JsonNode node, String field) throws ApiException {
        Long value = optionalLong(node, field);
        if (value == null) {
            throw ApiException.badRequest(field + " is required");
        }
        return value;
    }

    private static Long optionalLong(JsonNode node, String field) throws ApiException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return toLong(value, field);
    }

    private static long toLong(JsonNode value, String field) throws ApiException {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        if (value.isString()) {
            return parseLong(value.asString(), field);
        }
        throw ApiException.badRequest(field + " must be an integer");
    }

    private static long parseLong(String text, String field) throws ApiException {
        try {
            return Long.parseLong(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(field + " must be an integer");
        }
    }

    private static List<Long> longs(JsonNode node, String field, int max, boolean emptyAllowed) throws ApiException {
        if (node == null || node.isNull()) {
            if (emptyAllowed) {
                return List.of();
            }
            throw ApiException.badRequest(field + " is required");
        }
        if (!node.isArray() || (!emptyAllowed && node.isEmpty())) {
            throw ApiException.badRequest(field + " must be a non-empty array of ids");
        }
        if (node.size() > max) {
            throw ApiException.badRequest(field + " holds more than " + max + " ids");
        }
        List<Long> ids = new ArrayList<>(node.size());
        for (JsonNode entry : node) {
            ids.add(toLong(entry, field));
        }
        return ids;
    }
}
