package io.maximbatch.roster;

import io.maximbatch.ledger.AppliedState;

/** The remark a user gives a friend, to send; first when none was ever applied, maybeApplied when an earlier call never heard. */
record RemarkChange(long userId, long friendId, String remark, AppliedState.Key key, String hash, boolean first, boolean maybeApplied) {

    static AppliedState.Key key(RosterRow row) {
        return new AppliedState.Key("roster:" + row.userLegacyId() + ">" + row.friendLegacyId(), "remark");
    }

    AppliedState.Change change() {
        return new AppliedState.Change(key, hash);
    }
}
