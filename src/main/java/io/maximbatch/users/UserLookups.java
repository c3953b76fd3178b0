package io.maximbatch.users;

import io.maximbatch.ledger.UserMapping;
import io.maximbatch.ledger.UserMapping.Origin;
import io.maximbatch.ledger.UserMapping.State;
import io.maximbatch.outcome.Outcome;
import io.maximbatch.step.Decision;
import io.maximbatch.step.LedgerView;
import java.util.Map;

/**
 * What the users decision looks up: the ID map's rows (as a run reads them for each chunk, or a dry run reads them
 * without writing), over the rows this run has decided itself. A run finds its earlier chunks' rows in the ID map
 * and keeps only the current chunk's decisions; a dry run and `validate` write nothing, so they keep all of theirs.
 */
record UserLookups(long instance, LedgerView<String, UserMapping> legacyIds, LedgerView<String, UserMapping> usernames) {

    /** The job instance of a dry run or a validate: no real one, so that no stored row is taken for this run's. */
    private static final long NO_INSTANCE = Long.MIN_VALUE;

    private UserLookups(long instance, boolean remembersRun) {
        this(instance, new LedgerView<>(remembersRun), new LedgerView<>(remembersRun));
    }

    /** A run's lookups for one chunk: the rows its earlier chunks wrote are in the ID map. */
    static UserLookups forChunk(long instance, Map<String, UserMapping> byLegacyId, Map<String, UserMapping> byUsername) {
        UserLookups lookups = new UserLookups(instance, false);
        lookups.load(byLegacyId, byUsername);
        return lookups;
    }

    /** A dry run's or a validate's lookups, kept for the whole step; load the ID map's rows for each chunk (none to validate). */
    static UserLookups forRehearsal() {
        return new UserLookups(NO_INSTANCE, true);
    }

    void load(Map<String, UserMapping> byLegacyId, Map<String, UserMapping> byUsername) {
        legacyIds.load(byLegacyId);
        usernames.load(byUsername);
    }

    /** Whether this run (this job instance) wrote the row. */
    boolean thisRun(UserMapping mapping) {
        return mapping.jobInstanceId() == instance;
    }

    /** Remembers a row this run registers or finds done, so that a later row with its legacy id or username is a duplicate. */
    Decision<Registration> noted(UserRow row, Decision<Registration> decision) {
        if (decision.sends() || decision.outcome().kind() == Outcome.Kind.ALREADY_DONE) {
            UserMapping mine = new UserMapping(row.legacyId(), row.username(), null, decision.sends() ? State.PENDING : State.DONE,
                    Origin.CREATED, instance, 0, row.line());
            legacyIds.decide(row.legacyId(), mine);
            usernames.decide(row.username(), mine);
        }
        return decision;
    }
}
