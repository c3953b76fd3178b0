package io.maximbatch.groups;

import io.maximbatch.groups.ledger.MemberLedger;
import io.maximbatch.ledger.GroupMapping.State;
import io.maximbatch.ledger.GroupMapping;
import io.maximbatch.step.LedgerView;
import io.maximbatch.step.UserIds;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the groups decisions look up: the MaxIM user of a legacy id (the ID map's, or a stand-in for one an earlier
 * step of a dry run or validate would register), the group map's rows over the groups this run has decided itself,
 * and, for a dry run, the memberships it has counted already.
 */
record GroupLookups(long instance, boolean remembersRun, UserIds users, LedgerView<String, GroupMapping> groups, Set<Invite> invited,
                    Set<String> made) {

    private static final long NO_INSTANCE = Long.MIN_VALUE;

    private GroupLookups(long instance, boolean remembersRun, Optional<Set<String>> foreseenUsers) {
        this(instance, remembersRun, UserIds.foreseen(foreseenUsers), new LedgerView<>(remembersRun), new HashSet<>(), new HashSet<>());
    }

    /** A run's lookups for one chunk, from the ID map and the group map. */
    static GroupLookups forChunk(long instance, Map<String, Long> userIds, Map<String, GroupMapping> groups) {
        GroupLookups lookups = new GroupLookups(instance, false, Optional.of(Set.of()));
        lookups.load(userIds, groups);
        return lookups;
    }

    /** A dry run's or validate's, kept for the whole step; foreseenUsers empty: any legacy id resolves (validate without users step). */
    static GroupLookups forRehearsal(Optional<Set<String>> foreseenUsers) {
        return new GroupLookups(NO_INSTANCE, true, foreseenUsers);
    }

    void load(Map<String, Long> ids, Map<String, GroupMapping> mapped) {
        users.load(ids);
        groups.load(mapped);
    }

    /** Loads the users and groups of membership rows, and which of their memberships a job made already (member ledger). */
    void loadMembers(Map<String, Long> ids, Map<String, GroupMapping> mapped, MemberLedger ledger) {
        load(ids, mapped);
        made.addAll(ledger.recorded(mapped.values().stream().map(GroupMapping::groupId).filter(Objects::nonNull).distinct().toList(),
                ids.values().stream().distinct().toList()));
    }

    /** MaxIM carried out this invitation for a job before (it stays until prune or rollback-groups removes it). */
    boolean made(Invite invite) {
        return made.contains(invite.groupId() + "/" + invite.userId());
    }

    boolean thisRun(GroupMapping mapping) {
        return mapping.jobInstanceId() == instance;
    }

    /** Remembers a group this run creates or finds done: later rows of it are duplicates, and its members find it. */
    void noteGroup(GroupRow row, long ownerId) {
        GroupMapping earlier = groups.stored(row.legacyGroupId());
        long groupId = earlier != null && earlier.groupId() != null ? earlier.groupId() : -1L - groups.decidedCount();
        groups.decide(row.legacyGroupId(), new GroupMapping(row.legacyGroupId(), groupId, ownerId, row.name(), State.DONE, instance, 0,
                row.line(), Instant.EPOCH));
    }

    /** A dry run counts an invite once: a later row of the same membership is already done, as the run finds it (20017). */
    boolean invitedBefore(Invite invite) {
        return remembersRun && !invited.add(invite);
    }
}
