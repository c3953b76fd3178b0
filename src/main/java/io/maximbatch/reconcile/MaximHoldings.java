package io.maximbatch.reconcile;

import io.maximbatch.ledger.GroupMapping;
import io.maximbatch.maxim.ErrorCodes;
import io.maximbatch.maxim.MaximException;
import io.maximbatch.maxim.MaximModel.RosterItem;
import io.maximbatch.maxim.PagedLists;
import io.maximbatch.reconcile.Discrepancy.Kind;
import io.maximbatch.reconcile.ReconcileService.Counts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Compares expected users, friendships and groups, resolved through the ID maps, with what MaxIM holds (see PagedReads). */
@Component
class MaximHoldings {

    /** Up to this many users are looked up one by one; more are read from the app's user list. */
    private static final int LOOKUPS_BY_NAME = 1000;

    private final HoldingsReads deps;

    MaximHoldings(HoldingsReads deps) {
        this.deps = deps;
    }

    /**
     * What reading the rosters showed besides friendships: remarks, user id -> friend id -> remark (of the users whose
     * details were read); shown, each friend as the details showed it (nickname, description, avatar).
     */
    record RostersRead(Map<Long, Map<Long, String>> remarks, Map<Long, RosterItem> shown) {
    }

    /** Compares the friendships; answers what the reads showed too, so that remarks and profiles read no roster twice. */
    RostersRead friendships(List<Expected.Friendship> rows, List<Discrepancy> found, Counts counts) {
        Set<String> legacyIds = new HashSet<>();
        rows.forEach(row -> {
            legacyIds.add(row.user());
            legacyIds.add(row.friend());
        });
        Map<String, Long> ids = deps.userMap().userIds(legacyIds);
        Map<Long, String> legacyOf = new HashMap<>();
        ids.forEach((legacy, id) -> legacyOf.put(id, legacy));
        Map<Long, Set<Long>> expected = new TreeMap<>();
        for (Expected.Friendship row : rows) {
            Long user = ids.get(row.user());
            Long friend = ids.get(row.friend());
            if (user == null || friend == null) {
                counts.unresolvable++;
                continue;
            }
            expected.computeIfAbsent(user, k -> new HashSet<>()).add(friend);
            if (row.mutual()) {
                expected.computeIfAbsent(friend, k -> new HashSet<>()).add(user);
            }
        }
        List<Callable<Void>> tasks = new ArrayList<>();
        List<long[]> extras = Collections.synchronizedList(new ArrayList<>());
        PagedReads reads = new PagedReads(deps.client().getObject());
        Map<Long, Map<Long, String>> remarks = new ConcurrentHashMap<>();
        expected.forEach((user, friends) -> tasks.add(() -> {
            Map<Long, String> roster = reads.roster(user);
            if (reads.remarks()) {
                remarks.put(user, roster);
            }
            Set<Long> actual = roster.keySet();
            synchronized (counts) {
                counts.expectedFriendships += friends.size();
                counts.presentFriendships += friends.stream().filter(actual::contains).count();
            }
            for (Long friend : friends) {
                if (!actual.contains(friend)) {
                    found.add(new Discrepancy(Kind.MISSING_FRIENDSHIP, legacyOf.get(user) + " -> " + legacyOf.get(friend),
                            user + " -> " + friend, "not in the user's roster"));
                }
            }
            actual.stream().filter(friend -> !friends.contains(friend)).forEach(friend -> extras.add(new long[] {user, friend}));
            return null;
        }));
        run(tasks);
        resolveLegacyIds(extras.stream().map(pair -> pair[1]).toList(), legacyOf);
        for (long[] pair : extras) {
            found.add(new Discrepancy(Kind.EXTRA_FRIENDSHIP, legacyOf.get(pair[0]) + " -> " + legacyOf.getOrDefault(pair[1], "(not migrated)"),
                    pair[0] + " -> " + pair[1], "in the roster, not in the source"));
        }
        return new RostersRead(remarks, reads.shown());
    }

