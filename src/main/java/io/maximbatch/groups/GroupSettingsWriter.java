package io.maximbatch.groups;

import static io.maximbatch.groups.GroupReject.SETTING_REFUSED;
import static io.maximbatch.groups.GroupReject.UNKNOWN_GROUP;

import io.maximbatch.ledger.AppliedState;
import io.maximbatch.ledger.GroupMapping;
import io.maximbatch.maxim.ConcurrentCalls;
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
import java.util.concurrent.Callable;

/**
 * Applies the settings a groups source gives (history visible to new members, members may invite, admins approve
 * requests) to the groups the groups step created, as each group's owner; each once per change (applied-state ledger).
 * MaxIM offers no read of them: a lost answer is asked again (the same value again changes nothing).
 */
final class GroupSettingsWriter extends OutcomeWriter<GroupRow, GroupSettingChange, Settled, GroupSettingsWriter.Uses> {

    record Uses(GroupWriters groups, AppliedState applied) {
    }

    GroupSettingsWriter(StepRecords records, ConcurrentCalls calls, Uses uses) {
        super(records, calls, uses);
    }

    @Override
    protected List<Decision<GroupSettingChange>> decide(List<? extends GroupRow> chunk) {
        Map<String, GroupMapping> groups = uses.groups().groupMap().find(chunk.stream().map(GroupRow::legacyGroupId).filter(Objects::nonNull)
                .distinct().toList());
        List<AppliedState.Key> keys = new ArrayList<>();
        chunk.forEach(row -> row.settings().keySet().forEach(setting -> keys.add(GroupSettingChange.key(row.legacyGroupId(), setting))));
        Map<AppliedState.Key, AppliedState.State> applied = uses.applied().find(keys);
        return chunk.stream().map(row -> decide(row, groups.get(row.legacyGroupId()), applied)).toList();
    }

    static Decision<GroupSettingChange> decide(GroupRow row, GroupMapping group, Map<AppliedState.Key, AppliedState.State> applied) {
        if (row.settings().isEmpty()) {
            return Decision.alreadyDone();
        }
        if (group == null || !group.exists()) {
            return Decision.rejected(UNKNOWN_GROUP.why(row.legacyGroupId()));
        }
        List<GroupSettingChange> changes = new ArrayList<>();
        row.settings().forEach((setting, text) -> {
            boolean on = GroupRow.flag(text).orElseThrow();
            String hash = AppliedState.hash(String.valueOf(on));
            AppliedState.Key key = GroupSettingChange.key(row.legacyGroupId(), setting);
            AppliedState.State state = applied.get(key);
            if (state == null || !hash.equals(state.applied())) {
                changes.add(new GroupSettingChange(group.groupId(), group.ownerUserId(), setting, on, key, hash, state == null || state.applied() == null));
            }
        });
        return changes.isEmpty() ? Decision.alreadyDone() : Decision.send(changes);
    }

    @Override
    protected List<GroupSettingChange> beforeCalls(List<GroupSettingChange> changes, Map<GroupSettingChange, Settled> settled) {
        return AppliedChanges.beforeCalls(uses.applied(), changes, GroupSettingChange::change);
    }

    @Override
    protected List<Callable<Map<GroupSettingChange, Settled>>> calls(List<GroupSettingChange> changes) {
        List<Callable<Map<GroupSettingChange, Settled>>> calls = new ArrayList<>();
        changes.forEach(change -> calls.add(() -> Map.of(change, Settled.change(ItemCalls.one(trace -> uses.groups().client()
                        .setGroupSetting(change.ownerId(), change.groupId(), change.setting(), change.on(), trace)),
                change.first() ? Outcome.WRITTEN : Outcome.UPDATED,
                (code, reason) -> SETTING_REFUSED.answered(code, change.setting() + ": " + reason)))));
        return calls;
    }

    @Override
    protected Map<GroupSettingChange, Settled> afterCalls(Map<GroupSettingChange, Settled> results) {
        return AppliedChanges.afterCalls(uses.applied(), results, GroupSettingChange::change);
    }
}
