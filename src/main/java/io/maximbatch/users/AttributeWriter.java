package io.maximbatch.users;

import static io.maximbatch.users.UserReject.ATTRIBUTE_REFUSED;

import io.maximbatch.ledger.AppliedState;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.CallTrace;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.ItemCalls;
import io.maximbatch.maxim.ItemResult;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.outcome.Outcome;
import io.maximbatch.report.StepRecords;
import io.maximbatch.step.AppliedChanges;
import io.maximbatch.step.Decision;
import io.maximbatch.step.OutcomeWriter;
import io.maximbatch.step.Settled;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Applies the account attributes of a chunk of users rows: profiles and avatars in batches, tags and aliases per user,
 * disabled flags in lists. Each value is PENDING (committed) before its call and applied after; a value an earlier
 * attempt may have sent is read back from MaxIM before it is sent again, so that no change is sent twice.
 */
final class AttributeWriter extends OutcomeWriter<UserRow, AttributeChange, Settled, AttributeWriter.Uses> {

    /** Profiles or avatars per call, and users per disable call. */
    static final int BATCH = 100;

    record Uses(MaximClient client, UserMap userMap, AppliedState applied) {
    }

    /** The URL each picture of the chunk was uploaded to, until the ledger records it. */
    private final Map<AttributeChange, String> uploaded = new ConcurrentHashMap<>();

    AttributeWriter(StepRecords records, ConcurrentCalls calls, Uses uses) {
        super(records, calls, uses);
    }

    @Override
    protected List<Decision<AttributeChange>> decide(List<? extends UserRow> chunk) {
        return AttributeDecision.decideAll(chunk, uses.userMap(), uses.applied(), records.instanceId());
    }

    /**
     * PENDING values, committed; a value already in MaxIM (read back) or needing no call is settled without one; a
     * picture that cannot be an avatar is rejected (the account's other attributes still go).
     */
    @Override
    protected List<AttributeChange> beforeCalls(List<AttributeChange> all, Map<AttributeChange, Settled> settled) {
        List<AttributeChange> changes = new ArrayList<>();
        all.forEach(c -> {
            Outcome unusable = AttributeDecision.unusable(c.picture());
            if (unusable != null) {
                settled.put(c, Settled.of(unusable));
            } else {
                changes.add(c);
            }
        });
        // An account starts enabled; an earlier attempt's value that MaxIM shows is applied, not sent again.
        Set<AttributeChange> shown = AttributeReadBack.shown(uses.client(), changes.stream().filter(AttributeChange::maybeApplied).toList());
        return AppliedChanges.beforeCalls(uses.applied(), changes, this::ledgerChange, change ->
                (change.attribute() == AccountAttribute.DISABLED && change.first() && change.value().equals("false"))
                        || shown.contains(change), AttributeWriter::applied, settled);
    }

    @Override
    protected List<Callable<Map<AttributeChange, Settled>>> calls(List<AttributeChange> changes) {
        Map<AccountAttribute, List<AttributeChange>> byAttribute = new HashMap<>();
        changes.forEach(c -> byAttribute.computeIfAbsent(c.attribute(), a -> new ArrayList<>()).add(c));
        List<Callable<Map<AttributeChange, Settled>>> calls = new ArrayList<>();
        byAttribute.forEach((attribute, list) -> {
            switch (attribute) {
                case PROFILE, AVATAR -> {
                    List<AttributeChange> urls = list.stream().filter(c -> c.picture() == null).toList();
                    for (int i = 0; i < urls.size(); i += BATCH) {
                        List<AttributeChange> batch = urls.subList(i, Math.min(urls.size(), i + BATCH));
                        calls.add(() -> AttributeCalls.batch(uses.client(), batch));
                    }
                    list.stream().filter(c -> c.picture() != null)
                            .forEach(c -> calls.add(() -> AvatarCalls.upload(uses.client(), uses.applied(), c, uploaded)));
                }
                case DISABLED -> {
                    for (boolean disabled : new boolean[] {true, false}) {
                        List<AttributeChange> same = list.stream().filter(c -> c.value().equals(String.valueOf(disabled))).toList();
                        for (int i = 0; i < same.size(); i += BATCH) {
                            List<AttributeChange> batch = same.subList(i, Math.min(same.size(), i + BATCH));
                            calls.add(() -> all(batch, trace -> uses.client().setDisabled(batch.stream().map(AttributeChange::userId).toList(),
                                    disabled, trace)));
                        }
                    }
                }
                case TAGS, ALIAS -> list.forEach(change -> calls.add(() -> AttributeCalls.perUser(uses.client(), change)));
            }
        });
        return calls;
    }

    /** Applied values recorded; refused ones dropped from PENDING (the applied value stays), to be tried again. */
    @Override
    protected Map<AttributeChange, Settled> afterCalls(Map<AttributeChange, Settled> results) {
        Map<AttributeChange, Settled> kept = AppliedChanges.afterCalls(uses.applied(), results, this::ledgerChange);
        results.keySet().forEach(uploaded::remove);
        return kept;
    }

    /** What the ledger records of a change: an uploaded picture's hash with the URL it was set to, which reconcile expects. */
    private AppliedState.Change ledgerChange(AttributeChange change) {
        return change.picture() == null ? change.change()
                : new AppliedState.Change(change.key(), change.hash(), uploaded.getOrDefault(change, change.sentUrl()));
    }

    /** A value MaxIM took: written the first time, updated after that. */
    static Outcome applied(AttributeChange change) {
        return change.first() ? Outcome.WRITTEN : Outcome.UPDATED;
    }

    static Outcome refused(AttributeChange change, String code, String reason) {
        return Outcome.rejected(ATTRIBUTE_REFUSED.answered(code, change.attribute().key(), reason));
    }

    /** One call for several changes, all settled alike by its answer. */
    private static Map<AttributeChange, Settled> all(List<AttributeChange> changes, Consumer<CallTrace> call) {
        ItemResult<Void> result = ItemCalls.one(call);
        Map<AttributeChange, Settled> results = new HashMap<>();
        changes.forEach(c -> results.put(c, settled(c, result)));
        return results;
    }

    /** What an attribute's call did: applied (MaxIM has the value, now or already), refused with MaxIM's code, or failed. */
    static Settled settled(AttributeChange change, ItemResult<?> result) {
        return Settled.change(result, applied(change), (code, reason) -> ATTRIBUTE_REFUSED.answered(code, change.attribute().key(), reason));
    }
}
