package io.maximbatch.reconcile;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.StepSpec;
import io.maximbatch.ledger.GroupMap;
import io.maximbatch.ledger.GroupMapping;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.maxim.MaximException;
import io.maximbatch.maxim.MaximModel.MemberPage;
import io.maximbatch.maxim.MaximModel.UserInfo;
import io.maximbatch.reconcile.Discrepancy.Kind;
import io.maximbatch.report.RejectReport;
import io.maximbatch.groups.GroupRecords;
import io.maximbatch.roster.RosterRecords;
import io.maximbatch.roster.RosterSettings;
import io.maximbatch.users.UserRecords;
import io.maximbatch.source.SourceRecord;
import io.maximbatch.source.SourceSpec;
import io.maximbatch.source.Sources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Proves a migration complete: reads the job file's friendship and group sources again, resolves them through
 * the ID maps, and compares them with what MaxIM holds (/user/rosters, /group/member_list to the last cursor).
 */
@Service
public class ReconcileService {

    private static final int PAGE = 1000;
    private static final int GROUP_NOT_FOUND = 20001;

    private final ObjectProvider<MaximClient> client;
    private final ObjectProvider<ConcurrentCalls> calls;
    private final UserMap userMap;
    private final GroupMap groupMap;
    private final Path reportsDir;

    ReconcileService(ObjectProvider<MaximClient> client, ObjectProvider<ConcurrentCalls> calls, UserMap userMap, GroupMap groupMap,
                     @Value("${maxim.reports-dir:./reports}") Path reportsDir) {
        this.client = client;
        this.calls = calls;
        this.userMap = userMap;
        this.groupMap = groupMap;
        this.reportsDir = reportsDir;
    }

