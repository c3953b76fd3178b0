package io.maximbatch.groups;

import io.maximbatch.ledger.GroupMap;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.ItemCalls;
import io.maximbatch.maxim.MaximClient;

/** What the groups and members writers work with: MaxIM's calls, the ID maps and the step's settings. */
record GroupWriters(MaximClient client, ItemCalls items, UserMap userMap, GroupMap groupMap, CreateGroupsSettings settings) {
}
