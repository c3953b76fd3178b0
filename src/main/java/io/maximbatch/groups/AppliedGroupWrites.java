package io.maximbatch.groups;

import io.maximbatch.ledger.AppliedState;

/** What the writers of a group's applied attributes (settings, announcement, admin roles) work with: the group writes and their ledger. */
record AppliedGroupWrites(GroupWriters groups, AppliedState applied) {

    /** The groups and members a chunk of member rows names, looked up at once. */
    GroupLookups lookups(long instanceId, java.util.List<? extends MembershipRow> chunk) {
        return groups.lookups(instanceId, chunk.stream().map(MembershipRow::memberLegacyId), chunk.stream().map(MembershipRow::legacyGroupId));
    }
}
