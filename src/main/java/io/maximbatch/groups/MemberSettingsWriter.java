package io.maximbatch.groups;

import static io.maximbatch.groups.GroupReject.BLOCK_REFUSED;
import static io.maximbatch.groups.GroupReject.DISPLAY_NAME_REFUSED;
import static io.maximbatch.groups.GroupReject.OWNER_BLOCKED;

import io.maximbatch.ledger.AppliedState;
import io.maximbatch.ledger.GroupMapping;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.GroupMembers;
import io.maximbatch.maxim.ItemCalls;
import io.maximbatch.outcome.Outcome;
import io.maximbatch.report.StepRecords;
import io.maximbatch.step.AppliedChanges;
import io.maximbatch.step.Decision;
import io.maximbatch.step.LegacyIds;
import io.maximbatch.step.OutcomeWriter;
import io.maximbatch.step.Settled;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * Applies what a members source says of each person besides membership, after the members and admins steps: a
 * member's display name in the group (/group/display_name as the member; owners and admins too) and a blocked user
 * (role blocked or outcast: /group/block as the owner, never invited). Each once per value (applied-state ledger,
 * PENDING before the call); one an interrupted run may have carried out is read back before it is sent again.
 */
final class MemberSettingsWriter extends OutcomeWriter<MembershipRow, MemberSetting, Settled, AppliedGroupWrites> {

    MemberSettingsWriter(StepRecords records, ConcurrentCalls calls, AppliedGroupWrites uses) {
        super(records, calls, uses);
    }

    @Override
    protected List<Decision<MemberSetting>> decide(List<? extends MembershipRow> chunk) {
        GroupLookups lookups = uses.lookups(records.instanceId(), chunk);
        List<AppliedState.Key> keys = new ArrayList<>();
        chunk.forEach(row -> keys.add(row.blocked() ? MemberSetting.blockKey(row) : MemberSetting.displayNameKey(row)));
        Map<AppliedState.Key, AppliedState.State> applied = uses.applied().find(keys);
        return chunk.stream().map(row -> decide(row, lookups, applied)).toList();
    }

    /** A row's block or display name, unless it has neither or the ledger holds it applied. */
    static Decision<MemberSetting> decide(MembershipRow row, GroupLookups lookups, Map<AppliedState.Key, AppliedState.State> applied) {
        if (!row.blocked() && row.displayName() == null) {
            return Decision.alreadyDone();
        }
        if (!row.blocked() && !usable(row.displayName())) {
            // The membership stands (the members step took it); only the name is refused.
            return Decision.rejected(GroupReject.INVALID_DISPLAY_NAME.why());
        }
        GroupDecision.Membership membership = GroupDecision.Membership.of(row, lookups);
        if (membership.rejected() != null) {
            return Decision.rejected(membership.rejected());
        }
        GroupMapping group = membership.group();
        if (row.blocked() && membership.member() == group.ownerUserId()) {
            return Decision.rejected(OWNER_BLOCKED.why());
        }
        AppliedState.Key key = row.blocked() ? MemberSetting.blockKey(row) : MemberSetting.displayNameKey(row);
        String hash = row.blocked() ? MemberSetting.BLOCKED : AppliedState.hash(row.displayName());
        AppliedState.State state = applied.get(key);
        if (state != null && hash.equals(state.applied())) {
            return Decision.alreadyDone();
        }
        return Decision.send(new MemberSetting(group.groupId(), group.ownerUserId(), membership.member(),
                row.blocked() ? null : row.displayName(), key, hash, state == null || state.applied() == null,
                state != null && hash.equals(state.pending())));
    }

    /** A display name MaxIM can be sent: decodable text without control characters (its length is MaxIM's to judge). */
    static boolean usable(String displayName) {
        return !LegacyIds.undecodable(displayName) && displayName.codePoints().noneMatch(Character::isISOControl);
    }

    /** What an interrupted run may have done is read back (the member's display name, the group's blacklist once); the rest goes PENDING. */
    @Override
    protected List<MemberSetting> beforeCalls(List<MemberSetting> settings, Map<MemberSetting, Settled> settled) {
        Map<Long, Set<Long>> blacklists = new ConcurrentHashMap<>();
        return AppliedChanges.beforeCalls(uses.applied(), settings, MemberSetting::change, setting -> setting.retried() && (setting.block()
                        ? blacklists.computeIfAbsent(setting.groupId(), g -> GroupMembers.blocked(uses.groups().client(), setting.ownerId(), g))
                                .contains(setting.userId())
                        : setting.displayName().equals(GroupMembers.displayNames(uses.groups().client(), setting.userId(), setting.groupId(),
                                List.of(setting.userId())).get(setting.userId()))),
                setting -> setting.first() ? Outcome.WRITTEN : Outcome.UPDATED, settled);
    }

    @Override
    protected List<Callable<Map<MemberSetting, Settled>>> calls(List<MemberSetting> settings) {
        List<Callable<Map<MemberSetting, Settled>>> calls = new ArrayList<>();
        settings.stream().filter(s -> !s.block()).forEach(setting -> calls.add(() -> Map.of(setting, Settled.change(ItemCalls.one(trace ->
                        GroupMembers.setDisplayName(uses.groups().client(), setting.userId(), setting.groupId(), setting.displayName(), trace)),
                setting.first() ? Outcome.WRITTEN : Outcome.UPDATED, DISPLAY_NAME_REFUSED::answered))));
        Map<Long, List<MemberSetting>> blocksByGroup = settings.stream().filter(MemberSetting::block)
                .collect(Collectors.groupingBy(MemberSetting::groupId, LinkedHashMap::new, Collectors.toList()));
        for (List<MemberSetting> group : blocksByGroup.values()) {
            batches(group, uses.groups().settings().batchSize(), batch -> GroupMembers.block(uses.groups().client(), batch.get(0).ownerId(),
                    batch.get(0).groupId(), batch.stream().map(MemberSetting::userId).toList()),
                    (setting, result) -> Settled.answered(result, setting.retried(), BLOCK_REFUSED), calls);
        }
        return calls;
    }

    @Override
    protected Map<MemberSetting, Settled> afterCalls(Map<MemberSetting, Settled> results) {
        return AppliedChanges.afterCalls(uses.applied(), results, MemberSetting::change);
    }
}
