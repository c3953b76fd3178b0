package io.maximbatch.groups;

import io.maximbatch.jobfile.StepFactory.Plan;
import io.maximbatch.ledger.GroupMap;
import io.maximbatch.ledger.GroupMapping;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.maxim.MaximModel.GroupInfo;
import io.maximbatch.report.Reject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A dry run of create-groups: what GroupCreationWriter and MembershipInviteWriter would decide, with owners and
 * members resolved through the ID map or the users an earlier step would register. MaxIM is only asked whether
 * groups mapped by an earlier run still exist (/group/info/batch).
 */
final class GroupsPlan {

    /** Group ids per /group/info/batch call, as the groups writer asks. */
    private static final int INFO_SLICE = 100;

    private final CreateGroupsSettings settings;
    private final UserMap userMap;
    private final GroupMap groupMap;
    private final MaximClient maxim;
    private final Set<String> registeredByEarlierStep;
    /** Groups that exist after the groups step, legacy id -> owner legacy id (null when mapped by an earlier run). */
    private final Map<String, String> groups = new HashMap<>();
    /** Owners of groups mapped by an earlier run, legacy group id -> MaxIM user id. */
    private final Map<String, Long> mappedOwners = new HashMap<>();
    private final Set<String> seenGroups = new HashSet<>();
    private final Set<String> seenMemberships = new HashSet<>();
    final Tally groupTally = new Tally();
    final Tally memberTally = new Tally();
    private long missingInMaxim;
    private long inviteCalls;

    /** Counts and rejects of one of the two job steps. */
    static final class Tally {
        long read;
        long toDo;
        long alreadyDone;
        final List<Reject> rejects = new ArrayList<>();
    }

    GroupsPlan(CreateGroupsSettings settings, UserMap userMap, GroupMap groupMap, MaximClient maxim, Set<String> registeredByEarlierStep) {
        this.settings = settings;
        this.userMap = userMap;
        this.groupMap = groupMap;
        this.maxim = maxim;
        this.registeredByEarlierStep = registeredByEarlierStep;
    }

    void groupChunk(List<Checked<GroupRow>> rows) {
        groupTally.read += rows.size();
        List<GroupRow> valid = rows.stream().filter(Checked::isValid).map(Checked::row).toList();
        Map<String, Long> owners = userMap.userIds(valid.stream().map(GroupRow::ownerLegacyId).toList());
        Map<String, GroupMapping> mapped = groupMap.find(valid.stream().map(GroupRow::legacyGroupId).toList());
        List<Long> toCheck = new ArrayList<>();
        for (Checked<GroupRow> checked : rows) {
            GroupRow row = checked.row();
            if (!checked.isValid()) {
                reject(groupTally, row.line(), checked.rejectCode(), checked.rejectReason(), row.asRead());
                continue;
            }
            if (!seenGroups.add(row.legacyGroupId())) {
                reject(groupTally, row.line(), "DUPLICATE_GROUP_ID", "legacy_group_id " + row.legacyGroupId() + " appears more than once in the input", row.asRead());
                continue;
            }
            GroupMapping mapping = mapped.get(row.legacyGroupId());
            if (mapping != null && mapping.state() == GroupMapping.State.DONE) {
                groupTally.alreadyDone++;
                groups.put(row.legacyGroupId(), null);
                mappedOwners.put(row.legacyGroupId(), mapping.ownerUserId());
                toCheck.add(mapping.groupId());
                continue;
            }
            if (!owners.containsKey(row.ownerLegacyId()) && !registeredByEarlierStep.contains(row.ownerLegacyId())) {
                reject(groupTally, row.line(), "UNKNOWN_OWNER", "owner " + row.ownerLegacyId() + " is not a registered MaxIM user", row.asRead());
                continue;
            }
            groupTally.toDo++;
            groups.put(row.legacyGroupId(), row.ownerLegacyId());
        }
        Set<Long> found = new HashSet<>();
        for (int i = 0; i < toCheck.size(); i += INFO_SLICE) {
            for (GroupInfo info : maxim.groupInfo(toCheck.subList(i, Math.min(toCheck.size(), i + INFO_SLICE)))) {
                found.add(info.groupId());
            }
        }
        missingInMaxim += toCheck.stream().filter(id -> !found.contains(id)).count();
    }