    public ReconcileReport reconcile(JobFile job) {
        List<Discrepancy> found = Collections.synchronizedList(new ArrayList<>());
        Counts counts = new Counts();
        for (StepSpec spec : job.steps()) {
            if (spec.type().equals("register-users")) {
                users(spec.source("source", UserRecords.REQUIRED_COLUMNS, UserRecords.OPTIONAL_COLUMNS), found, counts);
            } else if (spec.type().equals("import-rosters")) {
                friendships(RosterSettings.from(spec), found, counts);
            } else if (spec.type().equals("create-groups")) {
                groups(spec.source("source", GroupRecords.GROUP_COLUMNS, GroupRecords.OPTIONAL_GROUP_COLUMNS),
                        spec.source("members", GroupRecords.MEMBER_COLUMNS), found, counts);
            }
        }
        List<Discrepancy> sorted = new ArrayList<>(found);
        sorted.sort((a, b) -> a.kind() != b.kind() ? a.kind().compareTo(b.kind()) : a.legacy().compareTo(b.legacy()));
        Path file = reportsDir.resolve(job.name() + "-reconcile-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".csv");
        write(file, sorted);
        return new ReconcileReport(counts.expectedUsers, counts.presentUsers, counts.expectedFriendships, counts.presentFriendships, counts.expectedGroups,
                counts.presentGroups, counts.expectedMembers, counts.presentMembers, counts.unresolvable, sorted, file);
    }

    private static final class Counts {
        long expectedUsers;
        long presentUsers;
        long expectedFriendships;
        long presentFriendships;
        long expectedGroups;
        long presentGroups;
        long expectedMembers;
        long presentMembers;
        long unresolvable;
    }

    /** Every valid user row (the first of duplicates wins, as in the users step) must be registered. */
    private void users(SourceSpec source, List<Discrepancy> found, Counts counts) {
        Map<String, String> expected = new LinkedHashMap<>();
        Set<String> usernames = new HashSet<>();
        read(source, UserRecords.REQUIRED_COLUMNS, record -> {
            String legacyId = UserRecords.legacyId(record);
            if (!UserRecords.isValid(record) || expected.containsKey(legacyId) || !usernames.add(UserRecords.username(record))) {
                counts.unresolvable++;
            } else {
                expected.put(legacyId, UserRecords.username(record));
            }
        });
        Map<String, Long> registered = userMap.userIds(expected.keySet());
        counts.expectedUsers += expected.size();
        counts.presentUsers += registered.size();
        expected.forEach((legacyId, username) -> {
            if (!registered.containsKey(legacyId)) {
                found.add(new Discrepancy(Kind.MISSING_USER, legacyId, "", "user " + username
                        + " is not registered (see the users step's reject report)"));
            }
        });
    }

    private void friendships(RosterSettings settings, List<Discrepancy> found, Counts counts) {
        List<String[]> rows = new ArrayList<>();
        Set<String> legacyIds = new HashSet<>();
        read(settings.source(), List.of("user_legacy_id", "friend_legacy_id"), record -> {
            String user = record.get("user_legacy_id");
            String friend = record.get("friend_legacy_id");
            if (!RosterRecords.isValid(record)) {
                counts.unresolvable++;
                return;
            }
            rows.add(new String[] {user, friend});
            legacyIds.add(user);
            legacyIds.add(friend);
        });
        Map<String, Long> ids = userMap.userIds(legacyIds);
        Map<Long, String> legacyOf = new HashMap<>();
        ids.forEach((legacy, id) -> legacyOf.put(id, legacy));
        Map<Long, Set<Long>> expected = new TreeMap<>();
        for (String[] row : rows) {
            Long user = ids.get(row[0]);
            Long friend = ids.get(row[1]);
            if (user == null || friend == null) {
                counts.unresolvable++;
                continue;
            }
            expected.computeIfAbsent(user, k -> new HashSet<>()).add(friend);
            if (settings.mutual()) {
                expected.computeIfAbsent(friend, k -> new HashSet<>()).add(user);
            }
        }
        List<Callable<Void>> tasks = new ArrayList<>();
        List<long[]> extras = Collections.synchronizedList(new ArrayList<>());
        expected.forEach((user, friends) -> tasks.add(() -> {
            Set<Long> actual = new HashSet<>();
            for (UserInfo info : client.getObject().rosters(user)) {
                actual.add(info.userId());
            }
            synchronized (counts) {
                counts.expectedFriendships += friends.size();
                friends.stream().filter(actual::contains).forEach(f -> counts.presentFriendships++);
            }
            for (Long friend : friends) {
                if (!actual.contains(friend)) {
                    found.add(new Discrepancy(Kind.MISSING_FRIENDSHIP, legacyOf.get(user) + " -> " + legacyOf.get(friend),
                            user + " -> " + friend, "not in the user's roster"));
                }
            }
            for (Long friend : actual) {
                if (!friends.contains(friend)) {
                    extras.add(new long[] {user, friend});
                }
            }
            return null;
        }));
        run(tasks);
        Set<Long> unknown = new HashSet<>();
        extras.forEach(pair -> unknown.add(pair[1]));
        unknown.removeAll(legacyOf.keySet());
        legacyOf.putAll(userMap.legacyIds(unknown));
        for (long[] pair : extras) {
            found.add(new Discrepancy(Kind.EXTRA_FRIENDSHIP, legacyOf.get(pair[0]) + " -> " + legacyOf.getOrDefault(pair[1], "(not migrated)"),
                    pair[0] + " -> " + pair[1], "in the roster, not in the source"));
        }
    }

    private void groups(SourceSpec groupSource, SourceSpec memberSource, List<Discrepancy> found, Counts counts) {
        Map<String, String> owners = new LinkedHashMap<>();
        read(groupSource, GroupRecords.GROUP_COLUMNS, record -> {
            String group = record.get("legacy_group_id");
            String owner = record.get("owner_legacy_id");
            if (!GroupRecords.isValidGroup(record) || owners.containsKey(group)) {
                counts.unresolvable++;
            } else {
                owners.put(group, owner);
            }
        });
        Map<String, Long> ownerIds = userMap.userIds(owners.values());
        Map<String, GroupMapping> mapped = groupMap.find(owners.keySet());
        Map<String, List<String>> members = new HashMap<>();
        read(memberSource, GroupRecords.MEMBER_COLUMNS, record -> {
            String group = record.get("legacy_group_id");
            String member = record.get("member_legacy_id");
            if (!GroupRecords.isValidMembership(record)) {
                counts.unresolvable++;
            } else {
                members.computeIfAbsent(group, k -> new ArrayList<>()).add(member);
            }
        });
        // Member rows of a group that is not in the group source (or not valid there) cannot be expected either.
        members.forEach((group, rows) -> {
            if (!owners.containsKey(group)) {
                counts.unresolvable += rows.size();
            }
        });
        Set<String> memberLegacyIds = new HashSet<>();
        members.values().forEach(memberLegacyIds::addAll);
        Map<String, Long> memberIds = userMap.userIds(memberLegacyIds);
        Map<Long, String> legacyOf = new HashMap<>();
        memberIds.forEach((legacy, id) -> legacyOf.put(id, legacy));
        ownerIds.forEach((legacy, id) -> legacyOf.put(id, legacy));
        List<Callable<Void>> tasks = new ArrayList<>();
        List<Object[]> extras = Collections.synchronizedList(new ArrayList<>());
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
            synchronized (counts) {
                counts.expectedGroups++;
                counts.expectedMembers += expectedMembers.size();
            }
            GroupMapping mapping = mapped.get(legacyGroup);
            if (mapping == null || mapping.state() != GroupMapping.State.DONE) {
                found.add(new Discrepancy(Kind.MISSING_GROUP, legacyGroup, "", "not created (no group in the ID map)"));
                continue;
            }
            tasks.add(() -> {
                Set<Long> actual;
                try {
                    actual = members(owner, mapping.groupId());
                } catch (MaximException e) {
                    if (e.code() != GROUP_NOT_FOUND) {
                        throw e;
                    }
                    found.add(new Discrepancy(Kind.MISSING_GROUP, legacyGroup, String.valueOf(mapping.groupId()), "MaxIM has no such group"));
                    return null;
                }
                synchronized (counts) {
                    counts.presentGroups++;
                    expectedMembers.stream().filter(actual::contains).forEach(m -> counts.presentMembers++);
                }
                for (Long member : expectedMembers) {
                    if (!actual.contains(member)) {
                        found.add(new Discrepancy(Kind.MISSING_MEMBER, legacyGroup + " / " + legacyOf.get(member),
                                mapping.groupId() + " / " + member, "not a member"));
                    }
                }
                for (Long member : actual) {
                    if (!expectedMembers.contains(member)) {
                        extras.add(new Object[] {legacyGroup, mapping.groupId(), member});
                    }
                }
                return null;
            });
        }
        run(tasks);
        Set<Long> unknown = new HashSet<>();
        extras.forEach(extra -> unknown.add((Long) extra[2]));
        unknown.removeAll(legacyOf.keySet());
        legacyOf.putAll(userMap.legacyIds(unknown));
        for (Object[] extra : extras) {
            found.add(new Discrepancy(Kind.EXTRA_MEMBER, extra[0] + " / " + legacyOf.getOrDefault((Long) extra[2], "(not migrated)"),
                    extra[1] + " / " + extra[2], "a member, not in the source"));
        }
    }

