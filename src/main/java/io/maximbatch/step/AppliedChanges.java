package io.maximbatch.step;

import io.maximbatch.ledger.AppliedState;
import io.maximbatch.outcome.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The applied-state ledger's part in a writer of attribute changes (account attributes, remarks, admins, group
 * settings): PENDING before the calls, applied or cleared after them. One place for what each of them records.
 */
public final class AppliedChanges {

    private AppliedChanges() {
    }

    /** Before the calls, for changes MaxIM cannot be asked about: all are recorded PENDING (committed) and sent. */
    public static <C> List<C> beforeCalls(AppliedState ledger, List<C> changes, Function<C, AppliedState.Change> change) {
        ledger.savePending(changes.stream().map(change).toList());
        return changes;
    }

    /**
     * Before the calls: a change MaxIM already shows (shown: read back, or needing no call) is settled as applied
     * without a call; the others are recorded PENDING (committed). Returns the changes to send.
     */
    public static <C> List<C> beforeCalls(AppliedState ledger, List<C> changes, Function<C, AppliedState.Change> change,
                                          Predicate<C> shown, Function<C, Outcome> applied, Map<C, Settled> settled) {
        List<C> sending = new ArrayList<>();
        List<AppliedState.Change> done = new ArrayList<>();
        for (C c : changes) {
            if (shown.test(c)) {
                settled.put(c, Settled.of(applied.apply(c)));
                done.add(change.apply(c));
            } else {
                sending.add(c);
            }
        }
        ledger.markApplied(done);
        ledger.savePending(sending.stream().map(change).toList());
        return sending;
    }

    /** After the calls: values MaxIM took are applied; refused ones leave the applied value and drop PENDING (tried again). */
    public static <C> Map<C, Settled> afterCalls(AppliedState ledger, Map<C, Settled> results, Function<C, AppliedState.Change> change) {
        List<AppliedState.Change> applied = new ArrayList<>();
        List<AppliedState.Change> refused = new ArrayList<>();
        results.forEach((c, result) -> {
            if (result.outcome() != null) {
                (result.outcome().isRejected() ? refused : applied).add(change.apply(c));
            }
        });
        ledger.markApplied(applied);
        ledger.clearPending(refused);
        return results;
    }
}