    void memberChunk(List<Checked<MembershipRow>> rows) {
        memberTally.read += rows.size();
        List<MembershipRow> valid = rows.stream().filter(Checked::isValid).map(Checked::row).toList();
        Map<String, Long> members = userMap.userIds(valid.stream().map(MembershipRow::memberLegacyId).toList());
        // Groups an earlier run created, not in this groups file: the run finds them in the group map too.
        groupMap.find(valid.stream().map(MembershipRow::legacyGroupId).filter(id -> !groups.containsKey(id)).distinct().toList())
                .forEach((legacyGroupId, mapping) -> {
                    if (mapping.state() == GroupMapping.State.DONE) {
                        groups.put(legacyGroupId, null);
                        mappedOwners.put(legacyGroupId, mapping.ownerUserId());
                    }
                });
        Map<String, Integer> invitesByGroup = new HashMap<>();
        for (Checked<MembershipRow> checked : rows) {
            MembershipRow row = checked.row();
            if (!checked.isValid()) {
                reject(memberTally, row.line(), checked.rejectCode(), checked.rejectReason(), row.asRead());
            } else if (!groups.containsKey(row.legacyGroupId())) {
                reject(memberTally, row.line(), "UNKNOWN_GROUP", "group " + row.legacyGroupId() + " is not in MaxIM after the groups step", row.asRead());
            } else if (!members.containsKey(row.memberLegacyId()) && !registeredByEarlierStep.contains(row.memberLegacyId())) {
                reject(memberTally, row.line(), "UNKNOWN_MEMBER", "member " + row.memberLegacyId() + " is not a registered MaxIM user", row.asRead());
            } else if (isOwner(row, members) || !seenMemberships.add(row.legacyGroupId() + "/" + row.memberLegacyId())) {
                memberTally.alreadyDone++;
            } else {
                memberTally.toDo++;
                invitesByGroup.merge(row.legacyGroupId(), 1, Integer::sum);
            }
        }
        for (int invites : invitesByGroup.values()) {
            inviteCalls += (invites + settings.batchSize() - 1) / settings.batchSize();
        }
    }

    private boolean isOwner(MembershipRow row, Map<String, Long> members) {
        String ownerLegacyId = groups.get(row.legacyGroupId());
        if (ownerLegacyId != null) {
            return ownerLegacyId.equals(row.memberLegacyId());
        }
        Long owner = mappedOwners.get(row.legacyGroupId());
        return owner != null && owner.equals(members.get(row.memberLegacyId()));
    }

    private static void reject(Tally tally, String line, String code, String reason, LinkedHashMap<String, String> fields) {
        tally.rejects.add(new Reject(line, code, reason, fields));
    }

    Plan result(Path groupsReport, Path membersReport) {
        List<String> lines = List.of(
                "groups: " + groupTally.read + " rows read: " + groupTally.toDo + " to create, " + groupTally.alreadyDone
                        + " already done" + (missingInMaxim > 0 ? " (" + missingInMaxim + " of them no longer in MaxIM)" : "")
                        + ", " + groupTally.rejects.size() + " rejected" + (groupsReport == null ? "" : "; would-be rejects in " + groupsReport),
                "members: " + memberTally.read + " rows read: " + memberTally.toDo + " to invite, " + memberTally.alreadyDone
                        + " already done, " + memberTally.rejects.size() + " rejected" + (membersReport == null ? "" : "; would-be rejects in " + membersReport),
                groupTally.toDo + " group/create calls, " + inviteCalls + " invite calls of up to " + settings.batchSize() + " members");
        Map<String, Long> counts = new HashMap<>();
        counts.put("written", groupTally.toDo);
        counts.put("alreadyDone", groupTally.alreadyDone);
        counts.put("rejected", (long) groupTally.rejects.size());
        counts.put("members.written", memberTally.toDo);
        counts.put("members.alreadyDone", memberTally.alreadyDone);
        counts.put("members.rejected", (long) memberTally.rejects.size());
        counts.put("missingInMaxim", missingInMaxim);
        return new Plan(lines, groupTally.toDo + inviteCalls, Map.copyOf(counts));
    }
}
