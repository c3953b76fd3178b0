package io.maximbatch.roster;

import io.maximbatch.jobfile.StepFactory.Plan;
import io.maximbatch.ledger.RosterLedger;
import io.maximbatch.ledger.RosterLedger.Edge;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.report.Reject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A dry run of import-rosters: what RosterImportWriter would decide for each row, chunk by chunk, with both ends
 * resolved through the ID map or the users an earlier step would register, and confirmed edges read from the ledger.
 * Friendships that MaxIM holds but our ledger does not are counted to add; the run finds them already done (10005).
 */
final class RosterPlan {

    private final RosterSettings settings;
    private final UserMap userMap;
    private final RosterLedger ledger;
    private final Set<String> registeredByEarlierStep;
    private final Set<String> seen = new HashSet<>();
    private final List<Reject> rejects = new ArrayList<>();
    private long read;
    private long toAdd;
    private long alreadyDone;
    private long calls;

    RosterPlan(RosterSettings settings, UserMap userMap, RosterLedger ledger, Set<String> registeredByEarlierStep) {
        this.settings = settings;
        this.userMap = userMap;
        this.ledger = ledger;
        this.registeredByEarlierStep = registeredByEarlierStep;
    }

    void chunk(List<RosterRow> rows) {
        read += rows.size();
        Set<String> legacyIds = new HashSet<>();
        rows.stream().filter(RosterRow::isValid).forEach(r -> {
            legacyIds.add(r.userLegacyId());
            legacyIds.add(r.friendLegacyId());
        });
        Map<String, Long> ids = userMap.userIds(legacyIds);
        Set<Edge> known = new HashSet<>();
        for (RosterRow row : rows) {
            if (row.isValid() && ids.containsKey(row.userLegacyId()) && ids.containsKey(row.friendLegacyId())) {
                known.addAll(edges(ids.get(row.userLegacyId()), ids.get(row.friendLegacyId())));
            }
        }
        Set<Edge> confirmed = ledger.confirmed(known);
        Map<String, Integer> friendsByAdder = new HashMap<>();
        for (RosterRow row : rows) {
            if (!row.isValid()) {
                reject(row, row.rejectCode(), row.rejectReason());
            } else if (!resolvable(row.userLegacyId(), ids)) {
                reject(row, "UNKNOWN_USER", "user " + row.userLegacyId() + " is not a registered MaxIM user");
            } else if (!resolvable(row.friendLegacyId(), ids)) {
                reject(row, "UNKNOWN_FRIEND", "friend " + row.friendLegacyId() + " is not a registered MaxIM user");
            } else {
                boolean added = false;
                for (String[] edge : legacyEdges(row)) {
                    boolean inLedger = ids.containsKey(edge[0]) && ids.containsKey(edge[1])
                            && confirmed.contains(new Edge(ids.get(edge[0]), ids.get(edge[1])));
                    if (!inLedger && seen.add(edge[0] + ">" + edge[1])) {
                        added = true;
                        friendsByAdder.merge(edge[0], 1, Integer::sum);
                    }
                }
                if (added) {
                    toAdd++;
                } else {
                    alreadyDone++;
                }
            }
        }
        for (int friends : friendsByAdder.values()) {
            calls += (friends + settings.batchSize() - 1) / settings.batchSize();
        }
    }

    private boolean resolvable(String legacyId, Map<String, Long> ids) {
        return ids.containsKey(legacyId) || registeredByEarlierStep.contains(legacyId);
    }

    private List<Edge> edges(long user, long friend) {
        return settings.mutual() ? List.of(new Edge(user, friend), new Edge(friend, user)) : List.of(new Edge(user, friend));
    }

    private List<String[]> legacyEdges(RosterRow row) {
        String[] forward = {row.userLegacyId(), row.friendLegacyId()};
        return settings.mutual() ? List.of(forward, new String[] {row.friendLegacyId(), row.userLegacyId()}) : List.<String[]>of(forward);
    }

    private void reject(RosterRow row, String code, String reason) {
        rejects.add(new Reject(row.line(), code, reason, row.asRead()));
    }

    List<Reject> rejects() {
        return rejects;
    }

    Plan result(Path report) {
        List<String> lines = List.of(
                read + " rows read: " + toAdd + " friendships to add, " + alreadyDone + " already done, " + rejects.size() + " rejected"
                        + (report == null ? "" : "; would-be rejects in " + report),
                calls + " add_roster calls of up to " + settings.batchSize() + " friends (friendships MaxIM has outside our ledger"
                        + " count as to add here and as already done in the run)");
        return new Plan(lines, calls, Map.of("read", read, "written", toAdd, "alreadyDone", alreadyDone, "rejected", (long) rejects.size()));
    }
}
