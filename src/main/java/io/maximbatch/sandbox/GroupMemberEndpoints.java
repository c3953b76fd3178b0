package io.maximbatch.sandbox;

import io.maximbatch.sandbox.MaximApi.Answer;
import io.maximbatch.sandbox.MaximApi.Request;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The group endpoints about one person in a group: display names (as the member) and the group's blacklist (as the owner). */
final class GroupMemberEndpoints extends Endpoints {

    private static final int DEFAULT_LIMIT = 1000;

    GroupMemberEndpoints(SandboxStore store, JsonMapper json) {
        super(store, json);
    }

    @Override
    void routes(MaximApi api) {
        api.route("POST", "/group/display_name", true, this::displayName);
        api.route("PUT", "/group/display_name", true, this::displayName);
        api.route("POST", "/group/members/display_name", true, this::displayNames);
        api.route("POST", "/group/block", true, this::block);
        api.route("GET", "/group/blocked_list", true, this::blockedList);
    }

    /** GroupInfoUpdateRequest {group_id (int64), value (string)}, both required, as a member: Response«boolean». */
    private Answer displayName(Request r) throws ApiException {
        long actor = actingUser(r);
        JsonNode body = body(r);
        long groupId = longField(body, "group_id");
        JsonNode value = body.get("value");
        if (value == null || value.isNull()) {
            throw ApiException.badRequest("value is required");
        }
        if (!value.isString()) {
            throw ApiException.unreadable("value must be a JSON string");
        }
        store.withGroups(groups -> {
            groups.displayName(actor, groupId, value.asString());
            return null;
        });
        return ok(json.getNodeFactory().booleanNode(true));
    }

    /** A GroupMemberRequest {group_id, user_list} and who makes it. */
    private record MemberRequest(long actor, long groupId, List<Long> users) {
    }

    private MemberRequest memberRequest(Request r) throws ApiException {
        long actor = actingUser(r);
        JsonNode body = body(r);
        return new MemberRequest(actor, longField(body, "group_id"), longs(body.get("user_list"), "user_list", GroupEndpoints.MAX_INVITE, false));
    }

    /** GroupMemberRequest {group_id, user_list} as a member: the members among the users, each with its display name if any. */
    private Answer displayNames(Request r) throws ApiException {
        MemberRequest request = memberRequest(r);
        ArrayNode data = json.createArrayNode();
        for (StoredGroup.Member member : store.withGroups(groups -> groups.displayNames(request.actor(), request.groupId(), request.users()))) {
            ObjectNode entry = data.addObject().put("user_id", member.userId()).put("join_time", member.joinTime());
            if (member.displayName() != null) {
                entry.put("display_name", member.displayName());
            }
        }
        return ok(data);
    }

    /** GroupMemberRequest {group_id, user_list} as the owner: one GroupUserRelationResponse per user. */
    private Answer block(Request r) throws ApiException {
        MemberRequest request = memberRequest(r);
        ArrayNode data = json.createArrayNode();
        for (StoredGroup.InviteResult result : store.withGroups(groups -> groups.block(request.actor(), request.groupId(), request.users()))) {
            data.addObject().put("user_id", result.userId()).put("result", result.success() ? "success" : "fail").put("reason", result.reason());
        }
        return ok(data);
    }

    /** GET /group/blocked_list?group_id=&cursor=&limit= as the owner or an admin: GroupBlockedListItem pages. */
    private Answer blockedList(Request r) throws ApiException {
        long actor = actingUser(r);
        long groupId = parseLong(r.query().get("group_id"), "group_id");
        Paging paging = paging(r, DEFAULT_LIMIT, DEFAULT_LIMIT);
        List<Map.Entry<Long, Long>> all = List.copyOf(store.withGroups(groups -> groups.blocked(actor, groupId)).entrySet());
        ArrayNode data = json.createArrayNode();
        all.stream().skip(paging.offset()).limit(paging.limit()).forEach(entry -> data.addObject().put("user_id", entry.getKey())
                .put("group_id", groupId).put("created_at", java.time.Instant.ofEpochMilli(entry.getValue()).toString()));
        ObjectNode extra = pageFields(Math.min(all.size(), paging.offset() + paging.limit()), all.size(), 1);
        extra.put("total", all.size());
        return new Answer(data, extra);
    }
}
