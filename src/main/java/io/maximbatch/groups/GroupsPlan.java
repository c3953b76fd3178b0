package io.maximbatch.groups;

import io.maximbatch.ledger.AppliedState;
import io.maximbatch.ledger.GroupMap;
import io.maximbatch.ledger.GroupMapping;
import io.maximbatch.ledger.MemberLedger;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.report.Outcome;
import io.maximbatch.report.Tally;
import io.maximbatch.step.ChunkOutcomes;
import io.maximbatch.step.Decision;
import io.maximbatch.step.Plan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A dry run of create-groups: the run's decisions for the groups, then the members, with owners and members resolved
 * through the ID map or the users an earlier step would register. MaxIM is only asked whether groups mapped by an
 * earlier run still exist (/group/info/batch).
 */
final class GroupsPlan {

    /** Group ids per /group/info/batch call, as the groups writer asks. */
    private static final int INFO_SLICE = 100;

    private final CreateGroupsSettings settings;
    private final UserMap userMap;
    private final GroupMap groupMap;
    private final MaximClient maxim;
    private final GroupLookups lookups;
    private final Tally groups = new Tally();
    private final Tally members = new Tally();
    /** Legacy groups in MaxIM after the groups step: created by it, or by an earlier run. */
    private final Set<String> created = new HashSet<>();
    private long missingInMaxim;
    private long inviteCalls;
    private long adminGrants;
    private long adminCalls;
    private final AppliedState applied;

    private final MemberLedger memberLedger;

    GroupsPlan(CreateGroupsSettings settings, UserMap userMap, GroupMap groupMap, MaximClient maxim, Set<String> registeredByEarlierStep,
               AppliedState applied, MemberLedger members) {
        this.applied = applied;
        this.memberLedger = members;
        this.settings = settings;
        this.userMap = userMap;
        this.groupMap = groupMap;
        this.maxim = maxim;
        this.lookups = GroupLookups.forRehearsal(Optional.of(registeredByEarlierStep));
    }

    void groupChunk(List<GroupRow> rows) {
        lookups.load(userMap.userIds(rows.stream().map(GroupRow::ownerLegacyId).filter(Objects::nonNull).toList()),
                groupMap.find(rows.stream().map(GroupRow::legacyGroupId).filter(Objects::nonNull).toList()));
        List<Decision<GroupCreation>> decisions = new ArrayList<>();
        // By owner: the info calls are asked as a member, and the owner is one.
        Map<Long, List<Long>> toCheck = new HashMap<>();
        for (GroupRow row : rows) {
            Decision<GroupCreation> decision = GroupDecision.decide(row, lookups);
            decisions.add(decision);
            if (decision.sends() || !decision.outcome().isRejected()) {
                created.add(row.legacyGroupId());
            }
            GroupMapping earlier = lookups.groups().stored(row.legacyGroupId());
            if (!decision.sends() && !decision.outcome().isRejected() && earlier != null) {
                toCheck.computeIfAbsent(earlier.ownerUserId(), owner -> new ArrayList<>()).add(earlier.groupId());
            }
        }
        ChunkOutcomes.tally(rows, decisions, creation -> Outcome.WRITTEN, groups);
        Set<Long> found = new HashSet<>();
        toCheck.forEach((owner, ids) -> {
            for (int i = 0; i < ids.size(); i += INFO_SLICE) {
                // A disbanded group is listed with status 1: it is missing as much as one not listed.
                maxim.groupInfo(owner, ids.subList(i, Math.min(ids.size(), i + INFO_SLICE))).stream()
                        .filter(info -> info.status() == null || info.status() == 0).forEach(info -> found.add(info.groupId()));
            }
        });
        missingInMaxim += toCheck.values().stream().flatMap(List::stream).filter(id -> !found.contains(id)).count();
    }

    void memberChunk(List<MembershipRow> rows) {
        lookups.loadMembers(userMap.userIds(rows.stream().map(MembershipRow::memberLegacyId).filter(Objects::nonNull).toList()),
                groupMap.find(rows.stream().map(MembershipRow::legacyGroupId).filter(Objects::nonNull).distinct().toList()), memberLedger);
        List<Decision<Invite>> decisions = rows.stream().map(row -> GroupDecision.decide(row, lookups)).toList();
        Map<Long, Integer> invitesByGroup = new HashMap<>();
        decisions.forEach(d -> d.items().forEach(invite -> invitesByGroup.merge(invite.groupId(), 1, Integer::sum)));
        ChunkOutcomes.tally(rows, decisions, invite -> Outcome.WRITTEN, members);
        invitesByGroup.values().forEach(invites -> inviteCalls += (invites + settings.batchSize() - 1) / settings.batchSize());
        // The admins step's decision, for the members that are valid memberships of this plan.
        List<MembershipRow> admins = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).admin() && (decisions.get(i).sends() || !decisions.get(i).outcome().isRejected())) {
                admins.add(rows.get(i));
            }
        }
        Map<AppliedState.Key, AppliedState.State> roles = applied.find(admins.stream().map(AdminGrant::key).toList());
        Map<Long, Integer> grantsByGroup = new HashMap<>();
        admins.forEach(row -> AdminGrantWriter.decide(row, lookups, roles).items().forEach(g -> grantsByGroup.merge(g.groupId(), 1, Integer::sum)));
        grantsByGroup.values().forEach(grants -> {
            adminGrants += grants;
            adminCalls += (grants + settings.batchSize() - 1) / settings.batchSize();
        });
    }

    Set<String> created() {
        return created;
    }

    Tally groups() {
        return groups;
    }

    Tally members() {
        return members;
    }

    Plan result(Path groupsReport, Path membersReport) {
        List<String> lines = List.of(
                "groups: " + groups.read() + " rows read: " + groups.written() + " to create, " + groups.alreadyDone()
                        + " already done" + (missingInMaxim > 0 ? " (" + missingInMaxim + " of them no longer in MaxIM)" : "")
                        + ", " + groups.rejected() + " rejected" + (groupsReport == null ? "" : "; would-be rejects in " + groupsReport),
                "members: " + members.read() + " rows read: " + members.written() + " to invite, " + members.alreadyDone()
                        + " already done, " + members.rejected() + " rejected" + (membersReport == null ? "" : "; would-be rejects in " + membersReport),
                groups.written() + " group/create calls, " + inviteCalls + " invite calls of up to " + settings.batchSize() + " members",
                adminGrants + " members to make admins, in " + adminCalls + " admin/add calls");
        Map<String, Long> counts = Plan.counts("", groups);
        counts.putAll(Plan.counts("members.", members));
        counts.put("missingInMaxim", missingInMaxim);
        counts.put("admins.written", adminGrants);
        return new Plan(lines, groups.written() + inviteCalls + adminCalls, counts);
    }
}
