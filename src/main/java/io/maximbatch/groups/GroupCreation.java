package io.maximbatch.groups;

import io.maximbatch.ledger.GroupMapping;

/** A group to create as its owner; pending is the PENDING row an earlier attempt left (to resolve first), or null. */
record GroupCreation(GroupRow row, long ownerId, GroupMapping pending) {
}
