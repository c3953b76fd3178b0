package io.maximbatch.groups;

import io.maximbatch.ledger.AppliedState;

/**
 * What the member-settings step applies to one person of a group: its display name there (displayName not null, set
 * as the member) or its block (displayName null, as the owner); first when none was ever applied (then it counts
 * written); retried when an earlier attempt at this same value may have been carried out (read back first).
 */
record MemberSetting(long groupId, long ownerId, long userId, String displayName, AppliedState.Key key, String hash, boolean first,
                     boolean retried) {

    static final String BLOCKED = AppliedState.hash("blocked");

    static AppliedState.Key displayNameKey(MembershipRow row) {
        return new AppliedState.Key(entity(row), MembershipRow.DISPLAY_NAME);
    }

    static AppliedState.Key blockKey(MembershipRow row) {
        return new AppliedState.Key(entity(row), "blocked");
    }

    /** The same entity as the member's role (AdminGrant). */
    private static String entity(MembershipRow row) {
        return "member:" + row.legacyGroupId() + "/" + row.memberLegacyId();
    }

    boolean block() {
        return displayName == null;
    }

    AppliedState.Change change() {
        return new AppliedState.Change(key, hash);
    }
}
