package io.maximbatch.groups;

import io.maximbatch.ledger.GroupMapping.State;
import io.maximbatch.ledger.Claim;
import io.maximbatch.ledger.GroupMapping;
import io.maximbatch.maxim.CallTrace;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.ErrorClass;
import io.maximbatch.maxim.MaximException;
import io.maximbatch.maxim.MaximModel.GroupCreate;
import io.maximbatch.maxim.MaximModel.GroupInfo;
import io.maximbatch.outcome.Outcome;
import io.maximbatch.report.StepRecords;
import io.maximbatch.step.Decision;
import io.maximbatch.step.OutcomeWriter;
import io.maximbatch.step.Settled;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a chunk's groups, each exactly once: /group/create has no idempotency key, so a PENDING group_map row
 * (committed before the call) makes a lost answer findable, and a PENDING row is resolved by looking for the group
 * among the owner's groups before any new create. Groups go out concurrently; each group's attempts in turn.
 */
final class GroupCreationWriter extends OutcomeWriter<GroupRow, GroupCreation, Settled, GroupWriters> {

    /** How often one group's create answer may be lost (and not found) before the step fails. */
    static final int MAX_CREATE_ATTEMPTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(GroupCreationWriter.class);
    /** Our clock and the server's may differ: a lost group may carry a created_at a little before our attempt began. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int INFO_SLICE = 100;

    GroupCreationWriter(StepRecords records, ConcurrentCalls calls, GroupWriters uses) {
        super(records, calls, uses);
    }

    @Override
    protected List<Decision<GroupCreation>> decide(List<? extends GroupRow> chunk) {
        GroupLookups lookups = uses.lookups(records.instanceId(), chunk.stream().map(GroupRow::ownerLegacyId),
                chunk.stream().map(GroupRow::legacyGroupId));
        List<Decision<GroupCreation>> decisions = chunk.stream().map(row -> GroupDecision.decide(row, lookups)).toList();
        // Done by an earlier run: this run covers it now, so that the same legacy group later in its input is a duplicate.
        uses.groupMap().claim(alreadyDone(chunk, decisions).stream().map(row -> new Claim(row.legacyGroupId(),
                row.line())).toList(), records.instanceId());
        return decisions;
    }

    /**
     * Groups of one owner with one name go in one call task, in turn: a lost create must never be resolved to a
     * sibling's group that is being created at the same moment.
     */
    @Override
    protected List<Callable<Map<GroupCreation, Settled>>> calls(List<GroupCreation> creations) {
        Map<String, List<GroupCreation>> byOwnerAndName = new LinkedHashMap<>();
        creations.forEach(c -> byOwnerAndName.computeIfAbsent(c.ownerId() + "\n" + c.row().name(), k -> new ArrayList<>()).add(c));
        List<Callable<Map<GroupCreation, Settled>>> calls = new ArrayList<>();
        for (List<GroupCreation> same : byOwnerAndName.values()) {
            calls.add(() -> {
                Map<GroupCreation, Settled> settled = new HashMap<>();
                RuntimeException failure = null;
                for (GroupCreation creation : same) {
                    try {
                        settled.put(creation, failure != null ? Settled.failed(failure) : create(creation));
                    } catch (RuntimeException e) {
                        // The groups created before are DONE in group_map; this one's PENDING row stays for the resumed run.
                        failure = e;
                        settled.put(creation, Settled.failed(e));
                    }
                }
                return settled;
            });
        }
        return calls;
    }

    /** One group: resolve an earlier attempt first, then create; runs in a call thread. */
    private Settled create(GroupCreation creation) {
        GroupRow row = creation.row();
        GroupMapping pending = creation.pending();
        for (int lost = 0; lost < MAX_CREATE_ATTEMPTS; lost++) {
            if (pending != null) {
                Optional<Long> found = findCreated(pending);
                if (found.isPresent()) {
                    uses.groupMap().markDone(row.legacyGroupId(), found.get(), records.executionId());
                    // An earlier run's group is already done; this run's own lost answer is written by this run.
                    return Settled.of(lost > 0 ? Outcome.WRITTEN : Outcome.ALREADY_DONE);
                }
            }
            pending = new GroupMapping(row.legacyGroupId(), null, creation.ownerId(), row.name(), State.PENDING,
                    records.instanceId(), records.executionId(), row.line(), Instant.now());
            uses.groupMap().savePending(pending);
            try {
                GroupInfo group = uses.client().createGroup(creation.ownerId(),
                        new GroupCreate(row.name(), row.description(), uses.settings().groupType().code, row.avatar(), null), new CallTrace());
                uses.groupMap().markDone(row.legacyGroupId(), group.groupId(), records.executionId());
                return Settled.of(Outcome.WRITTEN);
            } catch (MaximException e) {
                if (e.errorClass() == ErrorClass.RETRYABLE) {
                    // The group may exist now (a lost answer, or a proxy's 5xx after forwarding): look before creating again.
                    continue;
                }
                if (e.errorClass() == ErrorClass.REJECTED) {
                    uses.groupMap().deletePending(row.legacyGroupId());
                    return Settled.of(Outcome.rejected(GroupReject.CREATE_REFUSED.answered(e.reasonCode(), e.getMessage())));
                }
                throw e;
            }
        }
        throw new IllegalStateException("group " + row.legacyGroupId() + " (line " + row.line() + "): the answer to /group/create was lost "
                + MAX_CREATE_ATTEMPTS + " times and the group was not found among the owner's groups; run again to resolve it");
    }

    /**
     * The group an earlier attempt made, if the server has it: among the owner's groups, one with the same owner and
     * name, not mapped to another legacy group, created after the attempt began (less clock skew). /group/info/batch
     * gives no created_at, so each such candidate is asked with /group/info; the earliest wins.
     */
    private Optional<Long> findCreated(GroupMapping pending) {
        List<Long> joined = uses.client().joinedGroups(pending.ownerUserId());
        long since = pending.attemptStartedAt().minus(CLOCK_SKEW).toEpochMilli();
        List<GroupInfo> candidates = new ArrayList<>();
        for (int i = 0; i < joined.size(); i += INFO_SLICE) {
            for (GroupInfo info : uses.client().groupInfo(pending.ownerUserId(), joined.subList(i, Math.min(joined.size(), i + INFO_SLICE)))) {
                if (info.groupId() != null && Long.valueOf(pending.ownerUserId()).equals(info.effectiveOwnerId())
                        && pending.name().equals(info.name()) && (info.status() == null || info.status() == 0)
                        && !uses.groupMap().isMapped(info.groupId())) {
                    GroupInfo full = uses.client().groupInfo(pending.ownerUserId(), info.groupId());
                    if (full.createdAt() == null) {
                        throw new IllegalStateException("MaxIM gives no created_at for group " + info.groupId()
                                + ", so it cannot tell whether legacy group " + pending.legacyGroupId() + " was created by a lost call");
                    }
                    if (full.createdAt() >= since) {
                        candidates.add(full);
                    }
                }
            }
        }
        candidates.sort(Comparator.comparingLong(GroupInfo::createdAt));
        if (candidates.size() > 1) {
            LOG.warn("legacy group {}: {} groups named '{}' of owner {} appeared since the attempt began ({}); taking the earliest",
                    pending.legacyGroupId(), candidates.size(), pending.name(), pending.ownerUserId(),
                    candidates.stream().map(GroupInfo::groupId).toList());
        }
        return candidates.stream().map(GroupInfo::groupId).findFirst();
    }
}
