package io.maximbatch.roster;

import static io.maximbatch.roster.RosterReject.*;

import io.maximbatch.roster.ledger.RosterLedger.Edge;
import io.maximbatch.outcome.Why;
import io.maximbatch.step.Decision;
import io.maximbatch.step.LegacyIds;
import java.util.List;
import java.util.Optional;

/**
 * The import-rosters rules, one decision for the run, the dry run, validate and reconcile: a row's own rules, both
 * ends registered, then the edges not confirmed yet are sent; MaxIM's answer for each edge settles it.
 */
final class RosterDecision {

    private RosterDecision() {
    }

    /** The rules a row must meet before any look-up; the first it breaks. */
    static Optional<Why> broken(RosterRow row) {
        if (row.problem() != null) {
            return Optional.of(MALFORMED_RECORD.why(row.problem()));
        }
        if (row.verdict().rejected().isPresent()) {
            return row.verdict().rejected();
        }
        Optional<Why> ends = legacyId(row.userLegacyId(), MISSING_USER, INVALID_USER_LEGACY_ID)
                .or(() -> legacyId(row.friendLegacyId(), MISSING_FRIEND, INVALID_FRIEND_LEGACY_ID));
        if (ends.isPresent()) {
            return ends;
        }
        if (row.userLegacyId().equals(row.friendLegacyId())) {
            return Optional.of(SELF_EDGE.why(row.userLegacyId()));
        }
        return Optional.empty();
    }

    private static Optional<Why> legacyId(String value, RosterReject missing, RosterReject tooLong) {
        return LegacyIds.problem(value).map(problem -> switch (problem) {
            case MISSING -> missing.why();
            case TOO_LONG -> tooLong.why();
            case UNDECODABLE -> INVALID_ENCODING.why();
        });
    }

    static Decision<Edge> decide(RosterRow row, RosterLookups lookups, boolean mutual) {
        Optional<Why> broken = broken(row);
        if (broken.isPresent()) {
            return Decision.rejected(broken.get());
        }
        Long user = lookups.user(row.userLegacyId());
        if (user == null) {
            return Decision.rejected(UNKNOWN_USER.why(row.userLegacyId()));
        }
        Long friend = lookups.user(row.friendLegacyId());
        if (friend == null) {
            return Decision.rejected(UNKNOWN_FRIEND.why(row.friendLegacyId()));
        }
        List<Edge> pending = edges(user, friend, mutual).stream().filter(edge -> !lookups.confirmed(edge)).toList();
        return pending.isEmpty() ? Decision.alreadyDone() : Decision.send(pending);
    }

    static List<Edge> edges(long user, long friend, boolean mutual) {
        return mutual ? List.of(new Edge(user, friend), new Edge(friend, user)) : List.of(new Edge(user, friend));
    }
}
