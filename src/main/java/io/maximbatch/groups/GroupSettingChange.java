package io.maximbatch.groups;

import io.maximbatch.ledger.AppliedState;

/** One setting of a created group to send as its owner; first when none was ever applied (then it counts written). */
record GroupSettingChange(long groupId, long ownerId, String setting, boolean on, AppliedState.Key key, String hash, boolean first) {

    static AppliedState.Key key(String legacyGroupId, String setting) {
        return new AppliedState.Key("group:" + legacyGroupId, setting);
    }

    AppliedState.Change change() {
        return new AppliedState.Change(key, hash);
    }
}
