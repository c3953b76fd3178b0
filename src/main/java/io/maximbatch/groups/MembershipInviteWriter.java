package io.maximbatch.groups;

import io.maximbatch.groups.ledger.MemberLedger;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.outcome.Outcome;
import io.maximbatch.report.StepRecords;
import io.maximbatch.step.Decision;
import io.maximbatch.step.OutcomeWriter;
import io.maximbatch.step.Settled;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Invites a chunk's members into their groups, as each group's owner, in batches of at most batch-size users that
 * go out concurrently. Inviting is safe to repeat (MaxIM answers 20017 "already a group member"); the member ledger
 * records what MaxIM answered, so that a replayed chunk or a later run finds those members already done. An invitation
 * MaxIM holds until the person consents is pending: recorded as such, and a later run asks the member list whether
 * the person joined rather than inviting again (a second invitation would reach the person once more).
 */
final class MembershipInviteWriter extends OutcomeWriter<MembershipRow, Invite, Settled, GroupWriters> {

    MembershipInviteWriter(StepRecords records, ConcurrentCalls calls, GroupWriters uses) {
        super(records, calls, uses);
    }

    /** One /group/invite call per group and batch of members, as the group's owner. */
    @Override
    protected List<Callable<Map<Invite, Settled>>> calls(List<Invite> invites) {
        Set<String> pending = uses.members().pendingOf(invites.stream().map(Invite::groupId).distinct().toList(),
                invites.stream().map(Invite::userId).distinct().toList());
        Map<Long, List<Invite>> byGroup = new LinkedHashMap<>();
        Map<Long, List<Invite>> askByGroup = new LinkedHashMap<>();
        invites.forEach(i -> (pending.contains(i.groupId() + "/" + i.userId()) ? askByGroup : byGroup)
                .computeIfAbsent(i.groupId(), k -> new ArrayList<>()).add(i));
        List<Callable<Map<Invite, Settled>>> calls = new ArrayList<>();
        for (List<Invite> group : byGroup.values()) {
            batches(group, uses.settings().batchSize(), batch -> uses.items().invite(batch.get(0).ownerId(), batch.get(0).groupId(),
                    batch.stream().map(Invite::userId).toList()), (invite, result) -> Settled.answered(result, false, GroupReject.INVITE_REFUSED), calls);
        }
        for (List<Invite> group : askByGroup.values()) {
            // Joined since: our invitation made the membership (written); else still pending.
            batches(group, group.size(), batch -> uses.items().askPending(batch.get(0).ownerId(), batch.get(0).groupId(),
                    batch.stream().map(Invite::userId).toList()), (invite, result) -> Settled.answered(result, false, GroupReject.INVITE_REFUSED), calls);
        }
        return calls;
    }

    /**
     * The memberships MaxIM carried out are recorded as this job's (for `prune`), and those it had already ("already a
     * member") as present: a later run finds both already done and sends no invite for them.
     */
    @Override
    protected Map<Invite, Settled> afterCalls(Map<Invite, Settled> results) {
        uses.members().made(answered(results, Outcome.Kind.WRITTEN), records.jobName());
        uses.members().found(answered(results, Outcome.Kind.ALREADY_DONE), records.jobName());
        uses.members().pending(answered(results, Outcome.Kind.PENDING), records.jobName());
        // Joined since an earlier run recorded them pending (asked again: written), or since another job invited them.
        List<MemberLedger.Membership> members = new ArrayList<>(answered(results, Outcome.Kind.WRITTEN));
        members.addAll(answered(results, Outcome.Kind.ALREADY_DONE));
        uses.members().joined(members);
        return results;
    }

    private static List<MemberLedger.Membership> answered(Map<Invite, Settled> results, Outcome.Kind kind) {
        return results.entrySet().stream().filter(e -> e.getValue().outcome() != null && e.getValue().outcome().kind() == kind)
                .map(e -> new MemberLedger.Membership(e.getKey().groupId(), e.getKey().userId(), e.getKey().ownerId())).toList();
    }

    @Override
    protected List<Decision<Invite>> decide(List<? extends MembershipRow> chunk) {
        GroupLookups lookups = uses.memberLookups(records.instanceId(), List.copyOf(chunk));
        return chunk.stream().map(row -> GroupDecision.decide(row, lookups)).toList();
    }
}
