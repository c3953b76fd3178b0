package io.maximbatch.groups;

import static io.maximbatch.groups.GroupReject.ADMIN_REFUSED;

import io.maximbatch.ledger.AppliedState;
import io.maximbatch.ledger.GroupMapping;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.report.StepRecords;
import io.maximbatch.step.AppliedChanges;
import io.maximbatch.step.Decision;
import io.maximbatch.step.OutcomeWriter;
import io.maximbatch.step.Settled;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Makes the members whose role is `admin` admins of their groups (/group/admin/add as the owner), after the members
 * step invited them. The applied-state ledger records each role MaxIM confirmed, so a re-run asks nothing again;
 * "already an admin" counts as done.
 */
final class AdminGrantWriter extends OutcomeWriter<MembershipRow, AdminGrant, Settled, AppliedGroupWrites> {

    AdminGrantWriter(StepRecords records, ConcurrentCalls calls, AppliedGroupWrites uses) {
        super(records, calls, uses);
    }

    @Override
    protected List<Decision<AdminGrant>> decide(List<? extends MembershipRow> chunk) {
        GroupLookups lookups = uses.lookups(records.instanceId(), chunk);
        Map<AppliedState.Key, AppliedState.State> applied = uses.applied().find(chunk.stream().filter(MembershipRow::admin)
                .map(AdminGrant::key).toList());
        return chunk.stream().map(row -> decide(row, lookups, applied)).toList();
    }

    /** A member row's role: nothing to do unless it says admin and MaxIM has not confirmed it yet. */
    static Decision<AdminGrant> decide(MembershipRow row, GroupLookups lookups, Map<AppliedState.Key, AppliedState.State> applied) {
        if (!row.admin()) {
            return Decision.alreadyDone();
        }
        GroupDecision.Membership membership = GroupDecision.Membership.of(row, lookups);
        if (membership.rejected() != null) {
            return Decision.rejected(membership.rejected());
        }
        GroupMapping group = membership.group();
        long member = membership.member();
        AppliedState.State state = applied.get(AdminGrant.key(row));
        if (member == group.ownerUserId() || (state != null && AdminGrant.ADMIN.equals(state.applied()))) {
            // The owner needs no admin role; a confirmed one is not asked for again.
            return Decision.alreadyDone();
        }
        return Decision.send(new AdminGrant(group.groupId(), group.ownerUserId(), member, AdminGrant.key(row),
                state != null && AdminGrant.ADMIN.equals(state.pending())));
    }

    @Override
    protected List<AdminGrant> beforeCalls(List<AdminGrant> grants, Map<AdminGrant, Settled> settled) {
        return AppliedChanges.beforeCalls(uses.applied(), grants, AdminGrant::change);
    }

    @Override
    protected List<Callable<Map<AdminGrant, Settled>>> calls(List<AdminGrant> grants) {
        Map<Long, List<AdminGrant>> byGroup = new LinkedHashMap<>();
        grants.forEach(g -> byGroup.computeIfAbsent(g.groupId(), k -> new ArrayList<>()).add(g));
        List<Callable<Map<AdminGrant, Settled>>> calls = new ArrayList<>();
        for (List<AdminGrant> group : byGroup.values()) {
            batches(group, uses.groups().settings().batchSize(), batch -> uses.groups().items().addAdmins(batch.get(0).ownerId(),
                    batch.get(0).groupId(), batch.stream().map(AdminGrant::userId).toList()),
                    (grant, result) -> Settled.answered(result, grant.resent(), ADMIN_REFUSED), calls);
        }
        return calls;
    }

    @Override
    protected Map<AdminGrant, Settled> afterCalls(Map<AdminGrant, Settled> results) {
        return AppliedChanges.afterCalls(uses.applied(), results, AdminGrant::change);
    }
}
