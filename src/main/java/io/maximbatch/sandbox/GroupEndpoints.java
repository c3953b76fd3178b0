package io.maximbatch.sandbox;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.maximbatch.sandbox.MaximApi.Answer;
import io.maximbatch.sandbox.MaximApi.Request;

/** The group endpoints of the sandbox: create, invite, members, destroy, what a user joined, group info. */
final class GroupEndpoints extends Endpoints {

    static final int MAX_INVITE = 500;
    private static final int DEFAULT_MEMBER_LIMIT = 1000;

    GroupEndpoints(SandboxStore store, JsonMapper json) {
        super(store, json);
    }

    @Override
    void routes(MaximApi api) {
        api.route("POST", "/group/create", true, this::createGroup);
        api.route("POST", "/group/invite", true, r -> perUser(r, store::invite));
        for (String method : List.of("POST", "PUT")) {
            api.route(method, "/group/settings/history_visible", true, r -> setting(r, "history_visible", "value"));
            api.route(method, "/group/settings/allow_member_invitation", true, r -> setting(r, "allow_member_invitation", "value"));
            api.route(method, "/group/settings/require_admin_approval", true, r -> setting(r, "apply_approval", "apply_approval"));
            api.route(method, "/group/settings/allow_member_modify", true, r -> setting(r, "allow_member_modify", "value"));
        }
        api.route("POST", "/group/announcement/edit", true, this::editAnnouncement);
        api.route("GET", "/group/announcement/last", true, this::lastAnnouncement);
        api.route("POST", "/group/kick", true, r -> perUser(r, store::kick));
        api.route("DELETE", "/group/kick", true, r -> perUser(r, store::kick));
        api.route("POST", "/group/admin/add", true, r -> perUser(r, store::addAdmins));
        api.route("GET", "/group/admin_list", true, this::adminList);
        api.route("GET", "/group/member_list", true, this::memberList);
        api.route("DELETE", "/group/destroy", true, this::destroyGroup);
        api.route("GET", "/group/user_joined", true, this::userJoined);
        api.route("GET", "/group/invitation_list", true, this::invitationList);
        api.route("POST", "/group/invite/handle", true, this::handleInvitation);
        api.route("PUT", "/group/invite/handle", true, this::handleInvitation);
        api.route("POST", "/group/info/batch", true, this::groupInfoBatch);
        api.route("GET", "/group/info", true, this::groupInfo);
        api.route("GET", "/group/settings", true, this::groupSettings);
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
        if (typeNode != null && !typeNode.isNull() && !typeNode.isIntegralNumber()) {
            throw ApiException.unreadable("type must be a JSON integer");
        }
        int type = typeNode == null || typeNode.isNull() ? 0 : typeNode.asInt();
        if (type != 0 && type != 2) {
            throw ApiException.badRequest("type must be 0 or 2");
        }
        List<Long> members = longs(body.get("user_list"), "user_list", MAX_INVITE, true);
        StoredGroup.Info group = store.createGroup(owner, name, description == null ? "" : description,
                type, text(body, "avatar"), members);
        ObjectNode data = groupJson(group);
        data.remove("status");
        return ok(data);
    }


    /** A group setting as the owner: a boolean `value`, or `apply_approval` 0 (agree all), 1 (admins confirm), 2 (reject all). */
    private Answer setting(Request r, String name, String field) throws ApiException {
        long actor = actingUser(r);
        JsonNode body = body(r);
        long groupId = longField(body, "group_id");
        JsonNode value = body.get(field);
        int stored;
        if (field.equals("value")) {
            if (value == null || value.isNull()) {
                throw ApiException.badRequest("value must be true or false");
            }
            if (!value.isBoolean()) {
                throw ApiException.unreadable("value must be a JSON boolean");
            }
            stored = value.asBoolean() ? 1 : 0;
        } else {
            if (value != null && !value.isNull() && !value.isIntegralNumber()) {
                throw ApiException.unreadable("apply_approval must be a JSON integer");
            }
            if (value == null || value.isNull() || value.asInt() < 0 || value.asInt() > 2) {
                throw ApiException.badRequest("apply_approval must be 0, 1 or 2");
            }
            stored = value.asInt();
        }
        store.withGroups(groups -> {
            groups.setting(actor, groupId, name, stored);
            return null;
        });
        return ok(json.getNodeFactory().booleanNode(true));
    }


