package io.maximbatch.roster.ledger;

import io.maximbatch.ledger.Ledger;
import io.maximbatch.ledger.LedgerTables;
import io.maximbatch.ledger.OneByOne;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/** Friendships MaxIM has confirmed. Confirmations commit at once, apart from the chunk, so a replay never resends them. */
@Repository
public class RosterLedger extends Ledger {

    RosterLedger(LedgerTables tables) {
        super(tables);
    }

    /** A directed friendship: user added friend. */
    public record Edge(long userId, long friendId) {
    }

    /** Those of the edges that are confirmed. */
    public Set<Edge> confirmed(Collection<Edge> edges) {
        Set<Long> users = new HashSet<>();
        edges.forEach(e -> users.add(e.userId()));
        Set<Edge> wanted = new HashSet<>(edges);
        Set<Edge> found = new HashSet<>();
        List<Long> all = new ArrayList<>(users);
        for (int i = 0; i < all.size(); i += LedgerTables.IN_LIST_SIZE) {
            tables.jdbc().query("SELECT user_id, friend_id FROM roster_edge WHERE user_id IN (:users)",
                    Map.of("users", all.subList(i, Math.min(all.size(), i + LedgerTables.IN_LIST_SIZE))), rs -> {
                        Edge edge = new Edge(rs.getLong(1), rs.getLong(2));
                        if (wanted.contains(edge)) {
                            found.add(edge);
                        }
                    });
        }
        return found;
    }

    /**
     * Records edges MaxIM confirmed (added, or already friends) and commits; edges already recorded are skipped. created:
     * those of them this job made itself (not already friends), which `prune` may remove later.
     */
    public void confirm(Collection<Edge> edges, Set<Edge> created, long jobInstanceId, String jobName) {
        if (edges.isEmpty()) {
            return;
        }
        Set<Edge> fresh = new HashSet<>(edges);
        fresh.removeAll(confirmed(edges));
        if (fresh.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        // Refused: another partition of the run confirmed them meanwhile; they are recorded already.
        OneByOne.refused(fresh, Comparator.comparingLong(Edge::userId).thenComparingLong(Edge::friendId),
                rows -> insert(rows, created, jobInstanceId, jobName, now));
    }

    /** The edges this job made itself, as recorded. */
    public List<Edge> createdBy(String jobName) {
        return tables.jdbc().query("SELECT user_id, friend_id FROM roster_edge WHERE created AND job_name = :job ORDER BY user_id, friend_id",
                Map.of("job", jobName), (rs, row) -> new Edge(rs.getLong(1), rs.getLong(2)));
    }

    /** Forgets an edge MaxIM no longer has (pruned), and commits. */
    public void forget(Edge edge) {
        tables.ownTransaction().executeWithoutResult(status -> tables.jdbc().update("DELETE FROM roster_edge WHERE user_id = :user AND friend_id = :friend",
                Map.of("user", edge.userId(), "friend", edge.friendId())));
    }

    private void insert(List<Edge> edges, Set<Edge> created, long jobInstanceId, String jobName, Timestamp now) {
        tables.ownTransaction().executeWithoutResult(status -> tables.jdbc().batchUpdate(
                "INSERT INTO roster_edge (user_id, friend_id, job_instance_id, confirmed_at, created, job_name)"
                        + " VALUES (:user, :friend, :instance, :now, :created, :job)",
                edges.stream().map(e -> (SqlParameterSource) new MapSqlParameterSource()
                        .addValue("user", e.userId()).addValue("friend", e.friendId()).addValue("instance", jobInstanceId)
                        .addValue("now", now).addValue("created", created.contains(e)).addValue("job", jobName))
                        .toArray(SqlParameterSource[]::new)));
        tables.growth().grew("roster_edge", edges.size());
    }
}
