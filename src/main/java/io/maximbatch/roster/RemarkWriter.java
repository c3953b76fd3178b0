package io.maximbatch.roster;

import io.maximbatch.roster.ledger.RosterLedger;
import static io.maximbatch.roster.RosterReject.NOT_FRIENDS;
import static io.maximbatch.roster.RosterReject.REMARK_REFUSED;
import static io.maximbatch.roster.RosterReject.UNKNOWN_FRIEND;
import static io.maximbatch.roster.RosterReject.UNKNOWN_USER;

import io.maximbatch.ledger.AppliedState;
import io.maximbatch.roster.ledger.RosterLedger.Edge;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.ItemCalls;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.outcome.Outcome;
import io.maximbatch.report.StepRecords;
import io.maximbatch.step.AppliedChanges;
import io.maximbatch.step.Decision;
import io.maximbatch.step.OutcomeWriter;
import io.maximbatch.step.Settled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Gives friends the remarks the source names (/roster/ext as the user), once the friends step confirmed the
 * friendship. Each remark is PENDING before its call and applied after; one whose call may have been carried out is
 * read back (/roster/list details) before it is sent again, so that no change is sent twice.
 */
final class RemarkWriter extends OutcomeWriter<RosterRow, RemarkChange, Settled, RemarkWriter.Uses> {

    record Uses(MaximClient client, UserMap userMap, RosterLedger ledger, AppliedState applied) {
    }

    RemarkWriter(StepRecords records, ConcurrentCalls calls, Uses uses) {
        super(records, calls, uses);
    }

    @Override
    protected List<Decision<RemarkChange>> decide(List<? extends RosterRow> chunk) {
        // A remark needs the friendship from its owner to the friend only.
        RosterLookups lookups = RosterLookups.forChunk(chunk, uses.userMap(), uses.ledger(), false);
        Map<AppliedState.Key, AppliedState.State> applied = uses.applied().find(keys(chunk));
        return chunk.stream().map(row -> decide(row, lookups, applied)).toList();
    }

    /** The ledger keys of the rows' remarks, to look them up at once. */
    static List<AppliedState.Key> keys(List<? extends RosterRow> rows) {
        return rows.stream().filter(r -> r.remark() != null).map(RemarkChange::key).toList();
    }

    /**
     * A row's remark, for the run and the dry run: nothing to do without one, or when the remark MaxIM confirmed is
     * this one; given once the friendship is confirmed (a dry run counts those its friends step would add).
     */
    static Decision<RemarkChange> decide(RosterRow row, RosterLookups lookups, Map<AppliedState.Key, AppliedState.State> applied) {
        if (row.remark() == null) {
            return Decision.alreadyDone();
        }
        Long user = lookups.user(row.userLegacyId());
        Long friend = lookups.user(row.friendLegacyId());
        if (user == null || friend == null) {
            return Decision.rejected(user == null ? UNKNOWN_USER.why(row.userLegacyId()) : UNKNOWN_FRIEND.why(row.friendLegacyId()));
        }
        if (!lookups.confirmed(new Edge(user, friend))) {
            return Decision.rejected(NOT_FRIENDS.why(row.userLegacyId(), row.friendLegacyId()));
        }
        String hash = AppliedState.hash(row.remark());
        AppliedState.State state = applied.get(RemarkChange.key(row));
        if (state != null && hash.equals(state.applied())) {
            return Decision.alreadyDone();
        }
        return Decision.send(new RemarkChange(user, friend, row.remark(), RemarkChange.key(row), hash,
                state == null || state.applied() == null, state != null && hash.equals(state.pending())));
    }

    @Override
    protected List<RemarkChange> beforeCalls(List<RemarkChange> changes, Map<RemarkChange, Settled> settled) {
        return AppliedChanges.beforeCalls(uses.applied(), changes, RemarkChange::change, change -> change.maybeApplied() && shows(change),
                RemarkWriter::applied, settled);
    }

    @Override
    protected List<Callable<Map<RemarkChange, Settled>>> calls(List<RemarkChange> changes) {
        List<Callable<Map<RemarkChange, Settled>>> calls = new ArrayList<>();
        changes.forEach(change -> calls.add(() -> Map.of(change, send(change))));
        return calls;
    }

    /** One remark; after a failure that may have set it, MaxIM is asked before it is sent again (MaximClient). */
    private Settled send(RemarkChange change) {
        return Settled.change(ItemCalls.one(trace -> uses.client().setRemark(change.userId(), change.friendId(), change.remark(), trace)),
                applied(change), REMARK_REFUSED::answered);
    }

    private boolean shows(RemarkChange change) {
        return change.remark().equals(uses.client().remarkOf(change.userId(), change.friendId()));
    }

    static Outcome applied(RemarkChange change) {
        return change.first() ? Outcome.WRITTEN : Outcome.UPDATED;
    }

    @Override
    protected Map<RemarkChange, Settled> afterCalls(Map<RemarkChange, Settled> results) {
        return AppliedChanges.afterCalls(uses.applied(), results, RemarkChange::change);
    }
}
