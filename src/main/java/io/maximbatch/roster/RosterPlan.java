package io.maximbatch.roster;

import io.maximbatch.ledger.AppliedState;
import io.maximbatch.ledger.RosterLedger.Edge;
import io.maximbatch.ledger.RosterLedger;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.report.Outcome;
import io.maximbatch.report.Tally;
import io.maximbatch.step.ChunkOutcomes;
import io.maximbatch.step.Decision;
import io.maximbatch.step.Plan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A dry run of import-rosters: the run's decision for each row, chunk by chunk, with both ends resolved through the
 * ID map or the users an earlier step would register, and confirmed edges read from the ledger. Friendships that
 * MaxIM holds but our ledger does not are counted to add; the run finds them already done (10005).
 */
final class RosterPlan {

    private final RosterSettings settings;
    private final UserMap userMap;
    private final RosterLedger ledger;
    private final RosterLookups lookups;
    private final Tally tally = new Tally();
    /** The remarks step's, when the job has one (applied: its ledger, else null). */
    private final AppliedState applied;
    private final Tally remarks = new Tally();
    private long calls;
    private long filtered;
    private long remarkCalls;

    RosterPlan(RosterSettings settings, UserMap userMap, RosterLedger ledger, AppliedState applied, Set<String> registeredByEarlierStep) {
        this.settings = settings;
        this.userMap = userMap;
        this.ledger = ledger;
        this.applied = applied;
        this.lookups = RosterLookups.forRehearsal(java.util.Optional.of(registeredByEarlierStep));
    }

    void chunk(List<RosterRow> rows) {
        Set<String> legacyIds = new HashSet<>();
        rows.forEach(row -> {
            legacyIds.add(row.userLegacyId());
            legacyIds.add(row.friendLegacyId());
        });
        legacyIds.remove(null);
        Map<String, Long> ids = userMap.userIds(legacyIds);
        Set<Edge> known = new HashSet<>();
        for (RosterRow row : rows) {
            if (ids.containsKey(row.userLegacyId()) && ids.containsKey(row.friendLegacyId())) {
                known.addAll(RosterDecision.edges(ids.get(row.userLegacyId()), ids.get(row.friendLegacyId()), settings.mutual()));
            }
        }
        lookups.load(ids, ledger.confirmed(known));
        List<Decision<Edge>> decisions = new ArrayList<>();
        Map<Long, Integer> friendsByAdder = new HashMap<>();
        for (RosterRow row : rows) {
            Decision<Edge> decision = RosterDecision.decide(row, lookups, settings.mutual());
            decisions.add(decision);
            decision.items().forEach(edge -> friendsByAdder.merge(edge.userId(), 1, Integer::sum));
            lookups.noteSent(decision.items());
        }
        ChunkOutcomes.tally(rows, decisions, edge -> Outcome.WRITTEN, tally);
        friendsByAdder.values().forEach(friends -> calls += (friends + settings.batchSize() - 1) / settings.batchSize());
        if (applied != null) {
            planRemarks(rows.stream().filter(row -> RosterDecision.broken(row).isEmpty()).toList());
        }
    }

    /** The remarks step's decisions for the rows (after the friendships this chunk would add), one call each. */
    private void planRemarks(List<RosterRow> rows) {
        Map<AppliedState.Key, AppliedState.State> states = applied.find(RemarkWriter.keys(rows));
        List<Decision<RemarkChange>> decisions = rows.stream().map(row -> RemarkWriter.decide(row, lookups, states)).toList();
        decisions.forEach(decision -> remarkCalls += decision.items().size());
        ChunkOutcomes.tally(rows, decisions, RemarkWriter::applied, remarks);
    }

    /** Rows the source says are not friendships (`skip`): read, filtered out, counted. */
    void filtered(long rows) {
        filtered = rows;
    }

    Tally tally() {
        return tally;
    }

    Plan result(Path report) {
        List<String> lines = new ArrayList<>(List.of(
                (tally.read() + filtered) + " rows read: " + tally.written() + " friendships to add, " + tally.alreadyDone() + " already done, "
                        + tally.rejected() + " rejected" + (filtered == 0 ? "" : ", " + filtered + " not friendships (skip)")
                        + (report == null ? "" : "; would-be rejects in " + report),
                calls + " add_roster calls of up to " + settings.batchSize() + " friends (friendships MaxIM has outside our ledger"
                        + " count as to add here and as already done in the run)"));
        Map<String, Long> counts = new HashMap<>(Plan.counts("", tally));
        counts.put("read", tally.read() + filtered);
        counts.put("filtered", filtered);
        if (applied != null) {
            lines.add("remarks: " + remarks.written() + " to give, " + remarks.updated() + " changed, " + remarks.alreadyDone()
                    + " already done or none, " + remarks.rejected() + " rejected; " + remarkCalls + " /roster/ext calls");
            counts.putAll(Plan.counts("remarks.", remarks));
        }
        return new Plan(lines, calls + remarkCalls, counts);
    }
}
