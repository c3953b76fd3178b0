package io.maximbatch.reconcile;

import io.maximbatch.ledger.GroupMapping;
import io.maximbatch.maxim.MaximModel.RosterItem;
import io.maximbatch.maxim.MaximModel.UserInfo;
import io.maximbatch.maxim.MaximModel.UserProfile;
import io.maximbatch.maxim.PagedLists;
import io.maximbatch.reconcile.Discrepancy.Kind;
import io.maximbatch.reconcile.ReconcileService.Counts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import org.springframework.stereotype.Component;

/**
 * Compares what accounts, friendships and groups must carry beyond their existence with what MaxIM holds: account
 * attributes (GET /user/profile and /user/push/tag as each user, the disabled flag from GET /user/list's status; MaxIM
 * offers no read of an alias), remarks (POST /roster/list details), admins (GET /group/admin_list).
 */
@Component
class AttributeHoldings {

    private static final String DISABLED = "disabled";
    /** The attributes GET /user/profile answers. */
    private static final Set<String> PROFILE = Set.of("nickname", "description", "public_info", "private_info", "avatar");

    private final HoldingsReads deps;

    AttributeHoldings(HoldingsReads deps) {
        this.deps = deps;
    }

    /** present: legacy id -> MaxIM id of the users MaxIM has; only those are compared. */
    void accounts(Map<String, Map<String, String>> expected, Map<String, Long> present, Map<Long, RosterItem> shown,
                  List<Discrepancy> found, Counts counts) {
        // The disabled flags of all the accounts that have one, in one pass over /user/list.
        List<Long> flagged = expected.entrySet().stream().filter(e -> e.getValue().containsKey(DISABLED) && present.containsKey(e.getKey()))
                .map(e -> present.get(e.getKey())).toList();
        Map<Long, UserInfo> listed = flagged.isEmpty() ? Map.of() : PagedLists.users(deps.client().getObject(), flagged);
        List<Callable<Void>> tasks = new ArrayList<>();
        expected.forEach((legacyId, attributes) -> {
            Long userId = present.get(legacyId);
            if (userId == null) {
                return;
            }
            tasks.add(() -> {
                Map<String, String> held = new HashMap<>();
                // GET /user/profile only for an account with a profile attribute to check (tags and the flag are read elsewhere)
                // that no friend's details already showed as expected.
                if (shownAsExpected(attributes, shown.get(userId))) {
                    attributes.forEach((attribute, value) -> held.put(attribute, PROFILE.contains(attribute) ? value : null));
                } else if (attributes.keySet().stream().anyMatch(PROFILE::contains)) {
                    UserProfile profile = deps.client().getObject().profile(userId);
                    held.put("nickname", profile.nickName());
                    held.put("description", profile.description());
                    held.put("public_info", profile.publicInfo());
                    held.put("private_info", profile.privateInfo());
                    held.put("avatar", profile.avatar());
                }
                UserInfo listedUser = listed.get(userId);
                held.put(DISABLED, listedUser == null || listedUser.status() == null ? null : String.valueOf(listedUser.disabled()));
                List<String> differing = new ArrayList<>();
                attributes.forEach((attribute, value) -> {
                    if (attribute.equals("tags")) {
                        List<String> tags = deps.client().getObject().tags(userId);
                        if (!new HashSet<>(tags).containsAll(Arrays.asList(value.split("\\|")))) {
                            differing.add("tags: expected " + value + ", MaxIM has " + String.join("|", tags));
                        }
                    } else if (!Objects.equals(value, held.get(attribute))) {
                        differing.add(attribute + ": expected '" + value + "', MaxIM has " + (held.get(attribute) == null ? "none"
                                : "'" + held.get(attribute) + "'"));
                    }
                });
                synchronized (counts) {
                    counts.checkedAccounts++;
                }
                if (!differing.isEmpty()) {
                    found.add(new Discrepancy(Kind.ATTRIBUTE_DIFFERS, legacyId, String.valueOf(userId), String.join("; ", differing)));
                }
                return null;
            });
        });
        run(tasks);
    }

