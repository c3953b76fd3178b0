package io.maximbatch.roster;

import io.maximbatch.roster.ledger.RosterLedger.Edge;
import io.maximbatch.step.UserIds;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /** A run's lookups for one chunk: user ids and confirmed edges from the ID map and the ledger. */
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
