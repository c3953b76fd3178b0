package io.maximbatch.groups;

import io.maximbatch.ledger.GroupMap;
import io.maximbatch.ledger.GroupMapping;
import io.maximbatch.ledger.GroupMapping.State;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.CallTrace;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.ErrorClass;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.maxim.MaximException;
import io.maximbatch.maxim.MaximModel.GroupCreate;
import io.maximbatch.maxim.MaximModel.GroupInfo;
import io.maximbatch.report.ChunkTally;
import io.maximbatch.report.StepRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Creates a chunk's groups, each exactly once: /group/create has no idempotency key, so a PENDING group_map row
 * (committed before the call) makes a lost answer findable, and a PENDING row is resolved by looking for the group
 * among the owner's groups before any new create. Groups go out concurrently; each group's attempts in turn.
 */
final class GroupCreationWriter implements ItemWriter<Checked<GroupRow>> {

    /** How often one group's create answer may be lost (and not found) before the step fails. */
    static final int MAX_CREATE_ATTEMPTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(GroupCreationWriter.class);
    /** Our clock and the server's may differ: a lost group may carry a created_at a little before our attempt began. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int INFO_SLICE = 100;

    private final MaximClient client;
    private final ConcurrentCalls calls;
    private final UserMap userMap;
    private final GroupMap groupMap;
    private final CreateGroupsSettings settings;
    private final StepRecords records;

    GroupCreationWriter(MaximClient client, ConcurrentCalls calls, UserMap userMap, GroupMap groupMap,
                        CreateGroupsSettings settings, StepRecords records) {
        this.client = client;
        this.calls = calls;
        this.userMap = userMap;
        this.groupMap = groupMap;
        this.settings = settings;
        this.records = records;
    }

    @Override
    public void write(Chunk<? extends Checked<GroupRow>> chunk) {
        ChunkTally tally = new ChunkTally();
        List<GroupRow> valid = new ArrayList<>();
        for (Checked<GroupRow> checked : chunk) {
            if (checked.isValid()) {
                valid.add(checked.row());
            } else {
                reject(tally, checked.row(), checked.rejectCode(), checked.rejectReason());
            }
        }
        List<Attempt> attempts = decide(valid, tally);

        // Groups of one owner with one name go in one task, in turn: a lost create must never be resolved to a
        // sibling's group that is being created at the same moment.
        Map<String, List<Attempt>> byOwnerAndName = new LinkedHashMap<>();
        attempts.forEach(a -> byOwnerAndName.computeIfAbsent(a.ownerId + "\n" + a.row.name(), k -> new ArrayList<>()).add(a));
        List<Callable<Void>> tasks = new ArrayList<>();
        for (List<Attempt> same : byOwnerAndName.values()) {
            tasks.add(() -> {
                for (Attempt attempt : same) {
                    create(attempt);
                }
                return null;
            });
        }
        RuntimeException fatal = null;
        for (ConcurrentCalls.Result<Void> result : calls.runAll(tasks)) {
            if (!result.ok() && fatal == null) {
                fatal = result.failure() instanceof RuntimeException e ? e : new IllegalStateException(result.failure());
            }
        }
        for (Attempt attempt : attempts) {
            if (attempt.groupId != null) {
                if (attempt.fresh) {
                    tally.written();
                } else {
                    tally.alreadyDone();
                }
            } else if (attempt.rejectCode != null) {
                reject(tally, attempt.row, attempt.rejectCode, attempt.rejectReason);
            }
            // Neither: its calls failed; its PENDING row stays for the resumed run to resolve.
        }
        if (fatal != null) {
            // Created groups are DONE in group_map already; the chunk rolls back and a resumed run finds them there.
            throw fatal;
        }
        records.save(tally);
    }

    /** Decides each valid row against the user map, group_map and the rest of the chunk; returns the rows that need calls. */
    private List<Attempt> decide(List<GroupRow> valid, ChunkTally tally) {
        Map<String, Long> owners = userMap.userIds(valid.stream().map(GroupRow::ownerLegacyId).toList());
        Map<String, GroupMapping> mapped = groupMap.find(valid.stream().map(GroupRow::legacyGroupId).toList());
        Set<String> seen = new HashSet<>();
        List<Attempt> attempts = new ArrayList<>();
        List<GroupMapping> claimed = new ArrayList<>();
        for (GroupRow row : valid) {
            if (!seen.add(row.legacyGroupId())) {
                reject(tally, row, "DUPLICATE_GROUP_ID", "legacy_group_id " + row.legacyGroupId() + " appears more than once in the input");
                continue;
            }
            GroupMapping mapping = mapped.get(row.legacyGroupId());
            boolean live = mapping != null && mapping.state() != State.ROLLED_BACK;
            if (live && mapping.jobInstanceId() == records.instanceId() && !row.line().equals(mapping.sourceLine())) {
                // Written by this run from another row; a replayed row has the same position.
                reject(tally, row, "DUPLICATE_GROUP_ID", "legacy_group_id " + row.legacyGroupId()
                        + " appears more than once in the input (first at line " + mapping.sourceLine() + ")");
                continue;
            }
            if (live && mapping.state() == State.DONE) {
                // The legacy group exists in MaxIM: a later rename or change of owner in the legacy data is not applied.
                tally.alreadyDone();
                if (mapping.jobInstanceId() != records.instanceId()) {
                    claimed.add(new GroupMapping(row.legacyGroupId(), mapping.groupId(), mapping.ownerUserId(), mapping.name(),
                            mapping.state(), records.instanceId(), mapping.jobExecutionId(), row.line(), mapping.attemptStartedAt()));
                }
                continue;
            }
            Long ownerId = owners.get(row.ownerLegacyId());
            if (ownerId == null) {
                reject(tally, row, "UNKNOWN_OWNER", "owner " + row.ownerLegacyId()
                        + " is not a registered MaxIM user (unknown legacy id, or rejected or not yet registered by the users step)");
                continue;
            }
            attempts.add(new Attempt(row, ownerId, live ? mapping : null));
        }
        groupMap.claim(claimed, records.instanceId());
        return attempts;
    }