    /** POST /group/announcement/edit {group_id, title, content} as the owner: publishes one; the answer is the announcement. */
    private Answer editAnnouncement(Request r) throws ApiException {
        long actor = actingUser(r);
        JsonNode body = body(r);
        long groupId = longField(body, "group_id");
        String title = text(body, "title");
        String content = text(body, "content");
        if (title == null || content == null) {
            throw ApiException.badRequest("title and content are required");
        }
        return ok(announcementJson(store.withGroups(groups -> groups.announce(actor, groupId, title, content))));
    }

    /** GET /group/announcement/last as a member: the latest announcement; data null when the group has none. */
    private Answer lastAnnouncement(Request r) throws ApiException {
        long actor = actingUser(r);
        long groupId = parseLong(r.query().get("group_id"), "group_id");
        StoredGroup.Announcement last = store.withGroups(groups -> groups.lastAnnouncement(actor, groupId));
        return ok(last == null ? json.getNodeFactory().nullNode() : announcementJson(last));
    }

    private ObjectNode announcementJson(StoredGroup.Announcement a) {
        return json.createObjectNode().put("id", a.id()).put("group_id", a.groupId()).put("author", a.author())
                .put("title", a.title()).put("content", a.content()).put("created_at", a.createdAt());
    }

    /** What the owner does to members, user by user: invite, make admins, kick. */
    @FunctionalInterface
    private interface MemberOperation {
        List<StoredGroup.InviteResult> apply(long actor, long groupId, List<Long> users) throws ApiException;
    }

    /**
     * A call of the owner's on a user_list (/group/invite, /group/admin/add, /group/kick): one result per user,
     * "success" or "fail" with the vendor's reason text.
     */
    private Answer perUser(Request r, MemberOperation operation) throws ApiException {
        long actor = actingUser(r);
        JsonNode body = body(r);
        long groupId = longField(body, "group_id");
        List<Long> users = longs(body.get("user_list"), "user_list", MAX_INVITE, false);
        ArrayNode data = json.createArrayNode();
        for (StoredGroup.InviteResult result : operation.apply(actor, groupId, users)) {
            ObjectNode entry = data.addObject();
            entry.put("user_id", result.userId());
            entry.put("result", result.success() ? "success" : "fail");
            entry.put("reason", result.reason());
        }
        return ok(data);
    }

    /** GET /group/admin_list as a member: the admins' user ids. */
    private Answer adminList(Request r) throws ApiException {
        long actor = actingUser(r);
        ArrayNode data = json.createArrayNode();
        store.admins(actor, parseLong(r.query().get("group_id"), "group_id")).forEach(id -> data.addObject().put("user_id", id));
        return ok(data);
    }


    private Answer memberList(Request r) throws ApiException {
        long actor = actingUser(r);
        long groupId = parseLong(r.query().get("group_id"), "group_id");
        Paging paging = paging(r, DEFAULT_MEMBER_LIMIT, Integer.MAX_VALUE);
        StoredGroup.MemberPage page = store.members(actor, groupId, paging.offset(), paging.limit());
        ArrayNode data = json.createArrayNode();
        for (StoredGroup.Member member : page.members()) {
            ObjectNode entry = data.addObject();
            entry.put("user_id", member.userId());
            entry.put("join_time", member.joinTime());
            if (member.displayName() != null) {
                entry.put("display_name", member.displayName());
            }
        }
        ObjectNode extra = pageFields(paging.offset() + page.members().size(), page.total(), page.version());
        extra.put("total", page.total());
        return new Answer(data, extra);
    }

    private Answer destroyGroup(Request r) throws ApiException {
        long actor = actingUser(r);
        store.destroyGroup(actor, parseLong(r.query().get("group_id"), "group_id"));
        return ok(json.getNodeFactory().booleanNode(true));
    }

