package io.maximbatch.maxim;

import io.maximbatch.maxim.MaximModel.Member;
import io.maximbatch.maxim.MaximModel.MemberPage;
import io.maximbatch.maxim.MaximModel.UserInfo;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/** MaxIM's lists read to their end where a run or reconcile needs to find some entries in them. */
public final class PagedLists {

    /** /user/list's largest page (the MaxIM API documentation). */
    static final int USERS_PAGE = 200;
    private static final int MEMBERS_PAGE = 1000;

    private PagedLists() {
    }

    /** The users among these ids as GET /user/list lists them, page by page until all are found or the list ends. */
    public static Map<Long, UserInfo> users(MaximClient client, Collection<Long> wanted) {
        Set<Long> ids = new HashSet<>(wanted);
        Map<Long, UserInfo> found = new HashMap<>();
        Iterator<List<UserInfo>> pages = userPages(client).iterator();
        while (found.size() < ids.size() && pages.hasNext()) {
            pages.next().stream().filter(user -> user.userId() != null && ids.contains(user.userId())).forEach(user -> found.put(user.userId(), user));
        }
        return found;
    }

    /**
     * GET /user/list's pages in order, each read when the one before has been taken. Only an empty page, or one that
     * lists nobody not listed before, ends the list: the vendor says neither that a page shorter than asked for is the
     * last (a server may cap the size below 200) nor what a page past the end holds (it may repeat the last).
     */
    static Stream<List<UserInfo>> userPages(MaximClient client) {
        Set<Long> seen = new HashSet<>();
        return IntStream.iterate(1, pageNum -> pageNum + 1).mapToObj(pageNum -> client.users(pageNum, USERS_PAGE))
                .takeWhile(page -> page.stream().map(UserInfo::userId).filter(id -> id != null).map(seen::add).reduce(false, Boolean::logicalOr));
    }

    /**
     * Every member of a group, as a member (its owner) sees them in GET /group/member_list, to the last page. A cursor
     * that repeats or a list that ends short of its total is an error, never a silently short list.
     */
    public static Set<Long> members(MaximClient client, long actingUserId, long groupId) {
        return members(client, actingUserId, groupId, null);
    }

    /**
     * The members of a group among those wanted (null: every member), reading pages only until all wanted are seen:
     * an invite's read-back of a large group then stops early wherever MaxIM lists the new members.
     */
    public static Set<Long> members(MaximClient client, long actingUserId, long groupId, Set<Long> wanted) {
        return new HashSet<>(displayNames(client, actingUserId, groupId, wanted).keySet());
    }

    /**
     * Every member of a group with its display name in the group (null: none), from the same pages as members(): a
     * reconcile that reads the members reads their display names with no call more.
     */
    public static Map<Long, String> displayNames(MaximClient client, long actingUserId, long groupId) {
        return displayNames(client, actingUserId, groupId, null);
    }

    private static Map<Long, String> displayNames(MaximClient client, long actingUserId, long groupId, Set<Long> wanted) {
        Map<Long, String> members = new HashMap<>();
        CursorPages pages = new CursorPages("the member list of group " + groupId);
        String cursor = null;
        Long total = null;
        do {
            MemberPage page = memberList(client, actingUserId, groupId, cursor, MEMBERS_PAGE);
            page.members().forEach(member -> members.put(member.userId(), member.displayName()));
            total = page.total() != null ? page.total() : total;
            cursor = pages.next(page.cursor(), page.members().isEmpty());
            if (wanted != null && members.keySet().containsAll(wanted)) {
                members.keySet().retainAll(wanted);
                return members;
            }
        } while (cursor != null);
        if (total != null && members.size() < total) {
            throw new IllegalStateException("the member list of group " + groupId + " ended after " + members.size() + " of " + total + " members");
        }
        return members;
    }

    /** GET /group/member_list, one page (an entry without a user_id names nobody: left out); pass the previous page's cursor for the next. */
    public static MemberPage memberList(MaximClient client, long actingUserId, long groupId, String cursor, int limit) {
        Exchanges exchanges = client.exchanges();
        JsonNode envelope = exchanges.page("/group/member_list", "/group/member_list?group_id=" + groupId + "&limit=" + limit, cursor,
                actingUserId);
        Long total = envelope.path("total").isNumber() ? envelope.path("total").asLong() : null;
        List<Member> members = exchanges.convert(envelope.path("data"), new TypeReference<List<Member>>() { });
        // No data (null) is an empty page: the Swagger requires no list.
        return new MemberPage(members == null ? List.of() : Exchanges.named(members), Exchanges.cursorOf(envelope), total);
    }

    /** The groups whose invitation of the user waits for its consent (status 0), from every page of GET /group/invitation_list. */
    public static Set<Long> pendingInvitations(MaximClient client, long userId) {
        Exchanges exchanges = client.exchanges();
        Set<Long> groups = new HashSet<>();
        CursorPages pages = new CursorPages("the invitation list of user " + userId);
        String cursor = null;
        do {
            JsonNode envelope = exchanges.page("/group/invitation_list", "/group/invitation_list?limit=" + MEMBERS_PAGE, cursor, userId);
            JsonNode data = envelope.path("data");
            if (!data.isArray() && !data.isNull() && !data.isMissingNode()) {
                throw exchanges.malformed("/group/invitation_list", "the answer's data is not a list");
            }
            data.forEach(invitation -> {
                if (invitation.path("status").asInt(-1) == 0 && invitation.path("group_id").isIntegralNumber()) {
                    groups.add(invitation.path("group_id").asLong());
                }
            });
            cursor = pages.next(Exchanges.cursorOf(envelope), data.isEmpty());
        } while (cursor != null);
        return groups;
    }
}
