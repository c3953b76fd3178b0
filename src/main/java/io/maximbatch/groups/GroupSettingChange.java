package io.maximbatch.groups;

import io.maximbatch.ledger.AppliedState;

/**
 * One setting of a created group to send as its owner, or (announcement not null) its announcement; first when none was
 * ever applied (then it counts written); retried when an earlier attempt at this same value may have been carried out.
 */
record GroupSettingChange(long groupId, long ownerId, String setting, boolean on, Announcement announcement, AppliedState.Key key,
                          String hash, boolean first, boolean retried) {

    /** What the owner announces: the title (the group's name) and the text. */
    record Announcement(String title, String content) {
    }

    static AppliedState.Key key(String legacyGroupId, String setting) {
        return new AppliedState.Key("group:" + legacyGroupId, setting);
    }

    AppliedState.Change change() {
        return new AppliedState.Change(key, hash);
    }
}
