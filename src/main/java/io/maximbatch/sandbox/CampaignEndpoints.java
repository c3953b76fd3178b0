package io.maximbatch.sandbox;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.maximbatch.sandbox.MaximApi.Answer;
import io.maximbatch.sandbox.MaximApi.Request;

/** The campaign endpoints of the sandbox: system messages and pushes, each executed once per idempotency key. */
final class CampaignEndpoints extends Endpoints {

    static final int MAX_PUSH_AUDIENCE = 500;
    private static final Set<String> AUDIENCE_KEYS = Set.of("tag", "alias", "user_id", "push_token");
    private static final Set<String> PUSH_TYPES = Set.of("text", "image", "cmd");

    private final AtomicLong messageIds = new AtomicLong(7_000_000);

    CampaignEndpoints(SandboxStore store, JsonMapper json) {
        super(store, json);
    }

    @Override
    void routes(MaximApi api) {
        api.route("POST", "/message/send", true, this::sendMessage);
        api.route("POST", "/push/notify", true, this::pushNotify);
    }

    private Answer sendMessage(Request r) throws ApiException {
        JsonNode body = body(r);
        List<Long> targets = longs(body.get("targets"), "targets", Integer.MAX_VALUE, false);
        JsonNode typeNode = body.get("type");
        if (typeNode != null && !typeNode.isNull() && !typeNode.isIntegralNumber()) {
            throw ApiException.unreadable("type must be a JSON integer");
        }
        int type = typeNode == null || typeNode.isNull() ? -1 : typeNode.asInt();
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
        // As the vendor's SendMessageResponse: msg_ids beside the data, for one receiver only.
        ObjectNode extra = json.createObjectNode();
        if (targets.size() == 1) {
            extra.putArray("msg_ids").add(messageIds.incrementAndGet());
        }
        return new Answer(json.getNodeFactory().booleanNode(true), extra);
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
        data.put("task_id", store.push(requestId, audience, message, reached(audience)));
        return ok(data);
    }

    /** Who a push reaches: everyone, its user ids, or the users holding one of its tags or aliases (push tokens: none here). */
    private Set<Long> reached(JsonNode audience) {
        if (audience.isString()) {
            return Set.copyOf(store.usersByName().values());
        }
        String key = audience.propertyNames().iterator().next();
        List<String> values = new java.util.ArrayList<>();
        audience.get(key).forEach(v -> values.add(v.asString()));
        return switch (key) {
            case "user_id" -> Set.copyOf(values.stream().map(Long::parseLong).toList());
            case "tag" -> store.accountStore().tagged(values);
            case "alias" -> store.accountStore().aliased(values);
            default -> Set.of();
        };
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
            if (key.equals("user_id")) {
                toLong(entry, "audience.user_id");
            } else if (!entry.isString() || entry.asString().isEmpty()) {
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
}
