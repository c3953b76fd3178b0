package io.maximbatch.groups;

import io.maximbatch.ledger.GroupMap;
import io.maximbatch.ledger.GroupMapping;
import io.maximbatch.ledger.GroupMapping.State;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.CallTrace;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.ErrorClass;
import io.maximbatch.maxim.ErrorCodes;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.maxim.MaximException;
import io.maximbatch.maxim.MaximModel.InviteResult;
import io.maximbatch.report.ChunkTally;
import io.maximbatch.report.StepRecords;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Invites a chunk's members into their groups, as each group's owner, in batches of at most batch-size users that
 * go out concurrently. Inviting is safe to repeat (MaxIM answers 20017 "already a group member"), so memberships
 * need no ledger: a replayed chunk finds its members already done.
 */
final class MembershipInviteWriter implements ItemWriter<Checked<MembershipRow>> {

    private static final Pattern LEADING_CODE = Pattern.compile("^\\s*(\\d{5})\\b");
    /** Whole-call codes about the group or the acting owner, not about one user: every user of the call shares them. */
    private static final Set<Integer> GROUP_WIDE_CODES = Set.of(10010, 20001, 20011, 20012, 20013);

    private final MaximClient client;
    private final ConcurrentCalls calls;
    private final UserMap userMap;
    private final GroupMap groupMap;
    private final CreateGroupsSettings settings;
    private final StepRecords records;

    MembershipInviteWriter(MaximClient client, ConcurrentCalls calls, UserMap userMap, GroupMap groupMap,
                           CreateGroupsSettings settings, StepRecords records) {
        this.client = client;
        this.calls = calls;
        this.userMap = userMap;
        this.groupMap = groupMap;
        this.settings = settings;
        this.records = records;
    }

    @Override
    public void write(Chunk<? extends Checked<MembershipRow>> chunk) {
        ChunkTally tally = new ChunkTally();
        List<MembershipRow> valid = new ArrayList<>();
        for (Checked<MembershipRow> checked : chunk) {
            if (checked.isValid()) {
                valid.add(checked.row());
            } else {
                reject(tally, checked.row(), checked.rejectCode(), checked.rejectReason());
            }
        }
        Map<Long, List<Invite>> byGroup = decide(valid, tally);

        List<Callable<Void>> tasks = new ArrayList<>();
        List<Invite> invites = new ArrayList<>();
        for (List<Invite> group : byGroup.values()) {
            invites.addAll(group);
            for (int i = 0; i < group.size(); i += settings.batchSize()) {
                List<Invite> batch = group.subList(i, Math.min(group.size(), i + settings.batchSize()));
                tasks.add(() -> {
                    inviteBatch(batch);
                    return null;
                });
            }
        }
        RuntimeException fatal = null;
        for (ConcurrentCalls.Result<Void> result : calls.runAll(tasks)) {
            if (!result.ok() && fatal == null) {
                fatal = result.failure() instanceof RuntimeException e ? e : new IllegalStateException(result.failure());
            }
        }
        if (fatal != null) {
            // Nothing to keep: a resumed run invites the chunk again and finds the members that joined already done.
            throw fatal;
        }
        for (Invite invite : invites) {
            switch (invite.outcome) {
                case WRITTEN -> tally.written();
                case ALREADY_DONE -> tally.alreadyDone();
                case REJECTED -> reject(tally, invite.row, invite.rejectCode, invite.rejectReason);
            }
        }
        records.save(tally);
    }

    /** Resolves groups and members through the ID maps; returns the invites to send, by MaxIM group id. */
    private Map<Long, List<Invite>> decide(List<MembershipRow> valid, ChunkTally tally) {
        Map<String, GroupMapping> groups = groupMap.find(valid.stream().map(MembershipRow::legacyGroupId).toList());
        Map<String, Long> members = userMap.userIds(valid.stream().map(MembershipRow::memberLegacyId).toList());
        Map<Long, List<Invite>> byGroup = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (MembershipRow row : valid) {
            GroupMapping group = groups.get(row.legacyGroupId());
            if (group == null || group.state() != State.DONE) {
                reject(tally, row, "UNKNOWN_GROUP", "group " + row.legacyGroupId()
                        + " is not in MaxIM (rejected or not created; see the groups step's reject report)");
                continue;
            }
            Long userId = members.get(row.memberLegacyId());
            if (userId == null) {
                reject(tally, row, "UNKNOWN_MEMBER", "member " + row.memberLegacyId()
                        + " is not a registered MaxIM user (unknown legacy id, or rejected or not yet registered by the users step)");
                continue;
            }
            if (userId == group.ownerUserId() || !seen.add(group.groupId() + "/" + userId)) {
                // The owner is a member from the start; a membership listed twice is done by its first row.
                tally.alreadyDone();
                continue;
            }
            byGroup.computeIfAbsent(group.groupId(), id -> new ArrayList<>()).add(new Invite(row, group.groupId(), group.ownerUserId(), userId));
        }
        return byGroup;
    }

