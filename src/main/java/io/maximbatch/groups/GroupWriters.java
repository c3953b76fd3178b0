package io.maximbatch.groups;

import io.maximbatch.groups.ledger.MemberLedger;
import io.maximbatch.ledger.GroupMap;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.ItemCalls;
import io.maximbatch.maxim.MaximClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** What the groups and members writers work with: MaxIM's calls, the ID maps and the step's settings. */
record GroupWriters(MaximClient client, ItemCalls items, UserMap userMap, GroupMap groupMap, MemberLedger members, CreateGroupsSettings settings) {

    /** A run's lookups for a chunk: the users and the groups its rows name, from the ID map and the group map. */
    /** A run's lookups for a chunk of membership rows: also the memberships a job made already. */
    GroupLookups memberLookups(long instance, List<MembershipRow> rows) {
        GroupLookups lookups = GroupLookups.forChunk(instance, Map.of(), Map.of());
        lookups.loadMembers(userMap.userIds(rows.stream().map(MembershipRow::memberLegacyId).filter(Objects::nonNull).toList()),
                groupMap.find(rows.stream().map(MembershipRow::legacyGroupId).filter(Objects::nonNull).distinct().toList()), members);
        return lookups;
    }

    GroupLookups lookups(long instance, Stream<String> users, Stream<String> groups) {
        return GroupLookups.forChunk(instance, userMap.userIds(users.filter(Objects::nonNull).toList()),
                groupMap.find(groups.filter(Objects::nonNull).distinct().toList()));
    }
}
