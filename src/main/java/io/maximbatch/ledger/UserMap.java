package io.maximbatch.ledger;

import io.maximbatch.ledger.UserMapping.Origin;
import io.maximbatch.ledger.UserMapping.State;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * The legacy id -> MaxIM user id map. Writes run in their own committed transactions, apart from the chunk's:
 * a PENDING row must be durable before the registration call it guards.
 */
@Repository
public class UserMap extends Ledger {

    UserMap(LedgerTables tables) {
        super(tables);
    }

    /** A DONE user as export-map lists it: legacyUsername is the legacy system's name (the same unless rewritten). */
    public record Exported(String legacyId, String legacyUsername, String username, long userId) {
    }

    /**
     * Every DONE user that the runs of a job registered or found done, in legacy id order, streamed: rows are fetched
     * 1000 at a time (a cursor on PostgreSQL), so memory stays flat for millions.
     */
    public void eachDone(String jobName, Consumer<Exported> each) {
        tables.readOnly().executeWithoutResult(status -> tables.jdbc().getJdbcTemplate().query(connection -> {
            PreparedStatement statement = connection.prepareStatement("SELECT m.legacy_id, COALESCE(m.legacy_username, m.username),"
                    + " m.username, m.user_id FROM user_map m JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = m.job_instance_id"
                    + " WHERE i.JOB_NAME = ? AND m.state = 'DONE' AND m.user_id IS NOT NULL ORDER BY m.legacy_id");
            statement.setString(1, jobName);
            statement.setFetchSize(1000);
            return statement;
        }, (RowCallbackHandler) rs -> each.accept(new Exported(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))));
    }

    public Map<String, UserMapping> findByLegacyIds(Collection<String> legacyIds) {
        return findBy("legacy_id", legacyIds, UserMapping::legacyId);
    }

    public Map<String, UserMapping> findByUsernames(Collection<String> usernames) {
        return findBy("username", usernames, UserMapping::username);
    }

    /** The MaxIM user ids of the legacy ids that are registered (DONE); PENDING and unknown ids are absent. */
    public Map<String, Long> userIds(Collection<String> legacyIds) {
        Map<String, Long> ids = new HashMap<>();
        findByLegacyIds(legacyIds).forEach((legacyId, mapping) -> {
            if (mapping.state() == State.DONE) {
                ids.put(legacyId, mapping.userId());
            }
        });
        return ids;
    }

    /** The legacy ids of MaxIM user ids that are in the map (for reports on what MaxIM holds). */
    public Map<Long, String> legacyIds(Collection<Long> userIds) {
        Map<Long, String> found = new HashMap<>();
        List<Long> all = new ArrayList<>(userIds);
        for (int i = 0; i < all.size(); i += LedgerTables.IN_LIST_SIZE) {
            tables.jdbc().query("SELECT user_id, legacy_id FROM user_map WHERE user_id IN (:ids)",
                    Map.of("ids", all.subList(i, Math.min(all.size(), i + LedgerTables.IN_LIST_SIZE))),
                    (ResultSet rs) -> {
                        found.put(rs.getLong(1), rs.getString(2));
                    });
        }
        return found;
    }

    /**
     * Writes PENDING rows, or claims existing PENDING rows for this run and source position, and commits before
     * returning. Returns the fresh rows not written because their legacy id or username entered the map meanwhile
     * (another partition of the run, or another job, wrote it since the caller looked): the caller must not send them.
     */
    public Set<String> savePending(List<UserMapping> fresh, List<UserMapping> claimed) {
        Timestamp now = Timestamp.from(Instant.now());
        Set<String> taken = OneByOne.refused(fresh, Comparator.comparing(UserMapping::legacyId), rows -> insertPending(rows, now))
                .stream().map(UserMapping::legacyId).collect(Collectors.toSet());
        if (!claimed.isEmpty()) {
            tables.ownTransaction().executeWithoutResult(status -> tables.jdbc().batchUpdate("UPDATE user_map SET job_instance_id = :instance,"
                            + " job_execution_id = :execution, source_line = :line, updated_at = :now WHERE legacy_id = :legacyId"
                            + " AND state = 'PENDING'", parameters(claimed, now)));
        }
        return taken;
    }

    private void insertPending(List<UserMapping> rows, Timestamp now) {
        if (rows.isEmpty()) {
            return;
        }
        tables.ownTransaction().executeWithoutResult(status -> tables.jdbc().batchUpdate("INSERT INTO user_map (legacy_id, username, user_id, state,"
                        + " origin, job_instance_id, job_execution_id, source_line, updated_at, legacy_username)"
                        + " VALUES (:legacyId, :username, NULL, 'PENDING', 'CREATED', :instance, :execution, :line, :now, :legacyUsername)",
                parameters(rows, now)));
        tables.growth().grew("user_map", rows.size());
    }

