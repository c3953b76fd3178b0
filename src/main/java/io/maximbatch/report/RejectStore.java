package io.maximbatch.report;

import io.maximbatch.outcome.Reject;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rejected records, kept in the job database and written in the chunk's transaction so a replayed chunk adds none twice;
 * beside them, marked capped, the campaign targets the frequency cap skipped (a report of their own, never rejects).
 */
@Repository
public class RejectStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Rejects read per query when a report is written or downloaded. */
    static final int PAGE = 1000;

    private final NamedParameterJdbcTemplate jdbc;

    RejectStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void add(long jobInstanceId, long jobExecutionId, String stepName, List<Reject> rejects) {
        add(jobInstanceId, jobExecutionId, stepName, rejects, false);
    }

    /** Records the campaign targets the frequency cap skipped, in the chunk's transaction as rejects are. */
    public void addCapped(long jobInstanceId, long jobExecutionId, String stepName, List<Reject> capped) {
        add(jobInstanceId, jobExecutionId, stepName, capped, true);
    }

    private void add(long jobInstanceId, long jobExecutionId, String stepName, List<Reject> rejects, boolean capped) {
        if (rejects.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.batchUpdate("INSERT INTO reject_record (job_instance_id, job_execution_id, step_name, source_line, reason_code, reason, fields,"
                        + " created_at, line_order, capped) VALUES (:instance, :execution, :step, :line, :code, :reason, :fields, :now, :order,"
                        + " :capped)",
                rejects.stream().map(r -> (SqlParameterSource) new MapSqlParameterSource().addValue("capped", capped)
                        .addValue("instance", jobInstanceId).addValue("execution", jobExecutionId)
                        .addValue("step", stepName).addValue("line", r.line()).addValue("code", r.reasonCode())
                        .addValue("reason", truncate(r.reason(), 2000)).addValue("fields", JSON.writeValueAsString(r.fields()))
                        .addValue("now", now).addValue("order", RejectReport.lineOrder(r.line()))).toArray(SqlParameterSource[]::new));
    }

    /** How many rejects one step of a job instance has recorded, over all its executions. */
    public long count(long jobInstanceId, String stepName) {
        return count(jobInstanceId, stepName, false);
    }

    /** How many records the frequency cap skipped in one step of a job instance, over all its executions. */
    public long countCapped(long jobInstanceId, String stepName) {
        return count(jobInstanceId, stepName, true);
    }

    private long count(long jobInstanceId, String stepName, boolean capped) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM reject_record WHERE job_instance_id = :instance AND step_name = :step"
                        + " AND capped = :capped", Map.of("instance", jobInstanceId, "step", stepName, "capped", capped), Long.class);
        return count == null ? 0 : count;
    }

    /**
     * The rejects of one step of a job instance, over all its executions, in source order (lines, then JDBC keys in the
     * order recorded), read a page at a time by their place in that order: a step with a million rejects is never held
     * in memory, by us or by the driver (PostgreSQL's would buffer a whole result set outside a transaction).
     */
    public RejectReport.Rejects forStep(long jobInstanceId, String stepName) {
        return forStep(jobInstanceId, stepName, false);
    }

    /** The records the frequency cap skipped in one step of a job instance, as forStep reads rejects. */
    public RejectReport.Rejects cappedForStep(long jobInstanceId, String stepName) {
        return forStep(jobInstanceId, stepName, true);
    }

    private RejectReport.Rejects forStep(long jobInstanceId, String stepName, boolean capped) {
        return each -> {
            long[] after = {Long.MIN_VALUE, Long.MIN_VALUE};
            int[] read = {PAGE};
            while (read[0] == PAGE) {
                read[0] = 0;
                jdbc.query("SELECT id, line_order, source_line, reason_code, reason, fields FROM reject_record"
                                + " WHERE job_instance_id = :instance AND step_name = :step AND capped = :capped"
                                + " AND (line_order > :order OR (line_order = :order AND id > :id)) ORDER BY line_order, id"
                                + " FETCH FIRST " + PAGE + " ROWS ONLY",
                        Map.of("instance", jobInstanceId, "step", stepName, "order", after[0], "id", after[1], "capped", capped),
                        rs -> {
                            read[0]++;
                            after[0] = rs.getLong("line_order");
                            after[1] = rs.getLong("id");
                            each.accept(new Reject(rs.getString("source_line"), rs.getString("reason_code"), rs.getString("reason"),
                                    JSON.readValue(rs.getString("fields"), new TypeReference<LinkedHashMap<String, String>>() { })));
                        });
            }
        };
    }

    /**
     * Where the runs of a job rejected records: "step\nline" of every reject of any of its instances (a partition's
     * step by its job-file step's name), e.g. to tell a user MaxIM refused from one that is missing.
     */
    public Set<String> rejectedRows(String jobName) {
        Set<String> rows = new HashSet<>();
        jdbc.query("SELECT r.step_name, r.source_line FROM reject_record r JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = r.job_instance_id"
                + " WHERE i.JOB_NAME = :job AND r.capped = FALSE", Map.of("job", jobName), rs -> {
                    String step = rs.getString(1);
                    rows.add((step.contains(":") ? step.substring(0, step.indexOf(':')) : step) + "\n" + rs.getString(2));
                });
        return rows;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
