package io.maximbatch.execution;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.job.DefaultJobKeyGenerator;
import org.springframework.batch.core.job.JobKeyGenerator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The read side of the job repository: executions with their steps and counts, loaded for many at once with a fixed
 * number of queries (Spring Batch's explorer loads them one by one), and the look-ups a run starts with.
 */
@Component
public class ExecutionQueries {

    private static final String EXECUTIONS = "SELECT e.JOB_EXECUTION_ID, e.VERSION, e.CREATE_TIME, e.START_TIME, e.END_TIME, e.STATUS,"
            + " e.EXIT_CODE, e.EXIT_MESSAGE, e.LAST_UPDATED, i.JOB_INSTANCE_ID, i.JOB_NAME FROM BATCH_JOB_EXECUTION e"
            + " JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID";

    /** How Spring Batch keys a job instance by its identifying parameters. */
    private static final JobKeyGenerator JOB_KEYS = new DefaultJobKeyGenerator();

    private final NamedParameterJdbcTemplate jdbc;
    private final ExecutionContextSerializer serializer;

    ExecutionQueries(NamedParameterJdbcTemplate jdbc, ExecutionContextSerializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** One execution with its steps, or empty when there is none. */
    public Optional<JobExecution> find(long id) {
        return load(List.of(id)).stream().findFirst();
    }

    /** The newest executions first, at most limit, of one job (or all: null), of one status (or all: null). */
    public List<JobExecution> recent(String job, BatchStatus status, int limit) {
        List<String> conditions = new ArrayList<>();
        MapSqlParameterSource parameters = new MapSqlParameterSource("limit", limit);
        if (job != null) {
            conditions.add("i.JOB_NAME = :job");
            parameters.addValue("job", job);
        }
        if (status != null) {
            conditions.add("e.STATUS = :status");
            parameters.addValue("status", status.name());
        }
        List<Long> ids = jdbc.queryForList("SELECT e.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
                + " ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID" + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY e.JOB_EXECUTION_ID DESC LIMIT :limit", parameters, Long.class);
        return load(ids);
    }

    /** The last execution of each of these jobs that has one. */
    public Map<String, JobExecution> lastOfEach(Collection<String> jobs) {
        Map<String, JobExecution> last = new HashMap<>();
        if (!jobs.isEmpty()) {
            load(jdbc.queryForList("SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
                    + " ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME IN (:jobs) GROUP BY i.JOB_NAME", Map.of("jobs", jobs), Long.class))
                    .forEach(e -> last.put(e.getJobInstance().getJobName(), e));
        }
        return last;
    }

    /** The next run id of a job: one more than the largest any of its runs has. */
    long nextRunId(String job) {
        Long max = jdbc.queryForObject("SELECT MAX(CAST(p.PARAMETER_VALUE AS BIGINT)) FROM BATCH_JOB_EXECUTION_PARAMS p"
                + " JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = p.JOB_EXECUTION_ID JOIN BATCH_JOB_INSTANCE i"
                + " ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = :job AND p.PARAMETER_NAME = :runId",
                Map.of("job", job, "runId", RunParameters.RUN_ID), Long.class);
        return (max == null ? 0 : max) + 1;
    }

    /**
     * The last execution of the newest run of the job whose name=value parameters are exactly these (the run id aside),
     * found by a query on the parameters rather than by loading every instance of the job.
     */
    Optional<JobExecution> lastOfRun(String job, Map<String, String> parameters) {
        StringBuilder sql = new StringBuilder("SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
                + " ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = :job AND (SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_PARAMS p"
                + " WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.IDENTIFYING = 'Y' AND p.PARAMETER_NAME <> :runId) = :count");
        MapSqlParameterSource values = new MapSqlParameterSource("job", job).addValue("runId", RunParameters.RUN_ID)
                .addValue("count", parameters.size());
        int n = 0;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            sql.append(" AND EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS p WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID"
                    + " AND p.IDENTIFYING = 'Y' AND p.PARAMETER_NAME = :name").append(n).append(" AND p.PARAMETER_VALUE = :value").append(n).append(")");
            values.addValue("name" + n, parameter.getKey()).addValue("value" + n, parameter.getValue());
            n++;
        }
        Long newest = jdbc.queryForObject(sql.toString(), values, Long.class);
        return newest == null ? Optional.empty() : find(newest).map(e -> lastOf(e.getJobInstance()));
    }

    /** The ids of every execution of a job instance (a run resumed spans several). */
    public List<Long> executionsOf(JobInstance instance) {
        return jdbc.queryForList("SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = :instance ORDER BY JOB_EXECUTION_ID",
                Map.of("instance", instance.getInstanceId()), Long.class);
    }

    /** The last execution of a job instance. */
    JobExecution lastOf(JobInstance instance) {
        return find(jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = :instance",
                Map.of("instance", instance.getInstanceId()), Long.class)).orElseThrow();
    }

    /** The last execution of a scheduled slot's job instance (the one its run-key alone identifies), or empty when it has not run. */
    public Optional<JobExecution> lastOfSlot(String job, String runKey) {
        Long last = jdbc.queryForObject("SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
                + " ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = :job AND i.JOB_KEY = :key",
                Map.of("job", job, "key", JOB_KEYS.generateKey(RunParameters.slot(runKey))), Long.class);
        return last == null ? Optional.empty() : find(last);
    }

    /** Executions with their parameters, steps and step contexts: four queries however many there are. */
    private List<JobExecution> load(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Object> in = Map.of("ids", ids);
        Map<Long, JobParametersBuilder> parameters = new HashMap<>();
        jdbc.query("SELECT JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_TYPE, PARAMETER_VALUE, IDENTIFYING FROM BATCH_JOB_EXECUTION_PARAMS"
                + " WHERE JOB_EXECUTION_ID IN (:ids)", in, (ResultSet rs) -> {
                    addParameter(parameters.computeIfAbsent(rs.getLong(1), id -> new JobParametersBuilder()), rs);
                });
        Map<Long, JobExecution> executions = new LinkedHashMap<>();
        jdbc.query(EXECUTIONS + " WHERE e.JOB_EXECUTION_ID IN (:ids)", in, (ResultSet rs) -> {
            JobParametersBuilder params = parameters.get(rs.getLong("JOB_EXECUTION_ID"));
            JobExecution execution = new JobExecution(rs.getLong("JOB_EXECUTION_ID"), new JobInstance(rs.getLong("JOB_INSTANCE_ID"),
                    rs.getString("JOB_NAME")), params == null ? new JobParameters() : params.toJobParameters());
            execution.setVersion(rs.getInt("VERSION"));
            State.of(rs).into(execution::setStatus, execution::setExitStatus, execution::setCreateTime, execution::setStartTime,
                    execution::setEndTime, execution::setLastUpdated);
            executions.put(execution.getId(), execution);
        });
        Map<Long, ExecutionContext> contexts = new HashMap<>();
        jdbc.query("SELECT c.STEP_EXECUTION_ID, c.SHORT_CONTEXT, c.SERIALIZED_CONTEXT FROM BATCH_STEP_EXECUTION_CONTEXT c"
                + " JOIN BATCH_STEP_EXECUTION s ON s.STEP_EXECUTION_ID = c.STEP_EXECUTION_ID WHERE s.JOB_EXECUTION_ID IN (:ids)", in,
                (ResultSet rs) -> {
                    String text = rs.getString("SERIALIZED_CONTEXT");
                    contexts.put(rs.getLong("STEP_EXECUTION_ID"), context(text != null ? text : rs.getString("SHORT_CONTEXT")));
                });
        jdbc.query("SELECT * FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (:ids) ORDER BY STEP_EXECUTION_ID", in, (ResultSet rs) -> {
            JobExecution execution = executions.get(rs.getLong("JOB_EXECUTION_ID"));
            StepExecution step = new StepExecution(rs.getLong("STEP_EXECUTION_ID"), rs.getString("STEP_NAME"), execution);
            step.setVersion(rs.getInt("VERSION"));
            State.of(rs).into(step::setStatus, step::setExitStatus, step::setCreateTime, step::setStartTime, step::setEndTime,
                    step::setLastUpdated);
            step.setCommitCount(rs.getLong("COMMIT_COUNT"));
            step.setReadCount(rs.getLong("READ_COUNT"));
            step.setFilterCount(rs.getLong("FILTER_COUNT"));
            step.setWriteCount(rs.getLong("WRITE_COUNT"));
            step.setReadSkipCount(rs.getLong("READ_SKIP_COUNT"));
            step.setWriteSkipCount(rs.getLong("WRITE_SKIP_COUNT"));
            step.setProcessSkipCount(rs.getLong("PROCESS_SKIP_COUNT"));
            step.setRollbackCount(rs.getLong("ROLLBACK_COUNT"));
            step.setExecutionContext(contexts.getOrDefault(step.getId(), new ExecutionContext()));
            execution.addStepExecution(step);
        });
        List<JobExecution> loaded = new ArrayList<>(executions.values());
        loaded.sort(Comparator.comparingLong(JobExecution::getId).reversed());
        return loaded;
    }

    private static void addParameter(JobParametersBuilder builder, ResultSet rs) throws SQLException {
        String name = rs.getString("PARAMETER_NAME");
        String value = rs.getString("PARAMETER_VALUE");
        boolean identifying = "Y".equals(rs.getString("IDENTIFYING"));
        switch (rs.getString("PARAMETER_TYPE")) {
            case "java.lang.Long" -> builder.addLong(name, value == null ? null : Long.valueOf(value), identifying);
            case "java.lang.Double" -> builder.addDouble(name, value == null ? null : Double.valueOf(value), identifying);
            default -> builder.addString(name, value, identifying);
        }
    }

    /** A step's context as Spring Batch's own DAO reads it, with the job repository's serializer. */
    private ExecutionContext context(String text) {
        try {
            return new ExecutionContext(serializer.deserialize(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a step's execution context: " + e.getMessage(), e);
        }
    }

    /** What a job and a step execution row both hold: status, exit status and times. */
    private record State(BatchStatus status, ExitStatus exit, LocalDateTime created, LocalDateTime started, LocalDateTime ended,
                         LocalDateTime updated) {

        static State of(ResultSet rs) throws SQLException {
            return new State(BatchStatus.valueOf(rs.getString("STATUS")), new ExitStatus(rs.getString("EXIT_CODE"), rs.getString("EXIT_MESSAGE")),
                    time(rs, "CREATE_TIME"), time(rs, "START_TIME"), time(rs, "END_TIME"), time(rs, "LAST_UPDATED"));
        }

        void into(Consumer<BatchStatus> status, Consumer<ExitStatus> exit, Consumer<LocalDateTime> created, Consumer<LocalDateTime> started,
                  Consumer<LocalDateTime> ended, Consumer<LocalDateTime> updated) {
            status.accept(this.status);
            exit.accept(this.exit);
            created.accept(this.created);
            started.accept(this.started);
            ended.accept(this.ended);
            updated.accept(this.updated);
        }
    }

    private static LocalDateTime time(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toLocalDateTime();
    }
}