    /** Compares each group's members; answers what the member lists showed of display names (legacy group id -> member -> name). */
    Map<String, Map<Long, String>> groups(Map<String, String> owners, Map<String, List<String>> members, List<Discrepancy> found, Counts counts) {
        Map<String, Map<Long, String>> displayNames = new ConcurrentHashMap<>();
        Map<String, Long> ownerIds = deps.userMap().userIds(owners.values());
        Map<String, GroupMapping> mapped = deps.groupMap().find(owners.keySet());
        Set<String> memberLegacyIds = new HashSet<>();
        members.values().forEach(memberLegacyIds::addAll);
        Map<String, Long> memberIds = deps.userMap().userIds(memberLegacyIds);
        Map<Long, String> legacyOf = new HashMap<>();
        memberIds.forEach((legacy, id) -> legacyOf.put(id, legacy));
        ownerIds.forEach((legacy, id) -> legacyOf.put(id, legacy));
        List<Callable<Void>> tasks = new ArrayList<>();
        List<Object[]> extras = Collections.synchronizedList(new ArrayList<>());
        List<Discrepancy> missing = Collections.synchronizedList(new ArrayList<>());
        PagedReads reads = new PagedReads(deps.client().getObject());
        for (Map.Entry<String, String> group : owners.entrySet()) {
            String legacyGroup = group.getKey();
            Long owner = ownerIds.get(group.getValue());
            List<String> groupMembers = members.getOrDefault(legacyGroup, List.of());
            if (owner == null) {
                counts.unresolvable += 1 + groupMembers.size();
                continue;
            }
            Set<Long> expectedMembers = new HashSet<>();
            expectedMembers.add(owner);
            for (String member : groupMembers) {
                Long id = memberIds.get(member);
                if (id == null) {
                    counts.unresolvable++;
                } else {
                    expectedMembers.add(id);
                }
            }
            counts.expectedGroups++;
            counts.expectedMembers += expectedMembers.size();
            GroupMapping mapping = mapped.get(legacyGroup);
            if (mapping == null || !mapping.exists()) {
                found.add(new Discrepancy(Kind.MISSING_GROUP, legacyGroup, "", "not created (no group in the ID map)"));
                continue;
            }
            tasks.add(() -> {
                Set<Long> actual;
                try {
                    Map<Long, String> listed = reads.members(owner, mapping.groupId());
                    displayNames.put(legacyGroup, listed);
                    actual = listed.keySet();
                } catch (MaximException e) {
                    if (e.code() != ErrorCodes.GROUP_NOT_FOUND) {
                        throw e;
                    }
                    found.add(new Discrepancy(Kind.MISSING_GROUP, legacyGroup, String.valueOf(mapping.groupId()), "MaxIM has no such group"));
                    return null;
                }
                synchronized (counts) {
                    counts.presentGroups++;
                    counts.presentMembers += expectedMembers.stream().filter(actual::contains).count();
                }
                for (Long member : expectedMembers) {
                    if (!actual.contains(member)) {
                        missing.add(new Discrepancy(Kind.MISSING_MEMBER, legacyGroup + " / " + legacyOf.get(member),
                                mapping.groupId() + " / " + member, "not a member"));
                    }
                }
                actual.stream().filter(member -> !expectedMembers.contains(member))
                        .forEach(member -> extras.add(new Object[] {legacyGroup, mapping.groupId(), member}));
                return null;
            });
        }
        run(tasks);
        found.addAll(pendingOrMissing(missing));
        resolveLegacyIds(extras.stream().map(extra -> (Long) extra[2]).toList(), legacyOf);
        for (Object[] extra : extras) {
            found.add(new Discrepancy(Kind.EXTRA_MEMBER, extra[0] + " / " + legacyOf.getOrDefault((Long) extra[2], "(not migrated)"),
                    extra[1] + " / " + extra[2], "a member, not in the source"));
        }
        return displayNames;
    }

    /**
     * A member MaxIM lacks whose invitation waits for the person's consent (GET /group/invitation_list as the person,
     * once per person) is pending, not missing.
     */
    private List<Discrepancy> pendingOrMissing(List<Discrepancy> missing) {
        Map<Long, List<Discrepancy>> byMember = new HashMap<>();
        missing.forEach(d -> byMember.computeIfAbsent(Long.parseLong(d.maxim().split(" / ")[1]), k -> new ArrayList<>()).add(d));
        List<Discrepancy> decided = Collections.synchronizedList(new ArrayList<>());
        List<Callable<Void>> tasks = new ArrayList<>();
        byMember.forEach((member, discrepancies) -> tasks.add(() -> {
            Set<Long> invitedTo = PagedLists.pendingInvitations(deps.client().getObject(), member);
            for (Discrepancy d : discrepancies) {
                decided.add(invitedTo.contains(Long.parseLong(d.maxim().split(" / ")[0]))
                        ? new Discrepancy(Kind.PENDING_MEMBER, d.legacy(), d.maxim(), "invited; MaxIM waits for the person's consent") : d);
            }
            return null;
        }));
        run(tasks);
        return decided;
    }

    /** Adds the legacy ids of MaxIM users not known yet (extras someone else added may be migrated users too). */
    private void resolveLegacyIds(List<Long> userIds, Map<Long, String> legacyOf) {
        Set<Long> unknown = new HashSet<>(userIds);
        unknown.removeAll(legacyOf.keySet());
        legacyOf.putAll(deps.userMap().legacyIds(unknown));
    }

    /**
     * Which registered users (MaxIM id to username) MaxIM has: a few are looked up by name (/roster/name), many are
     * found in the app's user list (/user/list, 200 a page), whichever takes fewer calls for a migration of that size.
     */
    Set<Long> presentUsers(Map<Long, String> usernames) {
        PagedReads reads = new PagedReads(deps.client().getObject());
        if (usernames.size() > LOOKUPS_BY_NAME) {
            return reads.presentUsers(usernames.keySet());
        }
        Set<Long> present = Collections.synchronizedSet(new HashSet<>());
        List<Callable<Void>> tasks = new ArrayList<>();
        usernames.forEach((id, username) -> tasks.add(() -> {
            deps.client().getObject().findUser(username).filter(user -> id.equals(user.userId())).ifPresent(user -> present.add(id));
            return null;
        }));
        run(tasks);
        return present;
    }

    private void run(List<Callable<Void>> tasks) {
        deps.calls().getObject().valuesOfAll(tasks);
    }
}
