package io.maximbatch.groups;

import io.maximbatch.ledger.AppliedState;

/**
 * A member to make an admin of its group, as the group's owner; key: its role in the applied-state ledger; resent: an
 * earlier run recorded it PENDING (its call may have been carried out).
 */
record AdminGrant(long groupId, long ownerId, long userId, AppliedState.Key key, boolean resent) {

    static final String ADMIN = AppliedState.hash("admin");

    static AppliedState.Key key(MembershipRow row) {
        return new AppliedState.Key("member:" + row.legacyGroupId() + "/" + row.memberLegacyId(), "role");
    }

    AppliedState.Change change() {
        return new AppliedState.Change(key, ADMIN);
    }
}
