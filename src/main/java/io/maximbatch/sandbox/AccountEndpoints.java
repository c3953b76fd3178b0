package io.maximbatch.sandbox;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.maximbatch.sandbox.MaximApi.Answer;
import io.maximbatch.sandbox.MaximApi.Request;

/**
 * The account endpoints of the sandbox: profiles and avatars in batches (per-item results), disabling, push tags and
 * aliases bound as the user, and a user's profile read as the user.
 */
final class AccountEndpoints extends Endpoints {

    /** The sandbox's own cap on a batch of profiles or avatars (the vendor documents none). */
    static final int MAX_BATCH = 100;

    private final SandboxAccounts accounts;

    AccountEndpoints(SandboxStore store, JsonMapper json) {
        super(store, json);
        this.accounts = store.accountStore();
    }

    @Override
    void routes(MaximApi api) {
        for (String method : List.of("POST", "PUT")) {
            api.route(method, "/user/profile/batch", true, this::profiles);
            api.route(method, "/user/avatar/batch", true, this::avatars);
        }
        api.route("PUT", "/user/disable", true, r -> disable(r, true));
        api.route("PUT", "/user/enable", true, r -> disable(r, false));
        api.route("GET", "/user/push/tag", true, this::tags);
        api.route("POST", "/user/push/tag", true, r -> bindTags(r, true));
        api.route("DELETE", "/user/push/tag", true, r -> bindTags(r, false));
        api.route("POST", "/user/push/alias", true, this::alias);
        api.route("GET", "/user/profile", true, this::profile);
        api.route("GET", "/user/settings", true, this::settings);
        api.route("POST", "/user/settings", true, this::changeSettings);
        api.route("PUT", "/user/settings", true, this::changeSettings);
    }

    private Answer profiles(Request r) throws ApiException {
        return perItem(r, item -> accounts.profile(item.path("user_id").asLong(), text(item, "nick_name"), text(item, "description"),
                text(item, "public_info"), text(item, "private_info")), null);
    }

    private Answer avatars(Request r) throws ApiException {
        return perItem(r, item -> accounts.avatar(item.path("user_id").asLong(), text(item, "avatar")), "avatar");
    }

    /** A batch of {user_id, ...} items: each applied on its own, answered {user_id, success, reason}. */
    private Answer perItem(Request r, ItemUpdate update, String required) throws ApiException {
        JsonNode list = body(r).get("list");
        if (list != null && !list.isNull() && !list.isArray()) {
            throw ApiException.unreadable("list must be an array");
        }
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_BATCH) {
            throw ApiException.badRequest("list must hold 1 to " + MAX_BATCH + " items");
        }
        for (JsonNode item : list) {
            if (!item.isObject()) {
                throw ApiException.unreadable("list must hold objects");
            }
            toLong(item.path("user_id").isMissingNode() ? json.nullNode() : item.get("user_id"), "user_id");
        }
        ArrayNode data = json.createArrayNode();
        for (JsonNode item : list) {
            ObjectNode result = data.addObject();
            long userId = item.path("user_id").asLong(0);
            result.put("user_id", userId);
            String problem = !store.hasUser(userId) ? "User does not exist"
                    : required != null && text(item, required) == null ? required + " is required" : null;
            if (problem == null) {
                update.apply(item);
            }
            result.put("success", problem == null);
            if (problem == null) {
                result.putNull("reason");
            } else {
                result.put("reason", problem);
            }
        }
        return ok(data);
    }

    private interface ItemUpdate {
        void apply(JsonNode item);
    }

    private Answer disable(Request r, boolean disabled) throws ApiException {
        List<Long> ids = longs(body(r).get("list"), "list", Integer.MAX_VALUE, false);
        for (long id : ids) {
            store.usernameOf(id);
        }
        accounts.disabled(ids, disabled);
        return ok(json.getNodeFactory().booleanNode(true));
    }

    private Answer tags(Request r) throws ApiException {
        ArrayNode data = json.createArrayNode();
        accounts.view(actingUser(r)).tags().forEach(data::add);
        return ok(data);
    }

    private Answer bindTags(Request r, boolean bind) throws ApiException {
        long userId = actingUser(r);
        JsonNode tags = body(r).get("tags");
        if (tags == null || !tags.isArray() || tags.isEmpty()) {
            throw ApiException.badRequest("tags must be a non-empty list");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode tag : tags) {
            if (!tag.isString() || tag.asString().isBlank()) {
                throw ApiException.badRequest("tags must be texts");
            }
            values.add(tag.asString());
        }
        if (bind) {
            accounts.bindTags(userId, values);
        } else {
            accounts.unbindTags(userId, values);
        }
        return ok(json.getNodeFactory().booleanNode(true));
    }

    private Answer alias(Request r) throws ApiException {
        long userId = actingUser(r);
        String alias = text(body(r), "alias");
        if (alias == null || alias.isBlank()) {
            throw ApiException.badRequest("alias is required");
        }
        accounts.alias(userId, alias);
        return ok(json.getNodeFactory().booleanNode(true));
    }

    /** GET /user/settings as the user: the settings the sandbox keeps (group_confirm). */
    private Answer settings(Request r) throws ApiException {
        long userId = actingUser(r);
        ObjectNode data = json.createObjectNode();
        data.put("user_id", userId);
        data.put("group_confirm", accounts.groupConfirm(userId));
        return ok(data);
    }

    /** POST /user/settings as the user: of the UserSettings, the sandbox keeps group_confirm (the others are accepted). */
    private Answer changeSettings(Request r) throws ApiException {
        long userId = actingUser(r);
        JsonNode confirm = body(r).get("group_confirm");
        if (confirm != null && !confirm.isNull()) {
            if (!confirm.isBoolean()) {
                throw ApiException.unreadable("group_confirm must be a JSON boolean");
            }
            accounts.groupConfirm(userId, confirm.asBoolean());
        }
        return ok(json.getNodeFactory().booleanNode(true));
    }

    /** GET /user/profile as the user: its UserProfileDto. */
    private Answer profile(Request r) throws ApiException {
        long userId = actingUser(r);
        SandboxState.AccountView account = accounts.view(userId);
        ObjectNode data = json.createObjectNode();
        data.put("user_id", userId);
        data.put("username", store.usernameOf(userId));
        data.put("nick_name", account.nickName());
        data.put("description", account.description());
        data.put("avatar", account.avatar());
        data.put("public_info", account.publicInfo());
        data.put("private_info", account.privateInfo());
        return ok(data);
    }
}
