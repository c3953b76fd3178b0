package io.maximbatch.groups;

import static io.maximbatch.groups.GroupReject.SETTING_REFUSED;
import static io.maximbatch.groups.GroupReject.UNKNOWN_GROUP;

import io.maximbatch.groups.GroupSettingChange.Announcement;
import io.maximbatch.ledger.AppliedState;
import io.maximbatch.ledger.GroupMapping;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.GroupAnnouncements;
import io.maximbatch.maxim.ItemCalls;
import io.maximbatch.outcome.Outcome;
import io.maximbatch.report.StepRecords;
import io.maximbatch.step.AppliedChanges;
import io.maximbatch.step.Decision;
import io.maximbatch.step.OutcomeWriter;
import io.maximbatch.step.Settled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Applies the settings a groups source gives (history visible to new members, members may invite, members may modify
 * the group, admins approve requests) and its announcement to the groups the groups step created, as each group's
 * owner; each once per change (applied-state ledger). MaxIM offers no read of the settings: a lost answer is asked
 * again (the same value again changes nothing). Each announcement edit publishes one, so a lost or interrupted one is
 * read back (the group's latest announcement) before it is sent again.
 */
final class GroupSettingsWriter extends OutcomeWriter<GroupRow, GroupSettingChange, Settled, AppliedGroupWrites> {

    GroupSettingsWriter(StepRecords records, ConcurrentCalls calls, AppliedGroupWrites uses) {
        super(records, calls, uses);
    }

    @Override
    protected List<Decision<GroupSettingChange>> decide(List<? extends GroupRow> chunk) {
        Map<String, GroupMapping> groups = uses.groups().groupMap().find(chunk.stream().map(GroupRow::legacyGroupId).filter(Objects::nonNull)
                .distinct().toList());
        List<AppliedState.Key> keys = new ArrayList<>();
        chunk.forEach(row -> {
            row.settings().keySet().forEach(setting -> keys.add(GroupSettingChange.key(row.legacyGroupId(), setting)));
            keys.add(GroupSettingChange.key(row.legacyGroupId(), GroupRow.ANNOUNCEMENT));
        });
        Map<AppliedState.Key, AppliedState.State> applied = uses.applied().find(keys);
        return chunk.stream().map(row -> decide(row, groups.get(row.legacyGroupId()), applied)).toList();
    }

    static Decision<GroupSettingChange> decide(GroupRow row, GroupMapping group, Map<AppliedState.Key, AppliedState.State> applied) {
        if (row.settings().isEmpty() && row.announcement() == null) {
            return Decision.alreadyDone();
        }
        if (group == null || !group.exists()) {
            return Decision.rejected(UNKNOWN_GROUP.why(row.legacyGroupId()));
        }
        List<GroupSettingChange> changes = new ArrayList<>();
        row.settings().forEach((setting, text) -> {
            boolean on = GroupRow.flag(text).orElseThrow();
            change(row, group, setting, on, null, AppliedState.hash(String.valueOf(on)), applied).ifPresent(changes::add);
        });
        if (row.announcement() != null) {
            // Titled with the group's name as it was created (a later rename in the legacy data is not applied).
            Announcement announcement = new Announcement(group.name(), row.announcement());
            change(row, group, GroupRow.ANNOUNCEMENT, false, announcement,
                    AppliedState.hash(announcement.title() + "\n" + announcement.content()), applied).ifPresent(changes::add);
        }
        return changes.isEmpty() ? Decision.alreadyDone() : Decision.send(changes);
    }

    /** A change unless the ledger holds this value applied already. */
    private static Optional<GroupSettingChange> change(GroupRow row, GroupMapping group, String setting, boolean on,
                                                                Announcement announcement, String hash,
                                                                Map<AppliedState.Key, AppliedState.State> applied) {
        AppliedState.Key key = GroupSettingChange.key(row.legacyGroupId(), setting);
        AppliedState.State state = applied.get(key);
        if (state != null && hash.equals(state.applied())) {
            return Optional.empty();
        }
        return Optional.of(new GroupSettingChange(group.groupId(), group.ownerUserId(), setting, on, announcement, key, hash,
                state == null || state.applied() == null, state != null && hash.equals(state.pending())));
    }

    /** An announcement an interrupted run may have published is read back first; everything else is sent (PENDING). */
    @Override
    protected List<GroupSettingChange> beforeCalls(List<GroupSettingChange> changes, Map<GroupSettingChange, Settled> settled) {
        return AppliedChanges.beforeCalls(uses.applied(), changes, GroupSettingChange::change,
                change -> change.announcement() != null && change.retried() && GroupAnnouncements.isLatest(uses.groups().client(),
                        change.ownerId(), change.groupId(), change.announcement().title(), change.announcement().content()),
                change -> change.first() ? Outcome.WRITTEN : Outcome.UPDATED, settled);
    }

    @Override
    protected List<Callable<Map<GroupSettingChange, Settled>>> calls(List<GroupSettingChange> changes) {
        List<Callable<Map<GroupSettingChange, Settled>>> calls = new ArrayList<>();
        changes.forEach(change -> calls.add(() -> Map.of(change, Settled.change(ItemCalls.one(trace -> {
                    if (change.announcement() != null) {
                        GroupAnnouncements.edit(uses.groups().client(), change.ownerId(), change.groupId(), change.announcement().title(),
                                change.announcement().content(), trace);
                    } else {
                        uses.groups().client().setGroupSetting(change.ownerId(), change.groupId(), change.setting(), change.on(), trace);
                    }
                }),
                change.first() ? Outcome.WRITTEN : Outcome.UPDATED,
                (code, reason) -> SETTING_REFUSED.answered(code, change.setting() + ": " + reason)))));
        return calls;
    }

    @Override
    protected Map<GroupSettingChange, Settled> afterCalls(Map<GroupSettingChange, Settled> results) {
        return AppliedChanges.afterCalls(uses.applied(), results, GroupSettingChange::change);
    }
}
