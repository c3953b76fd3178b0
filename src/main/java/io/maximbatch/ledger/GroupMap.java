package io.maximbatch.ledger;

import io.maximbatch.ledger.GroupMapping.State;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * The legacy group id -> MaxIM group id map. Writes commit at once, apart from the chunk: a PENDING row with the
 * time its attempt began must be durable before the create call it guards.
 */
@Repository
public class GroupMap extends Ledger {

    GroupMap(LedgerTables tables) {
        super(tables);
    }

    /** The MaxIM ids of the legacy groups that exist ({@link GroupMapping#exists()}); others are absent. */
    public Map<String, Long> groupIds(Collection<String> legacyGroupIds) {
        Map<String, Long> ids = new HashMap<>();
        find(legacyGroupIds).forEach((legacyId, mapping) -> {
            if (mapping.exists()) {
                ids.put(legacyId, mapping.groupId());
            }
        });
        return ids;
    }

    public Map<String, GroupMapping> find(Collection<String> legacyGroupIds) {
        Map<String, GroupMapping> found = new HashMap<>();
        List<String> all = new ArrayList<>(legacyGroupIds);
        for (int i = 0; i < all.size(); i += LedgerTables.IN_LIST_SIZE) {
            tables.jdbc().query("SELECT * FROM group_map WHERE legacy_group_id IN (:ids)",
                    Map.of("ids", all.subList(i, Math.min(all.size(), i + LedgerTables.IN_LIST_SIZE))),
                    (ResultSet rs) -> {
                        GroupMapping mapping = map(rs);
                        found.put(mapping.legacyGroupId(), mapping);
                    });
        }
        return found;
    }

    /** Group ids mapped to any legacy group: a lost create is never resolved to a group that is already someone's. */
    public boolean isMapped(long groupId) {
        Long count = tables.jdbc().queryForObject("SELECT COUNT(*) FROM group_map WHERE group_id = :id", Map.of("id", groupId), Long.class);
        return count != null && count > 0;
    }

    /** Writes (or rewrites) the PENDING row of an attempt that is about to call /group/create, and commits. */
    public void savePending(GroupMapping pending) {
        MapSqlParameterSource parameters = parameters(pending);
        tables.ownTransaction().executeWithoutResult(status -> {
            int updated = tables.jdbc().update("UPDATE group_map SET group_id = NULL, owner_user_id = :owner, name = :name, state = 'PENDING',"
                    + " job_instance_id = :instance, job_execution_id = :execution, source_line = :line,"
                    + " attempt_started_at = :started, updated_at = :now WHERE legacy_group_id = :legacyId", parameters);
            if (updated == 0) {
                tables.jdbc().update("INSERT INTO group_map (legacy_group_id, group_id, owner_user_id, name, state, job_instance_id,"
                        + " job_execution_id, source_line, attempt_started_at, updated_at) VALUES (:legacyId, NULL, :owner, :name,"
                        + " 'PENDING', :instance, :execution, :line, :started, :now)", parameters);
            }
        });
    }

    /**
     * Records that this run covers the rows its input found done, where an earlier run made them DONE (this run's
     * instance and source position), so that the same legacy group twice in this run's input is caught; the creating
     * execution stays as it was. Commits.
     */
    public void claim(List<Claim> rows, long jobInstanceId) {
        if (rows.isEmpty()) {
            return;
        }
        tables.ownTransaction().executeWithoutResult(status -> tables.jdbc().batchUpdate(
                "UPDATE group_map SET job_instance_id = :instance, source_line = :line WHERE legacy_group_id = :legacyId"
                        + " AND state = 'DONE' AND job_instance_id <> :instance",
                rows.stream().map(r -> (SqlParameterSource) new MapSqlParameterSource().addValue("instance", jobInstanceId)
                        .addValue("line", r.sourceLine()).addValue("legacyId", r.legacyId())).toArray(SqlParameterSource[]::new)));
    }

    /** Marks the group created (by this execution) and commits. */
    public void markDone(String legacyGroupId, long groupId, long jobExecutionId) {
        tables.ownTransaction().executeWithoutResult(status -> tables.jdbc().update(
                "UPDATE group_map SET group_id = :groupId, state = 'DONE', job_execution_id = :execution, updated_at = :now"
                        + " WHERE legacy_group_id = :legacyId",
                new MapSqlParameterSource().addValue("groupId", groupId).addValue("execution", jobExecutionId)
                        .addValue("now", Timestamp.from(Instant.now())).addValue("legacyId", legacyGroupId)));
    }

    /** Removes a PENDING row whose create was refused, so that a corrected input can try again; commits. */
    public void deletePending(String legacyGroupId) {
        tables.ownTransaction().executeWithoutResult(status -> tables.jdbc().update(
                "DELETE FROM group_map WHERE legacy_group_id = :legacyId AND state = 'PENDING'", Map.of("legacyId", legacyGroupId)));
    }

    /** The groups an execution created and that are still there. */
    public List<GroupMapping> createdBy(Collection<Long> jobExecutionIds) {
        return tables.jdbc().query("SELECT * FROM group_map WHERE state = 'DONE' AND job_execution_id IN (:ids) ORDER BY legacy_group_id",
                Map.of("ids", jobExecutionIds), (rs, row) -> map(rs));
    }

    public void markRolledBack(String legacyGroupId) {
        tables.ownTransaction().executeWithoutResult(status -> tables.jdbc().update(
                "UPDATE group_map SET state = 'ROLLED_BACK', updated_at = :now WHERE legacy_group_id = :legacyId",
                new MapSqlParameterSource().addValue("now", Timestamp.from(Instant.now())).addValue("legacyId", legacyGroupId)));
    }

    private static MapSqlParameterSource parameters(GroupMapping m) {
        return new MapSqlParameterSource()
                .addValue("legacyId", m.legacyGroupId()).addValue("owner", m.ownerUserId()).addValue("name", m.name())
                .addValue("instance", m.jobInstanceId()).addValue("execution", m.jobExecutionId())
                .addValue("line", m.sourceLine()).addValue("started", m.attemptStartedAt().toEpochMilli())
                .addValue("now", Timestamp.from(Instant.now()));
    }

    private static GroupMapping map(ResultSet rs) throws SQLException {
        long groupId = rs.getLong("group_id");
        Long groupIdOrNull = rs.wasNull() ? null : groupId;
        return new GroupMapping(rs.getString("legacy_group_id"), groupIdOrNull, rs.getLong("owner_user_id"),
                rs.getString("name"), State.valueOf(rs.getString("state")), rs.getLong("job_instance_id"),
                rs.getLong("job_execution_id"), rs.getString("source_line"),
                Instant.ofEpochMilli(rs.getLong("attempt_started_at")));
    }
}
