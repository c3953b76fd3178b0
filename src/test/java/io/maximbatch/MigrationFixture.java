package io.maximbatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * A whole legacy migration made up for end-to-end tests: users, friendships and groups with broken references
 * mixed in, the job file that migrates them (users, friends, groups, reconcile), and what MaxIM must hold after.
 */
public final class MigrationFixture {

    public final Path jobFile;
    /** Valid usernames. */
    public final Set<String> users = new TreeSet<>();
    /** username -> usernames it added as friends. */
    public final Map<String, Set<String>> friends = new HashMap<>();
    /** group name -> owner username and member usernames (owner included). */
    public final Map<String, Group> groups = new LinkedHashMap<>();
    public final int brokenFriendships;
    public final int brokenMemberships;

    public record Group(String owner, Set<String> members) {
    }

    /**
     * @param bigGroups how many groups get bigMembers members each; the others get 5 to 60
     */
    public MigrationFixture(Path dir, String prefix, int userCount, int friendshipCount, int groupCount, int bigGroups,
                            int bigMembers, long seed) {
        Random random = new Random(seed);
        StringBuilder usersCsv = new StringBuilder("legacy_id,username,password\n");
        List<Integer> valid = new ArrayList<>();
        for (int i = 1; i <= userCount; i++) {
            usersCsv.append(prefix).append("-L").append(i).append(',').append(name(prefix, i)).append(",pw-").append(i).append('\n');
            valid.add(i);
            users.add(name(prefix, i));
            if (i % 50 == 0) {
                // a user the users step rejects: later references to it are broken
                usersCsv.append(prefix).append("-X").append(i).append(",bad name ").append(i).append(",pw\n");
            }
        }
        StringBuilder rostersCsv = new StringBuilder("user_legacy_id,friend_legacy_id\n");
        int broken = 0;
        Set<Long> seen = new HashSet<>();
        for (int n = 0; n < friendshipCount; ) {
            int a = valid.get(random.nextInt(valid.size()));
            int b = valid.get(random.nextInt(valid.size()));
            if (a == b || !seen.add((long) a * 1_000_000 + b)) {
                continue;
            }
            rostersCsv.append(prefix).append("-L").append(a).append(',').append(prefix).append("-L").append(b).append('\n');
            friends.computeIfAbsent(name(prefix, a), k -> new HashSet<>()).add(name(prefix, b));
            n++;
            if (n % 300 == 0) {
                rostersCsv.append(prefix).append("-L").append(a).append(',').append(prefix).append("-X50\n");
                rostersCsv.append(prefix).append("-L").append(a).append(',').append(prefix).append("-L").append(a).append('\n');
                broken += 2;
            }
        }
        brokenFriendships = broken;
        StringBuilder groupsCsv = new StringBuilder("legacy_group_id,name,description,owner_legacy_id\n");
        StringBuilder membersCsv = new StringBuilder("legacy_group_id,member_legacy_id\n");
        int brokenMembers = 0;
        for (int g = 1; g <= groupCount; g++) {
            int owner = valid.get(random.nextInt(valid.size()));
            String groupName = prefix + " group " + g;
            groupsCsv.append(prefix).append("-G").append(g).append(",\"").append(groupName).append("\",imported,")
                    .append(prefix).append("-L").append(owner).append('\n');
            Set<String> members = new HashSet<>();
            members.add(name(prefix, owner));
            int size = g <= bigGroups ? bigMembers : 5 + random.nextInt(56);
            List<Integer> shuffled = new ArrayList<>(valid);
            java.util.Collections.shuffle(shuffled, random);
            for (int m : shuffled.subList(0, Math.min(size, shuffled.size()))) {
                membersCsv.append(prefix).append("-G").append(g).append(',').append(prefix).append("-L").append(m).append('\n');
                members.add(name(prefix, m));
            }
            membersCsv.append(prefix).append("-G").append(g).append(',').append(prefix).append("-X100\n");
            brokenMembers++;
            groups.put(groupName, new Group(name(prefix, owner), members));
        }
        groupsCsv.append(prefix).append("-G0,\"").append(prefix).append(" orphan\",owner unknown,").append(prefix).append("-L999999\n");
        for (int m = 1; m <= 5; m++) {
            membersCsv.append(prefix).append("-G0,").append(prefix).append("-L").append(m).append('\n');
            membersCsv.append(prefix).append("-G999,").append(prefix).append("-L").append(m).append('\n');
            brokenMembers += 2;
        }
        brokenMemberships = brokenMembers;
        JobTestSupport.write(dir.resolve(prefix + "-users.csv"), usersCsv.toString());
        JobTestSupport.write(dir.resolve(prefix + "-rosters.csv"), rostersCsv.toString());
        JobTestSupport.write(dir.resolve(prefix + "-groups.csv"), groupsCsv.toString());
        JobTestSupport.write(dir.resolve(prefix + "-members.csv"), membersCsv.toString());
        jobFile = JobTestSupport.jobFile(dir, prefix + "-migration", """
                  - name: users
                    type: register-users
                    source: { csv: %1$s-users.csv }
                    batch-size: 50
                    chunk-size: 500
                  - name: friends
                    type: import-rosters
                    source: { csv: %1$s-rosters.csv }
                    chunk-size: 500
                  - name: groups
                    type: create-groups
                    source: { csv: %1$s-groups.csv }
                    members: { csv: %1$s-members.csv }
                    chunk-size: 10
                  - name: reconcile
                    type: reconcile
                """.formatted(dir.resolve(prefix).toAbsolutePath()));
    }

