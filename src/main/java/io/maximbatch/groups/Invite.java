package io.maximbatch.groups;

/** A member to invite into a group as its owner; a membership listed twice is the same invite. */
record Invite(long groupId, long ownerId, long userId) {
}
