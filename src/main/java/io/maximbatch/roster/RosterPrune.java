package io.maximbatch.roster;

import io.maximbatch.roster.ledger.RosterLedger;
import io.maximbatch.roster.ledger.RosterLedger.Edge;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.CallTrace;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.maxim.MaximException;
import io.maximbatch.step.Removals;
import io.maximbatch.source.Sources;
import io.maximbatch.step.Reads;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * `prune: true`: the friendships this job made itself (roster_edge.created) that its source no longer lists are
 * removed in MaxIM (/roster/delete as the user) and forgotten; friendships MaxIM had before, or another job made, stay.
 */
final class RosterPrune {

    private final RosterSettings settings;
    private final UserMap userMap;
    private final RosterLedger ledger;

    private final Map<String, Object> queryParameters;

    RosterPrune(RosterSettings settings, Map<String, Object> queryParameters, UserMap userMap, RosterLedger ledger) {
        this.settings = settings;
        this.queryParameters = queryParameters;
        this.userMap = userMap;
        this.ledger = ledger;
    }

    /** The edges to remove: made by this job, and in no valid row of the source (either way when mutual). */
    List<Edge> dropped(String jobName) {
        Set<Edge> listed = new HashSet<>();
        Reads.chunks(Sources.reader(settings.source().spec(), ImportRostersStep.COLUMNS, queryParameters), RosterRow::candidate, 1000, rows -> {
            List<RosterRow> valid = rows.stream().filter(row -> RosterDecision.broken(row).isEmpty()).toList();
            Map<String, Long> ids = userMap.userIds(valid.stream().flatMap(r -> Stream.of(r.userLegacyId(), r.friendLegacyId()))
                    .filter(Objects::nonNull).distinct().toList());
            valid.forEach(row -> {
                Long user = ids.get(row.userLegacyId());
                Long friend = ids.get(row.friendLegacyId());
                if (user != null && friend != null) {
                    listed.addAll(RosterDecision.edges(user, friend, settings.mutual()));
                }
            });
        });
        List<Edge> dropped = new ArrayList<>(ledger.createdBy(jobName));
        dropped.removeAll(listed);
        return dropped;
    }

    /** Removes each edge in MaxIM and forgets it: removed, or already gone; one that kept failing stays for the next run. */
    Removals remove(List<Edge> edges, MaximClient client) {
        Removals removals = new Removals();
        for (Edge edge : edges) {
            try {
                if (client.removeFriend(edge.userId(), edge.friendId(), new CallTrace())) {
                    removals.removed();
                } else {
                    removals.gone();
                }
            } catch (MaximException e) {
                removals.failed("friendship " + edge.userId() + " -> " + edge.friendId(), e);
                continue;
            }
            ledger.forget(edge);
        }
        return removals;
    }
}
