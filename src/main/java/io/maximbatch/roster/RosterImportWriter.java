package io.maximbatch.roster;

import io.maximbatch.ledger.RosterLedger;
import io.maximbatch.ledger.RosterLedger.Edge;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.CallTrace;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.ErrorClass;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.maxim.MaximException;
import io.maximbatch.report.ChunkTally;
import io.maximbatch.report.StepRecords;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Adds a chunk's friendships: both ends resolved through the ID map, edges already confirmed skipped, the rest
 * grouped by adding user into /user/add_roster calls of at most batch-size friends, sent concurrently. Confirmed
 * edges are recorded at once, so that a replay or a restart never sends them again.
 */
final class RosterImportWriter implements ItemWriter<RosterRow> {

    private final MaximClient client;
    private final ConcurrentCalls calls;
    private final UserMap userMap;
    private final RosterLedger ledger;
    private final RosterSettings settings;
    private final StepRecords records;

    RosterImportWriter(MaximClient client, ConcurrentCalls calls, UserMap userMap, RosterLedger ledger,
                       RosterSettings settings, StepRecords records) {
        this.client = client;
        this.calls = calls;
        this.userMap = userMap;
        this.ledger = ledger;
        this.settings = settings;
        this.records = records;
    }

    /** What became of one directed edge. */
    private record EdgeResult(boolean added, String rejectCode, String rejectReason) {
        static final EdgeResult ADDED = new EdgeResult(true, null, null);
        static final EdgeResult ALREADY = new EdgeResult(false, null, null);

        boolean confirmed() {
            return rejectCode == null;
        }
    }

    @Override
    public void write(Chunk<? extends RosterRow> chunk) {
        ChunkTally tally = new ChunkTally();
        Set<String> legacyIds = new HashSet<>();
        for (RosterRow row : chunk) {
            if (row.isValid()) {
                legacyIds.add(row.userLegacyId());
                legacyIds.add(row.friendLegacyId());
            }
        }
        Map<String, Long> userIds = userMap.userIds(legacyIds);
        Map<RosterRow, List<Edge>> rowEdges = new LinkedHashMap<>();
        for (RosterRow row : chunk) {
            if (!row.isValid()) {
                tally.reject(row.line(), row.rejectCode(), row.rejectReason(), row.asRead());
            } else if (!userIds.containsKey(row.userLegacyId())) {
                tally.reject(row.line(), "UNKNOWN_USER", unknown(row.userLegacyId()), row.asRead());
            } else if (!userIds.containsKey(row.friendLegacyId())) {
                tally.reject(row.line(), "UNKNOWN_FRIEND", unknown(row.friendLegacyId()), row.asRead());
            } else {
                long user = userIds.get(row.userLegacyId());
                long friend = userIds.get(row.friendLegacyId());
                rowEdges.put(row, settings.mutual() ? List.of(new Edge(user, friend), new Edge(friend, user)) : List.of(new Edge(user, friend)));
            }
        }
        Set<Edge> all = new HashSet<>();
        rowEdges.values().forEach(all::addAll);
        Set<Edge> confirmedBefore = ledger.confirmed(all);
        Set<Edge> toSend = new HashSet<>(all);
        toSend.removeAll(confirmedBefore);

        Map<Edge, EdgeResult> results = new ConcurrentHashMap<>();
        RuntimeException fatal = send(toSend, results);
        ledger.confirm(results.entrySet().stream().filter(e -> e.getValue().confirmed()).map(Map.Entry::getKey).toList(),
                records.instanceId());
        if (fatal != null) {
            // Confirmed edges are saved; the chunk rolls back and the resumed run sends only the others.
            throw fatal;
        }
        settle(rowEdges, confirmedBefore, results, tally);
        records.save(tally);
    }

    /** Each row's outcome from its edges'; a row whose edges an earlier row of the chunk already carried is already done. */
    private static void settle(Map<RosterRow, List<Edge>> rowEdges, Set<Edge> confirmedBefore, Map<Edge, EdgeResult> results,
                               ChunkTally tally) {
        Set<Edge> counted = new HashSet<>();
        for (Map.Entry<RosterRow, List<Edge>> entry : rowEdges.entrySet()) {
            RosterRow row = entry.getKey();
            boolean added = false;
            EdgeResult refused = null;
            for (Edge edge : entry.getValue()) {
                EdgeResult result = confirmedBefore.contains(edge) ? EdgeResult.ALREADY : results.get(edge);
                if (!result.confirmed()) {
                    refused = refused == null ? result : refused;
                } else if (result.added() && counted.add(edge)) {
                    added = true;
                }
            }
            if (refused != null) {
                tally.reject(row.line(), refused.rejectCode(), refused.rejectReason(), row.asRead());
            } else if (added) {
                tally.written();
            } else {
                tally.alreadyDone();
            }
        }
    }

    /** One call per adding user and batch of friends, all concurrently; returns the first fatal failure, if any. */
    private RuntimeException send(Set<Edge> edges, Map<Edge, EdgeResult> results) {
        Map<Long, List<Long>> friendsByUser = new LinkedHashMap<>();
        edges.stream().sorted((a, b) -> a.userId() != b.userId() ? Long.compare(a.userId(), b.userId()) : Long.compare(a.friendId(), b.friendId()))
                .forEach(e -> friendsByUser.computeIfAbsent(e.userId(), k -> new ArrayList<>()).add(e.friendId()));
        List<Callable<Void>> tasks = new ArrayList<>();
        friendsByUser.forEach((user, friends) -> {
            for (int i = 0; i < friends.size(); i += settings.batchSize()) {
                List<Long> batch = friends.subList(i, Math.min(friends.size(), i + settings.batchSize()));
                tasks.add(() -> {
                    add(user, batch, results, false);
                    return null;
                });
            }
        });
        RuntimeException fatal = null;
        for (ConcurrentCalls.Result<Void> result : calls.runAll(tasks)) {
            if (!result.ok() && fatal == null) {
                fatal = result.failure() instanceof RuntimeException e ? e : new IllegalStateException(result.failure());
            }
        }
        return fatal;
    }

    private void add(long user, List<Long> friends, Map<Edge, EdgeResult> results, boolean earlierCallMaybeExecuted) {
        CallTrace trace = new CallTrace();
        try {
            client.addRoster(user, friends, trace);
            friends.forEach(f -> results.put(new Edge(user, f), EdgeResult.ADDED));
        } catch (MaximException e) {
            boolean ours = earlierCallMaybeExecuted || trace.maybeExecuted();
            if (e.errorClass() == ErrorClass.FATAL || e.errorClass() == ErrorClass.RETRYABLE) {
                throw e;
            }
            if (friends.size() > 1) {
                // 10005 or a refusal for the whole list: ask friend by friend to learn which.
                friends.forEach(f -> add(user, List.of(f), results, ours));
            } else if (e.errorClass() == ErrorClass.ALREADY_DONE) {
                // Already friends: our own lost answer of this call, or an earlier run's, or the legacy data.
                results.put(new Edge(user, friends.get(0)), ours ? EdgeResult.ADDED : EdgeResult.ALREADY);
            } else {
                results.put(new Edge(user, friends.get(0)), new EdgeResult(false, e.reasonCode(), e.getMessage()));
            }
        }
    }

    private static String unknown(String legacyId) {
        return "legacy user " + legacyId + " is not registered in MaxIM (unknown, or rejected by the users step)";
    }
}