    /** Every member of a group, following the cursor to the last page; a page list that ends short is an error. */
    private Set<Long> members(long owner, long groupId) {
        Set<Long> members = new HashSet<>();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        Long total = null;
        do {
            MemberPage page = client.getObject().memberList(owner, groupId, cursor, PAGE);
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

    private void run(List<Callable<Void>> tasks) {
        for (ConcurrentCalls.Result<Void> result : calls.getObject().runAll(tasks)) {
            if (!result.ok()) {
                throw result.failure() instanceof RuntimeException e ? e : new IllegalStateException(result.failure());
            }
        }
    }

    private static void read(SourceSpec spec, List<String> columns, Consumer<SourceRecord> each) {
        ItemStreamReader<SourceRecord> reader = Sources.reader(spec, columns);
        reader.open(new ExecutionContext());
        try {
            for (SourceRecord record = reader.read(); record != null; record = reader.read()) {
                each.accept(record);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(spec.describe() + ": " + e.getMessage(), e);
        } finally {
            reader.close();
        }
    }

    private static void write(Path file, List<Discrepancy> discrepancies) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8); ICSVWriter csv = new CSVWriter(out)) {
                csv.writeNext(new String[] {"kind", "legacy", "maxim", "detail"}, false);
                for (Discrepancy d : discrepancies) {
                    csv.writeNext(new String[] {d.kind().name(), RejectReport.neutralise(d.legacy()), d.maxim(), d.detail()}, true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write reconcile report " + file + ": " + e.getMessage(), e);
        }
    }
}
