package io.maximbatch.roster;

import io.maximbatch.ledger.UserMap;
import io.maximbatch.roster.ledger.RosterLedger;
import io.maximbatch.roster.ledger.RosterLedger.Edge;
import io.maximbatch.step.UserIds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the friendship decision looks up: the MaxIM user of a legacy id (the ID map's, or one an earlier step of a
 * dry run or validate would register, which has no id yet), and whether an edge is confirmed already (the roster
 * ledger's, or one a dry run has counted earlier).
 */
final class RosterLookups {

    private final UserIds users;
    private final Set<Edge> confirmed = new HashSet<>();
    private final boolean remembersRun;

    private RosterLookups(UserIds users, boolean remembersRun) {
        this.users = users;
        this.remembersRun = remembersRun;
    }

    /**
     * A run's lookups for one chunk, each at once: both ends' user ids from the ID map, and which of the rows' edges
     * (both directions when mutual) the ledger holds confirmed.
     */
    static RosterLookups forChunk(List<? extends RosterRow> chunk, UserMap userMap, RosterLedger ledger, boolean mutual) {
        Map<String, Long> userIds = userMap.userIds(chunk.stream().flatMap(row -> Stream.of(row.userLegacyId(), row.friendLegacyId()))
                .filter(Objects::nonNull).distinct().toList());
        List<Edge> edges = new ArrayList<>();
        for (RosterRow row : chunk) {
            Long user = userIds.get(row.userLegacyId());
            Long friend = userIds.get(row.friendLegacyId());
            if (user != null && friend != null) {
                edges.addAll(RosterDecision.edges(user, friend, mutual));
            }
        }
        return forChunk(userIds, ledger.confirmed(edges));
    }

    /** A run's lookups for one chunk from user ids and confirmed edges already loaded. */
    static RosterLookups forChunk(Map<String, Long> userIds, Set<Edge> confirmed) {
        RosterLookups lookups = new RosterLookups(UserIds.registered(), false);
        lookups.load(userIds, confirmed);
        return lookups;
    }

    /** A dry run's (foreseen: the users the plan's users step registers) or validate's (no ID map) lookups. */
    static RosterLookups forRehearsal(Optional<Set<String>> foreseen) {
        return new RosterLookups(UserIds.foreseen(foreseen), true);
    }

    void load(Map<String, Long> ids, Set<Edge> edges) {
        users.load(ids);
        if (!remembersRun) {
            confirmed.clear();
        }
        confirmed.addAll(edges);
    }

    /** The user of a legacy id, or null when it is not registered (and no earlier step of the job registers it). */
    Long user(String legacyId) {
        return users.of(legacyId);
    }

    boolean confirmed(Edge edge) {
        return confirmed.contains(edge);
    }

    /** A dry run counts the edges it would send as confirmed for the rows after them, as the run's ledger would. */
    void noteSent(Iterable<Edge> edges) {
        edges.forEach(confirmed::add);
    }
}