    /** GET /group/invitation_list as the invitee: its pending invitations (status 0), a page at a time. */
    private Answer invitationList(Request r) throws ApiException {
        long invitee = actingUser(r);
        Paging paging = paging(r, DEFAULT_MEMBER_LIMIT, DEFAULT_MEMBER_LIMIT);
        List<java.util.Map.Entry<Long, Long>> all = List.copyOf(store.invitationsOf(invitee).entrySet());
        ArrayNode data = json.createArrayNode();
        all.stream().skip(paging.offset()).limit(paging.limit()).forEach(invitation -> {
            ObjectNode entry = data.addObject();
            entry.put("group_id", invitation.getKey());
            entry.put("inviter_id", invitation.getValue());
            entry.put("invitee_id", invitee);
            entry.put("status", 0);
        });
        ObjectNode extra = pageFields(Math.min(all.size(), paging.offset() + paging.limit()), all.size(), 1);
        extra.put("total", all.size());
        return new Answer(data, extra);
    }

    /** POST /group/invite/handle as the invitee {group_id, user_id: the inviter, approval}: joins, or declines; 20015 when none is pending. */
    private Answer handleInvitation(Request r) throws ApiException {
        long invitee = actingUser(r);
        JsonNode body = body(r);
        long groupId = longField(body, "group_id");
        longField(body, "user_id");
        JsonNode approval = body.get("approval");
        if (approval == null || approval.isNull()) {
            throw ApiException.badRequest("approval is required");
        }
        if (!approval.isBoolean()) {
            throw ApiException.unreadable("approval must be a JSON boolean");
        }
        store.answerInvitation(invitee, groupId, approval.asBoolean());
        return ok(json.getNodeFactory().booleanNode(true));
    }

    private Answer userJoined(Request r) throws ApiException {
        ArrayNode data = json.createArrayNode();
        store.groupsJoined(actingUser(r)).forEach(data::add);
        return ok(data);
    }

    /** As the vendor's "Group profile and user settings": the owner is `owner`, and there is no created_at. */
    private Answer groupInfoBatch(Request r) throws ApiException {
        // The answer carries the caller's settings: the vendor needs to know who asks.
        actingUser(r);
        List<Long> ids = longs(body(r).get("group_list"), "group_list", DEFAULT_MEMBER_LIMIT, true);
        ArrayNode data = json.createArrayNode();
        for (StoredGroup.Info g : store.groupInfos(ids)) {
            ObjectNode node = groupJson(g);
            node.remove("created_at");
            node.set("owner", node.remove("owner_id"));
            data.add(node);
        }
        return ok(data);
    }

    /** GET /group/info: one group's full info, created_at included; 20001 when there is no such group. */
    private Answer groupInfo(Request r) throws ApiException {
        actingUser(r);
        long groupId = parseLong(r.query().get("group_id"), "group_id");
        List<StoredGroup.Info> found = store.groupInfos(List.of(groupId));
        if (found.isEmpty()) {
            throw new ApiException(20001, "group does not exist");
        }
        return ok(groupJson(found.get(0)));
    }

    /**
     * GET /group/settings as a member: the group with its settings (GroupInfoAndSettingsDto). MaxIM's defaults are not
     * documented; the sandbox answers a setting never set as off (apply_approval 0).
     */
    private Answer groupSettings(Request r) throws ApiException {
        long actor = actingUser(r);
        long groupId = parseLong(r.query().get("group_id"), "group_id");
        Map<String, Integer> settings = store.withGroups(groups -> groups.settings(actor, groupId));
        ObjectNode data = groupJson(store.groupInfos(List.of(groupId)).get(0));
        data.put("apply_approval", settings.getOrDefault("apply_approval", 0));
        data.put("history_visible", settings.getOrDefault("history_visible", 0) == 1);
        data.put("member_invite", settings.getOrDefault("allow_member_invitation", 0) == 1);
        data.put("member_modify", settings.getOrDefault("allow_member_modify", 0) == 1);
        return ok(data);
    }

    private ObjectNode groupJson(StoredGroup.Info g) {
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
}
