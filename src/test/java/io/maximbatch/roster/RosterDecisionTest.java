package io.maximbatch.roster;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.roster.ledger.RosterLedger.Edge;
import io.maximbatch.outcome.Outcome;
import io.maximbatch.step.internal.ChunkOutcomes;
import io.maximbatch.step.Decision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The friendship decision: the same rows get the same outcomes whether a run or `validate` looks them up. */
class RosterDecisionTest {

    private static final List<RosterRow> ROWS = List.of(
            row("2", "L1", "L2", null),
            row("3", "L1", "L1", null),
            row("4", "L9", "L2", null),
            row("5", "L1", "L9", null),
            row("6", null, "L2", null),
            row("7", "L1", "L3", "expected 2 columns, found 3"),
            row("8", "L2", "L1", null),
            row("9", "L1", "L2", null));

    @Test
    void aRunAfterTheUsersStepAndValidateDecideAlike() {
        // The run finds the users step's users in the ID map; validate knows them from the users step's rows.
        List<String> run = outcomes(ROWS, RosterLookups.forChunk(Map.of("L1", 1L, "L2", 2L, "L3", 3L), Set.of()), true);
        List<String> check = outcomes(ROWS, RosterLookups.forRehearsal(Optional.of(Set.of("L1", "L2", "L3"))), true);

        assertThat(run).isEqualTo(check).containsExactly("WRITTEN", "SELF_EDGE", "UNKNOWN_USER", "UNKNOWN_FRIEND", "MISSING_USER",
                "MALFORMED_RECORD", "ALREADY_DONE", "ALREADY_DONE");
    }

    @Test
    void legacyIdsFollowTheOneRuleEveryStepTypeApplies() {
        String tooLong = "L".repeat(256);
        List<RosterRow> rows = List.of(row("2", tooLong, "L2", null), row("3", "L1", tooLong, null), row("4", "L1", "L\uFFFD2", null),
                row("5", "L".repeat(255), "L2", null));
        RosterLookups lookups = RosterLookups.forChunk(Map.of("L1", 1L, "L2", 2L, "L".repeat(255), 3L), Set.of());

        assertThat(outcomes(rows, lookups, false)).containsExactly("INVALID_USER_LEGACY_ID", "INVALID_FRIEND_LEGACY_ID",
                "INVALID_ENCODING", "WRITTEN");
    }

    @Test
    void edgesTheLedgerConfirmedAreNotSentAgain() {
        RosterLookups lookups = RosterLookups.forChunk(Map.of("L1", 1L, "L2", 2L), Set.of(new Edge(1, 2)));

        assertThat(RosterDecision.decide(row("2", "L1", "L2", null), lookups, false).outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(RosterDecision.decide(row("2", "L1", "L2", null), lookups, true).items()).containsExactly(new Edge(2, 1));
    }

    private static List<String> outcomes(List<RosterRow> rows, RosterLookups lookups, boolean mutual) {
        List<Decision<Edge>> decisions = rows.stream().map(r -> RosterDecision.decide(r, lookups, mutual)).toList();
        List<String> outcomes = new ArrayList<>();
        ChunkOutcomes.each(rows, decisions, edge -> Outcome.WRITTEN,
                (row, outcome) -> outcomes.add(outcome.isRejected() ? outcome.why().code() : outcome.kind().name()));
        return outcomes;
    }

    private static RosterRow row(String line, String user, String friend, String problem) {
        return new RosterRow(line, user, friend, null, problem, new io.maximbatch.step.SourceVerdict(null, null, false), new LinkedHashMap<>());
    }
}
