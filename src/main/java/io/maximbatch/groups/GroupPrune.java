package io.maximbatch.groups;

import io.maximbatch.groups.ledger.MemberLedger;
import io.maximbatch.ledger.GroupMap;
import io.maximbatch.ledger.GroupMapping;
import io.maximbatch.groups.ledger.MemberLedger.Membership;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.CallTrace;
import io.maximbatch.maxim.ErrorCodes;
import io.maximbatch.maxim.ItemResult;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.maxim.MaximException;
import io.maximbatch.maxim.MaximModel.InviteResult;
import io.maximbatch.step.Removals;
import io.maximbatch.step.Reads;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.Objects;
import java.util.Set;

/**
 * `prune: true` on create-groups: the memberships this job made (member_edge) that its members source no longer lists
 * are removed in MaxIM (/group/kick as the owner) and forgotten; members MaxIM had before, or another job made, stay.
 */
final class GroupPrune {

    /** How MaxIM says the user was not in the group ("User is not a group member"). */
    private static final Pattern NOT_A_MEMBER = Pattern.compile("(?i)\\bnot (?:a |in the |in )?(?:group )?member\\b");

    private final CreateGroupsSettings settings;
    private final UserMap userMap;
    private final GroupMap groupMap;
    private final MemberLedger members;

    private final Map<String, Object> queryParameters;

    GroupPrune(CreateGroupsSettings settings, Map<String, Object> queryParameters, UserMap userMap, GroupMap groupMap, MemberLedger members) {
        this.settings = settings;
        this.queryParameters = queryParameters;
        this.userMap = userMap;
        this.groupMap = groupMap;
        this.members = members;
    }

    /** The memberships to remove: made by this job, and in no valid row of the members source. */
    List<Membership> dropped(String jobName) {
        Set<String> listed = new HashSet<>();
        Reads.chunks(GroupSources.members(settings, queryParameters), MembershipRow::of, 1000, rows -> {
            List<MembershipRow> valid = rows.stream().filter(row -> GroupDecision.broken(row).isEmpty()).toList();
            Map<String, GroupMapping> groups = groupMap.find(valid.stream().map(MembershipRow::legacyGroupId).distinct().toList());
            Map<String, Long> ids = userMap.userIds(valid.stream().map(MembershipRow::memberLegacyId).filter(Objects::nonNull).distinct().toList());
            valid.forEach(row -> {
                GroupMapping group = groups.get(row.legacyGroupId());
                Long user = ids.get(row.memberLegacyId());
                if (group != null && group.exists() && user != null) {
                    listed.add(group.groupId() + "/" + user);
                }
            });
        });
        List<Membership> dropped = new ArrayList<>();
        members.madeBy(jobName).stream().filter(m -> !listed.contains(m.groupId() + "/" + m.userId())).forEach(dropped::add);
        return dropped;
    }

    /**
     * Removes each membership as its group's owner and forgets it: removed, or already gone (not a member any more, or
     * the group is gone); one MaxIM refused or that kept failing stays in the ledger for the next run.
     */
    Removals remove(List<Membership> dropped, MaximClient client) {
        Removals removals = new Removals();
        for (Membership membership : dropped) {
            String item = "user " + membership.userId() + " in group " + membership.groupId();
            try {
                List<InviteResult> answers = client.kick(membership.ownerId(), membership.groupId(), List.of(membership.userId()),
                        new CallTrace());
                InviteResult answer = answers == null ? null : answers.stream()
                        .filter(a -> a != null && Objects.equals(a.userId(), membership.userId())).findFirst().orElse(null);
                if (answer == null) {
                    // MaxIM answers per user: without a result for this one, it may have kept it; the next run asks again.
                    removals.failed(item, "MaxIM's answer has no result for this user");
                    continue;
                }
                if (answer.succeeded()) {
                    removals.removed();
                } else if (NOT_A_MEMBER.matcher(String.valueOf(answer.reason())).find()
                        || String.valueOf(ErrorCodes.NOT_A_MEMBER).equals(ItemResult.ofReason(answer.reason(), null, false).code())) {
                    removals.gone();
                } else {
                    removals.failed(item, "MaxIM kept it: " + answer.reason());
                    continue;
                }
            } catch (MaximException e) {
                if (e.code() != ErrorCodes.GROUP_NOT_FOUND) {
                    removals.failed(item, e);
                    continue;
                }
                removals.gone();
            }
            members.forget(membership);
        }
        return removals;
    }
}