    /** One group: resolve an earlier attempt first, then create; runs in a call thread. */
    private void create(Attempt attempt) {
        GroupMapping pending = attempt.pending;
        for (int lost = 0; lost < MAX_CREATE_ATTEMPTS; lost++) {
            if (pending != null) {
                Optional<Long> found = findCreated(pending);
                if (found.isPresent()) {
                    groupMap.markDone(attempt.row.legacyGroupId(), found.get(), records.executionId());
                    // An earlier run's group is already done; this run's own lost answer is written by this run.
                    attempt.done(found.get(), lost > 0);
                    return;
                }
            }
            pending = new GroupMapping(attempt.row.legacyGroupId(), null, attempt.ownerId, attempt.row.name(), State.PENDING,
                    records.instanceId(), records.executionId(), attempt.row.line(), Instant.now());
            groupMap.savePending(pending);
            try {
                GroupInfo group = client.createGroup(attempt.ownerId,
                        new GroupCreate(attempt.row.name(), attempt.row.description(), settings.groupType(), null, null), new CallTrace());
                groupMap.markDone(attempt.row.legacyGroupId(), group.groupId(), records.executionId());
                attempt.done(group.groupId(), true);
                return;
            } catch (MaximException e) {
                if (e.errorClass() == ErrorClass.RETRYABLE) {
                    // The group may exist now (a lost answer, or a proxy's 5xx after forwarding): look before creating again.
                    continue;
                }
                if (e.errorClass() == ErrorClass.REJECTED) {
                    groupMap.deletePending(attempt.row.legacyGroupId());
                    attempt.rejected(e.reasonCode(), "MaxIM refused to create the group: " + e.getMessage());
                    return;
                }
                throw e;
            }
        }
        throw new IllegalStateException("group " + attempt.row.legacyGroupId() + " (line " + attempt.row.line() + "): the answer to /group/create was lost "
                + MAX_CREATE_ATTEMPTS + " times and the group was not found among the owner's groups; run again to resolve it");
    }

    /**
     * The group an earlier attempt made, if the server has it: among the owner's groups, one with the same owner and
     * name, not mapped to another legacy group, created after the attempt began (less clock skew). /group/info/batch
     * gives no created_at, so each such candidate is asked with /group/info; the earliest wins.
     */
    private Optional<Long> findCreated(GroupMapping pending) {
        List<Long> joined = client.joinedGroups(pending.ownerUserId());
        long since = pending.attemptStartedAt().minus(CLOCK_SKEW).toEpochMilli();
        List<GroupInfo> candidates = new ArrayList<>();
        for (int i = 0; i < joined.size(); i += INFO_SLICE) {
            for (GroupInfo info : client.groupInfo(joined.subList(i, Math.min(joined.size(), i + INFO_SLICE)))) {
                if (info.groupId() != null && Long.valueOf(pending.ownerUserId()).equals(info.effectiveOwnerId())
                        && pending.name().equals(info.name()) && (info.status() == null || info.status() == 0)
                        && !groupMap.isMapped(info.groupId())) {
                    GroupInfo full = client.groupInfo(info.groupId());
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

    private static void reject(ChunkTally tally, GroupRow row, String code, String reason) {
        tally.reject(row.line(), code, reason, row.asRead());
    }

    /** One group's creation, filled in by the thread that made its calls. */
    private static final class Attempt {
        final GroupRow row;
        final long ownerId;
        /** The PENDING row an earlier attempt left, or null. */
        final GroupMapping pending;
        volatile Long groupId;
        volatile boolean fresh;
        volatile String rejectCode;
        volatile String rejectReason;

        Attempt(GroupRow row, long ownerId, GroupMapping pending) {
            this.row = row;
            this.ownerId = ownerId;
            this.pending = pending;
        }

        void done(long id, boolean createdNow) {
            groupId = id;
            fresh = createdNow;
        }

        void rejected(String code, String reason) {
            rejectCode = code;
            rejectReason = reason;
        }
    }
}