    private static SqlParameterSource[] parameters(List<UserMapping> rows, Timestamp now) {
        return rows.stream().map(m -> (SqlParameterSource) new MapSqlParameterSource()
                .addValue("legacyId", m.legacyId()).addValue("username", m.username())
                .addValue("instance", m.jobInstanceId()).addValue("execution", m.jobExecutionId())
                .addValue("line", m.sourceLine()).addValue("now", now).addValue("legacyUsername", m.legacyUsername()))
                .toArray(SqlParameterSource[]::new);
    }

    /**
     * Records that this run covers the rows its input found done, where an earlier run made them DONE (this run's
     * instance and source position), so that the same legacy id twice in this run's input is caught; commits.
     */
    public void claim(List<Claim> rows, long jobInstanceId) {
        if (rows.isEmpty()) {
            return;
        }
        // Plain JDBC parameters: a delta run claims every row of its input, and named ones cost as much as the update.
        tables.ownTransaction().executeWithoutResult(status -> tables.jdbc().getJdbcTemplate().batchUpdate(
                "UPDATE user_map SET job_instance_id = ?, source_line = ? WHERE legacy_id = ? AND state = 'DONE' AND job_instance_id <> ?",
                rows, rows.size(), (statement, row) -> {
                    statement.setLong(1, jobInstanceId);
                    statement.setString(2, row.sourceLine());
                    statement.setString(3, row.legacyId());
                    statement.setLong(4, jobInstanceId);
                }));
    }

    /**
     * Marks rows DONE with their MaxIM user id and commits. A user id already mapped to another legacy id is not
     * written (two legacy users must never share one MaxIM user); those legacy ids are returned.
     */
    public List<String> markDone(List<Done> done) {
        if (done.isEmpty()) {
            return List.of();
        }
        return OneByOne.refused(done, Comparator.comparing(Done::legacyId), rows -> tables.ownTransaction().executeWithoutResult(status ->
                tables.jdbc().batchUpdate(MARK_DONE, rows.stream().map(UserMap::doneParameters).toArray(SqlParameterSource[]::new))))
                .stream().map(Done::legacyId).toList();
    }

    /** Removes PENDING rows whose registration was refused, so that a corrected input can try again; commits. */
    public void deletePending(Collection<String> legacyIds) {
        if (legacyIds.isEmpty()) {
            return;
        }
        tables.ownTransaction().executeWithoutResult(status -> {
            for (List<String> slice : slices(legacyIds)) {
                tables.jdbc().update("DELETE FROM user_map WHERE state = 'PENDING' AND legacy_id IN (:ids)", Map.of("ids", slice));
            }
        });
    }

    public record Done(String legacyId, long userId, Origin origin) {
    }

    private static final String MARK_DONE = "UPDATE user_map SET user_id = :userId, state = 'DONE', origin = :origin, updated_at = :now"
            + " WHERE legacy_id = :legacyId";

    private static SqlParameterSource doneParameters(Done one) {
        return new MapSqlParameterSource()
                .addValue("legacyId", one.legacyId()).addValue("userId", one.userId())
                .addValue("origin", one.origin().name()).addValue("now", Timestamp.from(Instant.now()));
    }

    /** The ID map's look-up of a list of keys (`:keys`) in a column. */
    static String lookup(String column) {
        return "SELECT * FROM user_map WHERE " + column + " IN (:keys)";
    }

    private Map<String, UserMapping> findBy(String column, Collection<String> keys, Function<UserMapping, String> key) {
        Map<String, UserMapping> found = new HashMap<>();
        for (List<String> slice : slices(keys)) {
            tables.jdbc().query(lookup(column), Map.of("keys", slice),
                    (ResultSet rs) -> {
                        UserMapping mapping = map(rs);
                        found.put(key.apply(mapping), mapping);
                    });
        }
        return found;
    }

    private static List<List<String>> slices(Collection<String> keys) {
        List<String> all = new ArrayList<>(keys);
        List<List<String>> slices = new ArrayList<>();
        for (int i = 0; i < all.size(); i += LedgerTables.IN_LIST_SIZE) {
            slices.add(all.subList(i, Math.min(all.size(), i + LedgerTables.IN_LIST_SIZE)));
        }
        return slices;
    }

    private static UserMapping map(ResultSet rs) throws SQLException {
        long userId = rs.getLong("user_id");
        Long userIdOrNull = rs.wasNull() ? null : userId;
        return new UserMapping(rs.getString("legacy_id"), rs.getString("username"), userIdOrNull,
                State.valueOf(rs.getString("state")), Origin.valueOf(rs.getString("origin")),
                rs.getLong("job_instance_id"), rs.getLong("job_execution_id"), rs.getString("source_line"), rs.getString("legacy_username"));
    }
}
