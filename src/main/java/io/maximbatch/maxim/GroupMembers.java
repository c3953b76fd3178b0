package io.maximbatch.maxim;

import io.maximbatch.maxim.MaximModel.InviteResult;
import io.maximbatch.maxim.MaximModel.Member;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * What a group holds of its people besides membership: a member's display name in the group (set as that member) and
 * the group's blacklist (blocked as the owner). Both are read back after an answer that may have been lost, so that
 * neither is sent twice.
 */
public final class GroupMembers {

    /** "user in group blacklist": the user is blocked already. */
    static final int IN_GROUP_BLACKLIST = 20018;
    private static final int BLOCKED_PAGE = 1000;

    private GroupMembers() {
    }

    /**
     * POST /group/display_name {group_id, value} as the member; after a failure that may have carried it out, sent again
     * only when the member's display name (POST /group/members/display_name) is not that value.
     */
    public static void setDisplayName(MaximClient client, long memberId, long groupId, String value, CallTrace trace) {
        client.exchanges().confirmedUnlessCarriedOut("POST", "/group/display_name", memberId, Map.of("group_id", groupId, "value", value),
                trace, () -> value.equals(displayNames(client, memberId, groupId, List.of(memberId)).get(memberId)));
    }

    /** POST /group/members/display_name as a member: the display names of these members (a member without one is absent). */
    public static Map<Long, String> displayNames(MaximClient client, long actingUserId, long groupId, List<Long> userIds) {
        List<Member> members = client.exchanges().convert(client.exchanges().call("POST", "/group/members/display_name", actingUserId,
                Map.of("group_id", groupId, "user_list", userIds), new CallTrace()), new TypeReference<List<Member>>() { });
        Map<Long, String> names = new HashMap<>();
        Exchanges.named(members == null ? List.of() : members).stream().filter(m -> m.displayName() != null)
                .forEach(m -> names.put(m.userId(), m.displayName()));
        return names;
    }

    /**
     * POST /group/block {group_id, user_list} as the owner: each user's result. After a failure that may have carried
     * the call out, it is sent again only when the group's blacklist lacks one of the users, and then counts as MaxIM's
     * for all of them. A user the answer does not show blocked (no result, "fail" in any words, or 20018 "user in group
     * blacklist" for the whole call) is looked up in the group's blacklist, read once: there, already done; else refused
     * with the answer's reason. A whole call refused 20018 is sent again for the users the blacklist lacks.
     */
    public static List<ItemResult<Void>> block(MaximClient client, long ownerId, long groupId, List<Long> userIds) {
        CallTrace trace = new CallTrace();
        JsonNode data;
        try {
            data = client.exchanges().unlessCarriedOut("POST", "/group/block", ownerId, Map.of("group_id", groupId, "user_list", userIds),
                    trace, () -> blocked(client, ownerId, groupId).containsAll(userIds));
        } catch (MaximException e) {
            if (e.errorClass() == ErrorClass.REJECTED && e.code() == IN_GROUP_BLACKLIST) {
                return blockedAlreadyOrAgain(client, ownerId, groupId, userIds, e, trace.maybeExecuted());
            }
            ItemResult<Void> result = ItemResult.of(e, trace.maybeExecuted());
            return userIds.stream().map(u -> result).toList();
        }
        if (data.isMissingNode()) {
            // The blacklist shows every user: a lost answer of ours did it.
            return userIds.stream().map(u -> ItemResult.<Void>alreadyDone(true)).toList();
        }
        List<InviteResult> answers = client.exchanges().convert(data, new TypeReference<List<InviteResult>>() { });
        Map<Long, InviteResult> byUser = ItemPairing.byUser(answers);
        Set<Long> held = userIds.stream().anyMatch(id -> byUser.get(id) == null || !byUser.get(id).succeeded())
                ? blocked(client, ownerId, groupId) : Set.of();
        List<ItemResult<Void>> results = new ArrayList<>();
        for (Long userId : userIds) {
            InviteResult answer = byUser.get(userId);
            if (answer != null && answer.succeeded()) {
                results.add(ItemResult.done(null));
            } else if (held.contains(userId)) {
                // Blocked, whatever the answer's words: before this call ("already in the blacklist"), or by it.
                results.add(ItemResult.alreadyDone(trace.maybeExecuted() || answer == null));
            } else if (answer == null) {
                results.add(ItemResult.refused("BLOCK_FAILED", "the answer has no result for user " + userId));
            } else {
                results.add(ItemResult.ofReason(answer.reason(), "BLOCK_FAILED", trace.maybeExecuted()));
            }
        }
        return results;
    }

    /** A block refused 20018 as a whole: users the blacklist holds are already done; the others are blocked again, apart. */
    private static List<ItemResult<Void>> blockedAlreadyOrAgain(MaximClient client, long ownerId, long groupId, List<Long> userIds,
                                                                MaximException refusal, boolean maybeOurs) {
        Set<Long> held = blocked(client, ownerId, groupId);
        List<Long> lacking = userIds.stream().filter(id -> !held.contains(id)).toList();
        // Sent again only when some are held: the same users again would be refused the same way.
        Map<Long, ItemResult<Void>> again = new HashMap<>();
        if (!lacking.isEmpty() && lacking.size() < userIds.size()) {
            List<ItemResult<Void>> results = block(client, ownerId, groupId, lacking);
            for (int i = 0; i < lacking.size(); i++) {
                again.put(lacking.get(i), results.get(i));
            }
        }
        ItemResult<Void> refused = ItemResult.of(refusal, maybeOurs);
        return userIds.stream().map(id -> held.contains(id) ? ItemResult.<Void>alreadyDone(maybeOurs) : again.getOrDefault(id, refused)).toList();
    }

    /** The group's blacklist (GET /group/blocked_list as the owner), every page. */
    public static Set<Long> blocked(MaximClient client, long ownerId, long groupId) {
        Exchanges exchanges = client.exchanges();
        Set<Long> users = new HashSet<>();
        CursorPages pages = new CursorPages("the blacklist of group " + groupId);
        String cursor = null;
        do {
            JsonNode envelope = exchanges.page("/group/blocked_list", "/group/blocked_list?group_id=" + groupId + "&limit=" + BLOCKED_PAGE,
                    cursor, ownerId);
            JsonNode data = envelope.path("data");
            if (!data.isArray() && !data.isNull() && !data.isMissingNode()) {
                throw exchanges.malformed("/group/blocked_list", "the answer's data is not a list");
            }
            data.forEach(item -> {
                if (item.path("user_id").isIntegralNumber()) {
                    users.add(item.path("user_id").asLong());
                }
            });
            cursor = pages.next(Exchanges.cursorOf(envelope), data.isEmpty());
        } while (cursor != null);
        return users;
    }
}