    /**
     * Whether a friend's details (POST /roster/list) showed every profile attribute expected of the user as expected:
     * only nickname, description and avatar are shown there, and a nickname equal to the username proves nothing
     * ("nickname or name").
     */
    private static boolean shownAsExpected(Map<String, String> attributes, RosterItem item) {
        if (item == null || attributes.keySet().stream().noneMatch(PROFILE::contains)) {
            return false;
        }
        Map<String, String> showed = new HashMap<>();
        showed.put("nickname", item.nickName() == null || item.nickName().equals(item.username()) ? null : item.nickName());
        showed.put("description", item.description());
        showed.put("avatar", item.avatar());
        return attributes.entrySet().stream().filter(e -> PROFILE.contains(e.getKey()))
                .allMatch(e -> e.getValue() != null && e.getValue().equals(showed.get(e.getKey())));
    }

    /**
     * remarks: "user>friend" legacy ids -> remark; read: the remarks of the users whose rosters reconcile read already
     * (MaximHoldings.friendships); each other user's friends asked at once.
     */
    void remarks(Map<String, String> remarks, Map<Long, Map<Long, String>> read, List<Discrepancy> found, Counts counts) {
        Set<String> legacyIds = new HashSet<>();
        remarks.keySet().forEach(k -> legacyIds.addAll(List.of(k.split(">", 2))));
        Map<String, Long> ids = deps.userMap().userIds(legacyIds);
        Map<Long, Map<Long, String[]>> byUser = new HashMap<>();
        remarks.forEach((edge, remark) -> {
            String[] ends = edge.split(">", 2);
            Long user = ids.get(ends[0]);
            Long friend = ids.get(ends[1]);
            if (user != null && friend != null) {
                byUser.computeIfAbsent(user, u -> new HashMap<>()).put(friend, new String[] {edge, remark});
            }
        });
        List<Callable<Void>> tasks = new ArrayList<>();
        byUser.forEach((user, friends) -> tasks.add(() -> {
            Map<Long, String> held = read.containsKey(user) ? read.get(user) : new HashMap<>();
            if (!read.containsKey(user)) {
                for (RosterItem item : deps.client().getObject().friendDetails(user, new ArrayList<>(friends.keySet()))) {
                    if (item.friend()) {
                        held.put(item.userId(), item.alias());
                    }
                }
            }
            friends.forEach((friend, expected) -> {
                synchronized (counts) {
                    counts.checkedRemarks++;
                }
                if (!expected[1].equals(held.get(friend))) {
                    found.add(new Discrepancy(Kind.REMARK_DIFFERS, expected[0].replace(">", " -> "), user + " -> " + friend,
                            "remark: expected '" + expected[1] + "', MaxIM has " + (held.get(friend) == null ? "none" : "'" + held.get(friend) + "'")));
                }
            });
            return null;
        }));
        run(tasks);
    }

    /** admins: legacy group id -> members that must be admins; each group's admins asked as its owner. */
    void admins(Map<String, List<String>> admins, List<Discrepancy> found, Counts counts) {
        Map<String, GroupMapping> groups = deps.groupMap().find(admins.keySet());
        Set<String> members = new HashSet<>();
        admins.values().forEach(members::addAll);
        Map<String, Long> ids = deps.userMap().userIds(members);
        List<Callable<Void>> tasks = new ArrayList<>();
        admins.forEach((legacyGroup, expected) -> {
            GroupMapping group = groups.get(legacyGroup);
            if (group == null || !group.exists()) {
                return;
            }
            tasks.add(() -> {
                Set<Long> held = new HashSet<>(deps.client().getObject().admins(group.ownerUserId(), group.groupId()));
                for (String member : expected) {
                    Long id = ids.get(member);
                    if (id == null || id == group.ownerUserId()) {
                        continue;
                    }
                    synchronized (counts) {
                        counts.expectedAdmins++;
                    }
                    if (!held.contains(id)) {
                        found.add(new Discrepancy(Kind.MISSING_ADMIN, legacyGroup + " / " + member, group.groupId() + " / " + id, "not an admin"));
                    }
                }
                return null;
            });
        });
        run(tasks);
    }

    private void run(List<Callable<Void>> tasks) {
        deps.calls().getObject().valuesOfAll(tasks);
    }
}
