package io.maximbatch.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.ledger.AppliedState;
import io.maximbatch.outcome.Outcome;
import io.maximbatch.step.Decision;
import io.maximbatch.step.SourceVerdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The block decision: the same rows get the same outcomes whether a run or `validate` looks them up; the ledger's blocks are not sent again. */
class BlockDecisionTest {

    private static final List<BlockRow> ROWS = List.of(
            row("2", "L1", "L2", null, null),
            row("3", "L1", "L1", null, null),
            row("4", "L9", "L2", null, null),
            row("5", "L1", "L9", null, null),
            row("6", null, "L2", null, null),
            row("7", "L1", "L3", "expected 2 columns, found 3", null),
            row("8", "L2", "zed@jabber.org", null, "REMOTE_JID"),
            row("9", "L2", "L".repeat(256), null, null),
            row("10", "L2", "L1", null, null));

    @Test
    void aRunAfterTheUsersStepAndValidateDecideAlike() {
        List<String> run = outcomes(BlockLookups.forChunk(Map.of("L1", 1L, "L2", 2L, "L3", 3L), Map.of()));
        List<String> check = outcomes(BlockLookups.forRehearsal(Optional.of(Set.of("L1", "L2", "L3"))));

        assertThat(run).isEqualTo(check).containsExactly("WRITTEN", "SELF_BLOCK", "UNKNOWN_USER", "UNKNOWN_USER", "MISSING_USER",
                "MALFORMED_RECORD", "REMOTE_JID", "INVALID_BLOCKED_LEGACY_ID", "WRITTEN");
    }

    @Test
    void aBlockTheLedgerHasIsNotSentAgainAndOneLeftPendingIsSentAsMaybeMade() {
        AppliedState.State applied = new AppliedState.State(Block.HASH, null);
        AppliedState.State pending = new AppliedState.State(null, Block.HASH);
        BlockLookups lookups = BlockLookups.forChunk(Map.of("L1", 1L, "L2", 2L, "L3", 3L),
                Map.of(Block.key(1, 2), applied, Block.key(1, 3), pending));

        assertThat(BlockDecision.decide(row("2", "L1", "L2", null, null), lookups).outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(BlockDecision.decide(row("3", "L1", "L3", null, null), lookups).items()).containsExactly(new Block(1, 3, true));
        assertThat(BlockDecision.decide(row("4", "L2", "L1", null, null), lookups).items()).containsExactly(new Block(2, 1, false));
    }

    private static List<String> outcomes(BlockLookups lookups) {
        return ROWS.stream().map(r -> {
            Decision<Block> decision = BlockDecision.decide(r, lookups);
            Outcome outcome = decision.ifSent();
            return outcome.isRejected() ? outcome.why().code() : outcome.kind().name();
        }).toList();
    }

    private static BlockRow row(String line, String user, String blocked, String problem, String rejectCode) {
        return new BlockRow(line, user, blocked, problem, new SourceVerdict(rejectCode, null, false), new LinkedHashMap<>());
    }
}
