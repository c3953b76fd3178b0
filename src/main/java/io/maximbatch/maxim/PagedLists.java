package io.maximbatch.maxim;

import io.maximbatch.maxim.MaximModel.MemberPage;
import io.maximbatch.maxim.MaximModel.UserInfo;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** MaxIM's lists read to their end where a run or reconcile needs to find some entries in them. */
final class PagedLists {

    /** /user/list's largest page (the MaxIM API documentation). */
    static final int USERS_PAGE = 200;
    private static final int MEMBERS_PAGE = 1000;

    private PagedLists() {
    }

    /** The users among these ids as GET /user/list lists them, page by page until all are found or the list ends. */
    static Map<Long, UserInfo> users(MaximClient client, Collection<Long> wanted) {
        Set<Long> ids = new HashSet<>(wanted);
        Map<Long, UserInfo> found = new HashMap<>();
        for (int pageNum = 1; found.size() < ids.size(); pageNum++) {
            List<UserInfo> page = client.users(pageNum, USERS_PAGE);
            page.stream().filter(user -> user.userId() != null && ids.contains(user.userId())).forEach(user -> found.put(user.userId(), user));
            if (page.size() < USERS_PAGE) {
                break;
            }
        }
        return found;
    }

    /**
     * Every member of a group, as a member (its owner) sees them in GET /group/member_list, to the last page. A cursor
     * that repeats or a list that ends short of its total is an error, never a silently short list.
     */
    static Set<Long> members(MaximClient client, long actingUserId, long groupId) {
        Set<Long> members = new HashSet<>();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        Long total = null;
        do {
            MemberPage page = client.memberList(actingUserId, groupId, cursor, MEMBERS_PAGE);
            page.members().forEach(member -> members.add(member.userId()));
            total = page.total() != null ? page.total() : total;
            cursor = page.cursor();
            if (cursor != null && (page.members().isEmpty() || !cursors.add(cursor))) {
                throw new IllegalStateException("the member list of group " + groupId + " repeats cursor " + cursor + " or pages nothing");
            }
        } while (cursor != null);
        if (total != null && members.size() < total) {
            throw new IllegalStateException("the member list of group " + groupId + " ended after " + members.size() + " of " + total + " members");
        }
        return members;
    }

    /** The groups whose invitation of the user waits for its consent (status 0), from every page of GET /group/invitation_list. */
    static Set<Long> pendingInvitations(Exchanges exchanges, MaximTransport transport, long userId) {
        Set<Long> groups = new HashSet<>();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        do {
            JsonNode envelope = exchanges.page("/group/invitation_list", "/group/invitation_list?limit=" + MEMBERS_PAGE, cursor, userId);
            JsonNode data = envelope.path("data");
            if (!data.isArray() && !data.isNull() && !data.isMissingNode()) {
                throw transport.malformed("/group/invitation_list", "the answer's data is not a list");
            }
            data.forEach(invitation -> {
                if (invitation.path("status").asInt(-1) == 0 && invitation.path("group_id").isIntegralNumber()) {
                    groups.add(invitation.path("group_id").asLong());
                }
            });
            cursor = Exchanges.cursorOf(envelope);
            if (cursor != null && (data.isEmpty() || !cursors.add(cursor))) {
                throw new IllegalStateException("the invitation list of user " + userId + " repeats cursor " + cursor + " or pages nothing");
            }
        } while (cursor != null);
        return groups;
    }
}