    /** username -> nickname and tags (sorted, '|'-joined) the users file carries, after withAccounts(). */
    public final Map<String, String[]> accounts = new HashMap<>();

    /** Gives every valid user a nickname and every third one the tags "early|t" + i % 2, in the users file. */
    public MigrationFixture withAccounts(Path dir, String prefix) {
        Path file = dir.resolve(prefix + "-users.csv");
        StringBuilder csv = new StringBuilder();
        try {
            List<String> lines = java.nio.file.Files.readAllLines(file);
            csv.append(lines.get(0)).append(",nickname,tags\n");
            for (String line : lines.subList(1, lines.size())) {
                String username = line.split(",")[1];
                if (users.contains(username)) {
                    int i = Integer.parseInt(username.substring(prefix.length() + 1));
                    String tags = i % 3 == 0 ? "early|t" + i % 2 : "";
                    accounts.put(username, new String[] {"Nick " + i, tags});
                    csv.append(line).append(",Nick ").append(i).append(',').append(tags).append('\n');
                } else {
                    csv.append(line).append(",,\n");
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        JobTestSupport.write(file, csv.toString());
        return this;
    }

    /** username -> friend username -> the remark the rosters file gives, after withRemarksAndAdmins(). */
    public final Map<String, Map<String, String>> remarks = new TreeMap<>();
    /** group name -> the usernames the members file makes admins, after withRemarksAndAdmins(). */
    public final Map<String, Set<String>> admins = new TreeMap<>();

    /**
     * Gives every second valid friendship a remark (rosters' remark column) and makes the first two members of each
     * group who are not its owner admins (members' role column).
     */
    public MigrationFixture withRemarksAndAdmins(Path dir, String prefix) {
        rewrite(dir.resolve(prefix + "-rosters.csv"), "remark", new java.util.function.Function<>() {
            private int valid;

            @Override
            public String apply(String[] cells) {
                String user = username(prefix, cells[0]);
                String friend = username(prefix, cells[1]);
                if (user == null || friend == null || user.equals(friend) || valid++ % 2 == 1) {
                    return "";
                }
                remarks.computeIfAbsent(user, k -> new TreeMap<>()).put(friend, "R " + friend);
                return "R " + friend;
            }
        });
        rewrite(dir.resolve(prefix + "-members.csv"), "role", cells -> {
            String groupName = prefix + " group " + cells[0].substring(cells[0].lastIndexOf("-G") + 2);
            String member = username(prefix, cells[1]);
            Group group = groups.get(groupName);
            if (group == null || member == null || member.equals(group.owner())
                    || admins.computeIfAbsent(groupName, k -> new TreeSet<>()).size() == 2) {
                return "";
            }
            admins.get(groupName).add(member);
            return "admin";
        });
        return this;
    }

    /**
     * Asserts that the updates a sandbox executed (its executed_updates since the migration began) are exactly one per
     * change this fixture carries: a profile per account, a tag set per tagged account, a remark, an admin each.
     */
    public void assertEachChangeExecutedOnce(Map<String, Long> executed) {
        assertThat(executed.getOrDefault("profile", 0L)).as("profiles").isEqualTo(accounts.size());
        assertThat(executed.getOrDefault("tag", 0L)).as("tag sets")
                .isEqualTo(accounts.values().stream().filter(a -> !a[1].isEmpty()).count());
        assertThat(executed.getOrDefault("remark", 0L)).as("remarks")
                .isEqualTo(remarks.values().stream().mapToLong(Map::size).sum());
        assertThat(executed.getOrDefault("admin", 0L)).as("admins")
                .isEqualTo(admins.values().stream().mapToLong(Set::size).sum());
    }

    /** The username a legacy id of this fixture names, or null for one of its broken references. */
    private String username(String prefix, String legacyId) {
        String name = legacyId.contains("-L") ? name(prefix, Integer.parseInt(legacyId.substring(legacyId.lastIndexOf("-L") + 2))) : null;
        return name != null && users.contains(name) ? name : null;
    }

    /** Adds a column to a CSV file of this fixture, its value computed from each row's cells. */
    private static void rewrite(Path file, String column, java.util.function.Function<String[], String> value) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(file);
            StringBuilder csv = new StringBuilder(lines.get(0)).append(',').append(column).append('\n');
            for (String line : lines.subList(1, lines.size())) {
                csv.append(line).append(',').append(value.apply(line.split(","))).append('\n');
            }
            JobTestSupport.write(file, csv.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Asserts that a sandbox state holds each account's nickname and tags, as withAccounts() wrote them, and the
     * remarks and admins of withRemarksAndAdmins().
     */
    public void assertAccountsHeldBy(JsonNode state) {
        Map<String, String> ids = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        state.path("users").properties().forEach(e -> {
            ids.put(e.getKey(), e.getValue().asString());
            names.put(e.getValue().asLong(), e.getKey());
        });
        accounts.forEach((username, expected) -> {
            JsonNode account = state.path("accounts").path(ids.get(username));
            assertThat(account.path("nick_name").asString()).as("nickname of %s", username).isEqualTo(expected[0]);
            Set<String> tags = new TreeSet<>();
            account.path("tags").forEach(t -> tags.add(t.asString()));
            assertThat(String.join("|", tags)).as("tags of %s", username).isEqualTo(expected[1]);
        });
        Map<String, Map<String, String>> heldRemarks = new TreeMap<>();
        state.path("remarks").properties().forEach(e -> e.getValue().properties().forEach(r -> {
            String user = names.get(Long.parseLong(e.getKey()));
            if (users.contains(user)) {
                heldRemarks.computeIfAbsent(user, k -> new TreeMap<>()).put(names.get(Long.parseLong(r.getKey())), r.getValue().asString());
            }
        }));
        assertThat(heldRemarks).as("remarks").isEqualTo(remarks);
        Map<String, Set<String>> heldAdmins = new TreeMap<>();
        for (JsonNode group : state.path("groups")) {
            if (admins.containsKey(group.path("name").asString()) && !group.path("destroyed").asBoolean()) {
                Set<String> held = heldAdmins.computeIfAbsent(group.path("name").asString(), k -> new TreeSet<>());
                group.path("admins").forEach(id -> held.add(names.get(id.asLong())));
            }
        }
        assertThat(heldAdmins).as("admins").isEqualTo(admins);
    }

    public static String name(String prefix, int i) {
        return prefix + "_" + i;
    }

    /** Asserts that a sandbox state (GET /sandbox/state) holds exactly this migration's valid data. */
    public void assertHeldExactlyBy(JsonNode state, String prefix) {
        Map<Long, String> names = new HashMap<>();
        Set<String> present = new TreeSet<>();
        state.path("users").properties().forEach(e -> {
            names.put(e.getValue().asLong(), e.getKey());
            if (e.getKey().startsWith(prefix + "_")) {
                present.add(e.getKey());
            }
        });
        assertThat(present).as("users").isEqualTo(users);
        Map<String, Set<String>> actualFriends = new HashMap<>();
        state.path("friends").properties().forEach(e -> {
            String user = names.get(Long.parseLong(e.getKey()));
            if (user != null && user.startsWith(prefix + "_")) {
                Set<String> set = new HashSet<>();
                e.getValue().forEach(id -> set.add(names.get(id.asLong())));
                if (!set.isEmpty()) {
                    actualFriends.put(user, set);
                }
            }
        });
        assertThat(actualFriends).as("friendships").isEqualTo(friends);
        Map<String, Integer> copies = new HashMap<>();
        Map<String, Group> actualGroups = new HashMap<>();
        for (JsonNode group : state.path("groups")) {
            String groupName = group.path("name").asString();
            if (group.path("destroyed").asBoolean() || !groupName.startsWith(prefix + " ")) {
                continue;
            }
            copies.merge(groupName, 1, Integer::sum);
            Set<String> members = new HashSet<>();
            group.path("members").forEach(id -> members.add(names.get(id.asLong())));
            actualGroups.put(groupName, new Group(names.get(group.path("owner_id").asLong()), members));
        }
        assertThat(copies.values()).as("no group twice").allMatch(c -> c == 1);
        assertThat(actualGroups.keySet()).as("groups").isEqualTo(groups.keySet());
        groups.forEach((groupName, expected) -> {
            assertThat(actualGroups.get(groupName).owner()).as("owner of %s", groupName).isEqualTo(expected.owner());
            assertThat(actualGroups.get(groupName).members()).as("members of %s", groupName).isEqualTo(expected.members());
        });
    }
}
