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
    /** The sandbox's own cap on a /roster/list page, whatever limit asks: clients must follow the cursor. */
    static final int ROSTER_PAGE = 100;
    static final int MAX_USER_PAGE = 200;

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
        api.route("GET", "/roster/list", true, this::rosterList);
        api.route("POST", "/roster/list", true, this::rosterDetails);
        api.route("POST", "/roster/ext", true, this::rosterExt);
        api.route("POST", "/roster/delete", true, this::unfriend);
        api.route("DELETE", "/roster/delete", true, this::unfriend);
        api.route("PUT", "/roster/ext", true, this::rosterExt);
        api.route("POST", "/roster/block", true, this::block);
        api.route("PUT", "/roster/block", true, this::block);
        api.route("GET", "/roster/blocked_list", true, this::blockedList);
        api.route("GET", "/user/list", true, this::userList);
        api.route("POST", "/token/user", false, this::login);
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

    /** POST /token/user {name, password}: a user token when the password is the one registered (10002 otherwise). */
    private Answer login(Request r) throws ApiException {
        JsonNode body = body(r);
        long id = store.login(text(body, "name"), text(body, "password"));
        ObjectNode data = json.createObjectNode();
        data.put("user_id", id);
        data.put("token", "sandbox-user-token-" + id);
        data.put("expire", System.currentTimeMillis() / 1000 + 3600);
        return ok(data);
    }

    private Answer registerBatch(Request r) throws ApiException {
        JsonNode list = body(r).get("list");
        if (list != null && !list.isNull() && !list.isArray()) {
            throw ApiException.unreadable("list must be an array");
        }
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

    /**
     * GET /roster/list as the user: the ids of its roster, a page at a time, the next page's cursor in the envelope. The
     * vendor's list is "incremental data, to merge": deleted friends and blacklisted users are listed too, as the least
     * convenient reading; only POST /roster/list's relation tells a friend.
     */
    private Answer rosterList(Request r) throws ApiException {
        List<Long> friends = List.copyOf(store.rosterEntries(actingUser(r)).keySet());
        Paging paging = paging(r, ROSTER_PAGE, ROSTER_PAGE);
        ArrayNode data = json.createArrayNode();
        friends.stream().skip(paging.offset()).limit(paging.limit()).forEach(data::add);
        return new Answer(data, pageFields(Math.min(friends.size(), paging.offset() + paging.limit()), friends.size(), 1));
    }

    /** /roster/delete?user_id=friend as the user: the friend leaves its list; 10007 when it is not in it. */
    private Answer unfriend(Request r) throws ApiException {
        store.removeFriend(actingUser(r), parseLong(r.query().get("user_id"), "user_id"));
        return ok(json.getNodeFactory().booleanNode(true));
    }

    /** POST /roster/ext as the user: the remark (alias) it gives a friend; 10007 when they are not friends. */
    private Answer rosterExt(Request r) throws ApiException {
        long userId = actingUser(r);
        JsonNode body = body(r);
        long friendId = longField(body, "user_id");
        if (!store.rosterOf(userId).containsKey(friendId)) {
            throw new ApiException(10007, "friend does not exist or expired");
        }
        String alias = text(body, "alias");
        if (alias != null) {
            store.accountStore().remark(userId, friendId, alias);
        }
        return ok(json.getNodeFactory().booleanNode(true));
    }

    /**
     * POST /roster/list as the user: details (username, alias, relation, the friend's nick_name, description, avatar)
     * of those of the ids in its roster; a deleted
     * friend keeps the remark it was given, so only the relation (0) tells a friendship.
     */
    private Answer rosterDetails(Request r) throws ApiException {
        long userId = actingUser(r);
        List<Long> ids = longs(body(r).get("list"), "list", Integer.MAX_VALUE, false);
        var entries = store.rosterEntries(userId);
        ArrayNode data = json.createArrayNode();
        for (long id : ids) {
            if (entries.containsKey(id)) {
                ObjectNode item = data.addObject();
                item.put("user_id", id);
                item.put("username", store.usernameOf(id));
                item.put("alias", store.accountStore().remarkOf(userId, id));
                item.put("relation", entries.get(id));
                // The friend's own profile fields, as RosterItemDto documents them ("nickname or name").
                SandboxState.AccountView friend = store.accountStore().view(id);
                item.put("nick_name", friend.nickName() == null ? store.usernameOf(id) : friend.nickName());
                item.put("description", friend.description());
                item.put("avatar", friend.avatar());
            }
        }
        return ok(data);
    }

    /** /roster/block?user_id=other as the user: blacklists the other. */
    private Answer block(Request r) throws ApiException {
        store.block(actingUser(r), parseLong(r.query().get("user_id"), "user_id"));
        return ok(json.getNodeFactory().booleanNode(true));
    }

    /** GET /roster/blocked_list as the user: the ids it blacklisted (the Swagger's Response«List«long»», unpaged). */
    private Answer blockedList(Request r) throws ApiException {
        ArrayNode data = json.createArrayNode();
        store.blocked(actingUser(r)).forEach(data::add);
        return ok(data);
    }

    /** GET /user/list: the app's users by page_num (from 1) and page_size (1 to 200, default 50), with their status. */
    private Answer userList(Request r) throws ApiException {
        int pageNum = r.query().get("page_num") == null ? 1 : (int) parseLong(r.query().get("page_num"), "page_num");
        int pageSize = r.query().get("page_size") == null ? 50 : (int) parseLong(r.query().get("page_size"), "page_size");
        if (pageNum < 1 || pageSize < 1 || pageSize > MAX_USER_PAGE) {
            throw ApiException.badRequest("page_num must be at least 1 and page_size from 1 to " + MAX_USER_PAGE);
        }
        ArrayNode data = json.createArrayNode();
        store.usersById().entrySet().stream().skip((long) (pageNum - 1) * pageSize).limit(pageSize).forEach(user -> {
            ObjectNode entry = data.addObject();
            entry.put("user_id", user.getKey());
            entry.put("username", user.getValue());
            // "0-normal, 1-ban": the only read of the disabled flag the vendor offers.
            entry.put("status", store.accountStore().view(user.getKey()).disabled() ? 1 : 0);
        });
        return ok(data);
    }
}
