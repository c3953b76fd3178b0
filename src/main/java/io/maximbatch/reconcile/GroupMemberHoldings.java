package io.maximbatch.reconcile;

import io.maximbatch.ledger.GroupMapping;
import io.maximbatch.maxim.GroupMembers;
import io.maximbatch.reconcile.Discrepancy.Kind;
import io.maximbatch.reconcile.ReconcileService.Counts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.springframework.stereotype.Component;

/**
 * Compares what the sources say of people in groups besides membership: display names, from the member lists the
 * group comparison read already (no call more), and blocks, one GET /group/blocked_list per group that must block
 * someone (a page per 1,000 blocked users).
 */
@Component
class GroupMemberHoldings {

    private final HoldingsReads deps;

    GroupMemberHoldings(HoldingsReads deps) {
        this.deps = deps;
    }

    /** expected: legacy group id -> member -> display name; listed: what the member lists showed (legacy group id -> user id -> name). */
    void displayNames(Map<String, Map<String, String>> expected, Map<String, Map<Long, String>> listed, List<Discrepancy> found,
                      Counts counts) {
        Set<String> members = new HashSet<>();
        expected.values().forEach(names -> members.addAll(names.keySet()));
        Map<String, Long> ids = deps.userMap().userIds(members);
        Map<String, GroupMapping> groups = deps.groupMap().find(expected.keySet());
        expected.forEach((legacyGroup, names) -> {
            Map<Long, String> shown = listed.get(legacyGroup);
            GroupMapping group = groups.get(legacyGroup);
            if (shown == null || group == null) {
                // A group missing, or not read: reported as such already.
                return;
            }
            names.forEach((member, name) -> {
                Long id = ids.get(member);
                if (id == null || !shown.containsKey(id)) {
                    // Unresolvable, or not a member: reported as such already.
                    return;
                }
                counts.checkedDisplayNames++;
                if (!name.equals(shown.get(id))) {
                    found.add(new Discrepancy(Kind.DISPLAY_NAME_DIFFERS, legacyGroup + " / " + member, group.groupId() + " / " + id,
                            "display name: expected '" + name + "', MaxIM has " + (shown.get(id) == null ? "none" : "'" + shown.get(id) + "'")));
                }
            });
        });
    }

    /** blocked: legacy group id -> users that must be in the group's blacklist, read as its owner. */
    void blocks(Map<String, List<String>> blocked, List<Discrepancy> found, Counts counts) {
        Set<String> users = new HashSet<>();
        blocked.values().forEach(users::addAll);
        Map<String, Long> ids = deps.userMap().userIds(users);
        Map<String, GroupMapping> groups = deps.groupMap().find(blocked.keySet());
        List<Callable<Void>> tasks = new ArrayList<>();
        blocked.forEach((legacyGroup, expected) -> {
            GroupMapping group = groups.get(legacyGroup);
            if (group == null || !group.exists()) {
                return;
            }
            tasks.add(() -> {
                Set<Long> held = GroupMembers.blocked(deps.client().getObject(), group.ownerUserId(), group.groupId());
                for (String user : expected) {
                    Long id = ids.get(user);
                    if (id == null) {
                        continue;
                    }
                    synchronized (counts) {
                        counts.expectedGroupBlocks++;
                    }
                    if (!held.contains(id)) {
                        found.add(new Discrepancy(Kind.MISSING_GROUP_BLOCK, legacyGroup + " / " + user, group.groupId() + " / " + id,
                                "not in the group's blacklist"));
                    }
                }
                return null;
            });
        });
        deps.calls().getObject().valuesOfAll(tasks);
    }
}
