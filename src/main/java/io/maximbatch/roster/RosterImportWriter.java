package io.maximbatch.roster;

import io.maximbatch.roster.ledger.RosterLedger;
import io.maximbatch.roster.ledger.RosterLedger.Edge;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.ItemCalls;
import io.maximbatch.outcome.Outcome;
import io.maximbatch.report.StepRecords;
import io.maximbatch.step.Decision;
import io.maximbatch.step.OutcomeWriter;
import io.maximbatch.step.Settled;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * Adds a chunk's friendships: both ends resolved through the ID map, edges already confirmed skipped, the rest
 * grouped by adding user into /user/add_roster calls of at most batch-size friends, sent concurrently. Confirmed
 * edges are recorded at once, so that a replay or a restart never sends them again.
 */
final class RosterImportWriter extends OutcomeWriter<RosterRow, Edge, Settled, RosterImportWriter.Uses> {

    /** What it works with: the add_roster calls, the ID map, the roster ledger and the step's settings. */
    record Uses(ItemCalls items, UserMap userMap, RosterLedger ledger, RosterSettings settings) {
    }

    RosterImportWriter(StepRecords records, ConcurrentCalls calls, Uses uses) {
        super(records, calls, uses);
    }

    @Override
    protected List<Decision<Edge>> decide(List<? extends RosterRow> chunk) {
        RosterLookups lookups = RosterLookups.forChunk(chunk, uses.userMap(), uses.ledger(), uses.settings().mutual());
        return chunk.stream().map(row -> RosterDecision.decide(row, lookups, uses.settings().mutual())).toList();
    }

    /** One call per adding user and batch of friends, all concurrently. */
    @Override
    protected List<Callable<Map<Edge, Settled>>> calls(List<Edge> edges) {
        Map<Long, List<Edge>> friendsByUser = new LinkedHashMap<>();
        edges.stream().sorted(Comparator.comparingLong(Edge::userId).thenComparingLong(Edge::friendId))
                .forEach(e -> friendsByUser.computeIfAbsent(e.userId(), k -> new ArrayList<>()).add(e));
        List<Callable<Map<Edge, Settled>>> calls = new ArrayList<>();
        friendsByUser.forEach((user, friends) -> batches(friends, uses.settings().batchSize(), batch -> uses.items().addFriends(user,
                batch.stream().map(Edge::friendId).toList()), (edge, result) -> Settled.answered(result, false, RosterReject.REFUSED), calls));
        return calls;
    }

    /** Confirmed edges (added, or already friends) are recorded at once, also when another call of the chunk failed. */
    @Override
    protected Map<Edge, Settled> afterCalls(Map<Edge, Settled> results) {
        uses.ledger().confirm(results.entrySet().stream().filter(e -> e.getValue().outcome() != null && !e.getValue().outcome().isRejected())
                .map(Map.Entry::getKey).toList(), results.entrySet().stream().filter(e -> e.getValue().outcome() != null
                        && e.getValue().outcome().kind() == Outcome.Kind.WRITTEN).map(Map.Entry::getKey).collect(Collectors.toSet()),
                records.instanceId(), records.jobName());
        return results;
    }
}
