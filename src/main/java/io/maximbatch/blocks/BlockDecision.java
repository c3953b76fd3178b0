package io.maximbatch.blocks;

import static io.maximbatch.blocks.BlockReject.*;

import io.maximbatch.ledger.AppliedState;
import io.maximbatch.outcome.Why;
import io.maximbatch.step.Decision;
import io.maximbatch.step.LegacyIds;
import java.util.Optional;

/**
 * The block-users rules, one decision for the run, the dry run, validate and reconcile: a row's own rules (and its
 * source's verdict), both users registered, then the block is sent unless the ledger says MaxIM has it.
 */
final class BlockDecision {

    private BlockDecision() {
    }

    /** The rules a row must meet before any look-up; the first it breaks. */
    static Optional<Why> broken(BlockRow row) {
        if (row.problem() != null) {
            return Optional.of(MALFORMED_RECORD.why(row.problem()));
        }
        if (row.verdict().rejected().isPresent()) {
            return row.verdict().rejected();
        }
        Optional<Why> ends = legacyId(row.userLegacyId(), MISSING_USER, INVALID_USER_LEGACY_ID)
                .or(() -> legacyId(row.blockedLegacyId(), MISSING_BLOCKED, INVALID_BLOCKED_LEGACY_ID));
        if (ends.isPresent()) {
            return ends;
        }
        return row.userLegacyId().equals(row.blockedLegacyId()) ? Optional.of(SELF_BLOCK.why(row.userLegacyId())) : Optional.empty();
    }

    private static Optional<Why> legacyId(String value, BlockReject missing, BlockReject tooLong) {
        return LegacyIds.problem(value).map(problem -> switch (problem) {
            case MISSING -> missing.why();
            case TOO_LONG -> tooLong.why();
            case UNDECODABLE -> INVALID_ENCODING.why();
        });
    }

    static Decision<Block> decide(BlockRow row, BlockLookups lookups) {
        Optional<Why> broken = broken(row);
        if (broken.isPresent()) {
            return Decision.rejected(broken.get());
        }
        Long user = lookups.user(row.userLegacyId());
        Long blocked = lookups.user(row.blockedLegacyId());
        if (user == null || blocked == null) {
            return Decision.rejected(UNKNOWN_USER.why(user == null ? row.userLegacyId() : row.blockedLegacyId()));
        }
        AppliedState.State state = lookups.state(user, blocked);
        if (state != null && Block.HASH.equals(state.applied())) {
            return Decision.alreadyDone();
        }
        return Decision.send(new Block(user, blocked, state != null && Block.HASH.equals(state.pending())));
    }
}