    /** One /group/invite call for members of one group; each member's outcome from its own result. */
    private void inviteBatch(List<Invite> batch) {
        Invite first = batch.get(0);
        CallTrace trace = new CallTrace();
        List<InviteResult> results;
        try {
            results = client.invite(first.ownerId, first.groupId, batch.stream().map(i -> i.userId).toList(), null, trace);
        } catch (MaximException e) {
            if (e.errorClass() == ErrorClass.REJECTED && GROUP_WIDE_CODES.contains(e.code())) {
                batch.forEach(i -> i.rejected(e.reasonCode(), "MaxIM refused the invitation: " + e.getMessage()));
            } else if (e.errorClass() == ErrorClass.REJECTED || e.errorClass() == ErrorClass.ALREADY_DONE) {
                // The call was refused for some user of the list: one call per user tells which.
                batch.forEach(i -> inviteOne(i, trace.maybeExecuted()));
            } else {
                throw e;
            }
            return;
        }
        Map<Long, InviteResult> byUser = new HashMap<>();
        (results == null ? List.<InviteResult>of() : results).forEach(r -> byUser.put(r.userId(), r));
        List<Invite> again = new ArrayList<>();
        for (Invite invite : batch) {
            InviteResult result = byUser.get(invite.userId);
            // No result for a user of the list: its own call will tell (already a member, or why not).
            if (result == null || !settle(invite, result, trace.maybeExecuted())) {
                again.add(invite);
            }
        }
        // A transient failure of one user: its own call retries it.
        again.forEach(i -> inviteOne(i, trace.maybeExecuted()));
    }

    private void inviteOne(Invite invite, boolean earlierCallMaybeExecuted) {
        CallTrace trace = new CallTrace();
        List<InviteResult> results;
        try {
            results = client.invite(invite.ownerId, invite.groupId, List.of(invite.userId), null, trace);
        } catch (MaximException e) {
            if (e.errorClass() == ErrorClass.ALREADY_DONE) {
                invite.done(earlierCallMaybeExecuted || trace.maybeExecuted());
            } else if (e.errorClass() == ErrorClass.REJECTED) {
                invite.rejected(e.reasonCode(), "MaxIM refused the invitation: " + e.getMessage());
            } else {
                throw e;
            }
            return;
        }
        InviteResult result = results == null ? null
                : results.stream().filter(r -> r.userId() == invite.userId).findFirst().orElse(null);
        if (!settle(invite, result, earlierCallMaybeExecuted || trace.maybeExecuted())) {
            // Still failing on its own call: retries are exhausted, so the job fails and can be resumed.
            throw new IllegalStateException("inviting user " + invite.userId + " into group " + invite.groupId
                    + " (line " + invite.row.line() + ") keeps failing: " + result.reason());
        }
    }

    /** Decides one member from its result; false when the failure is transient and worth one more call of its own. */
    private static boolean settle(Invite invite, InviteResult result, boolean maybeExecuted) {
        if (result == null) {
            invite.rejected("INVITE_FAILED", "MaxIM's answer to /group/invite has no result for user " + invite.userId);
            return true;
        }
        if (result.succeeded()) {
            invite.done(true);
            return true;
        }
        Matcher code = LEADING_CODE.matcher(result.reason() == null ? "" : result.reason());
        ErrorClass errorClass = code.find() ? ErrorCodes.ofCode(Integer.parseInt(code.group(1))) : null;
        if (errorClass == ErrorClass.ALREADY_DONE) {
            // Our own earlier attempt of this call may have added the member: then this run wrote it.
            invite.done(maybeExecuted);
            return true;
        }
        if (errorClass == ErrorClass.RETRYABLE || errorClass == ErrorClass.FATAL) {
            return false;
        }
        invite.rejected(errorClass == null ? "INVITE_FAILED" : code.group(1), "MaxIM refused the invitation: "
                + (result.reason() == null ? "no reason given" : result.reason()));
        return true;
    }

    private static void reject(ChunkTally tally, MembershipRow row, String code, String reason) {
        tally.reject(row.line(), code, reason, row.asRead());
    }

    private enum Outcome { WRITTEN, ALREADY_DONE, REJECTED }

    /** One member to invite, filled in by the thread that made its call. */
    private static final class Invite {
        final MembershipRow row;
        final long groupId;
        final long ownerId;
        final long userId;
        volatile Outcome outcome;
        volatile String rejectCode;
        volatile String rejectReason;

        Invite(MembershipRow row, long groupId, long ownerId, long userId) {
            this.row = row;
            this.groupId = groupId;
            this.ownerId = ownerId;
            this.userId = userId;
        }

        void done(boolean byThisRun) {
            outcome = byThisRun ? Outcome.WRITTEN : Outcome.ALREADY_DONE;
        }

        void rejected(String code, String reason) {
            outcome = Outcome.REJECTED;
            rejectCode = code;
            rejectReason = reason;
        }
    }
}
