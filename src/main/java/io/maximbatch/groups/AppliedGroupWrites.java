package io.maximbatch.groups;

import io.maximbatch.ledger.AppliedState;

/** What the writers of a group's applied attributes (settings, announcement, admin roles) work with: the group writes and their ledger. */
record AppliedGroupWrites(GroupWriters groups, AppliedState applied) {
}
