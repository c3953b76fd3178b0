package io.maximbatch.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.maximbatch.JobTestSupport;
import io.maximbatch.StatementCounter;
import io.maximbatch.execution.Executions;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.report.StepOutcomes;
import io.maximbatch.sandbox.SandboxFaults;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** `usernames: rewrite` at size, through a whole run on H2 against the sandbox: its time, its look-ups, its progress. */
@SpringBootTest
@Import(StatementCounter.class)
class UsernameRewriteScaleTest {

    static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());

    @TempDir
    static Path reports;

    @TempDir
    Path dir;

    @Autowired
    Executions runs;

    @Autowired
    JobFileParser parser;

    @Autowired
    StatementCounter statements;


    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        JobTestSupport.sandboxProperties(registry, SANDBOX, reports);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:names-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterEach
    void clearFaults() {
        SANDBOX.faults().set(SandboxFaults.Settings.none());
    }

    @Test
    void equalCyrillicNamesRewriteInTimeLinearInTheirNumber() throws Exception {
        usernamesStep(run("warm", "Олег", 300));
        long before = statements.executed();
        usernamesStep(run("ivan", "Иван", 1000));
        long thousand = statements.executed() - before;
        before = statements.executed();
        StepExecution fourThousand = usernamesStep(run("petr", "Пётр", 4000));
        long fourThousandStatements = statements.executed() - before;

        assertThat(Stream.of("Ivan", "Ivan_2", "Ivan_1000", "Ivan_1001", "Petr", "Petr_4000", "Petr_4001", "_", "__2")
                .filter(SANDBOX.state().usersByName()::containsKey)).containsExactly("Ivan", "Ivan_2", "Ivan_1000", "Petr", "Petr_4000");
        assertThat(StepOutcomes.of(fourThousand).summary()).startsWith("4000 usernames MaxIM would refuse rewritten");
        // Work counted, not timed: the old search from _2 on for every name made 16 times the statements for 4 times the names.
        assertThat(thousand).as("the counter sees the statements, at least one a name").isGreaterThanOrEqualTo(1000);
        assertThat(fourThousandStatements).as("job-database statements for 4,000 names against %d for 1,000", thousand)
                .isLessThanOrEqualTo(5 * thousand);
    }

    @Test
    void aChunksLookUpsGoOutTogetherAndTheProgressCountsThePass() throws Exception {
        SANDBOX.faults().set(new SandboxFaults.Settings(200, 0, 0, 0, 0, null, 1));
        CompletableFuture<JobExecution> running = CompletableFuture.supplyAsync(() -> {
            try {
                return run("anna", "Анна", 300);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // What the progress line reads (the job repository): the pass's records while it is still under way.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION s JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID"
                        + " JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'anna'"
                        + " AND s.STEP_NAME = 'users-usernames' AND s.STATUS = 'STARTED' AND s.READ_COUNT > 0", Long.class) > 0);
        StepExecution step = usernamesStep(running.get());

        assertThat(step.getReadCount()).isEqualTo(300);
        assertThat(StepOutcomes.of(step).written()).isEqualTo(300);
        assertThat(Stream.of("Anna", "Anna_300", "Anna_301").filter(SANDBOX.state().usersByName()::containsKey))
                .containsExactly("Anna", "Anna_300");
        // One look-up after another: 300 x 200 ms = 60 s; together, a chunk of 100 at a time: a few rounds of 200 ms.
        assertThat(millis(step)).isLessThan(15_000);
    }

    @Test
    void aRunStoppedInTheRewritePassDecidesTheSameNamesWhenResumed() throws Exception {
        SANDBOX.faults().set(new SandboxFaults.Settings(100, 0, 0, 0, 0, null, 1));
        int count = 3 * UsernameAssignment.CHUNK;
        Path job = jobFile("olga", "Ольга", count);
        // One look-up per name: MaxIM refuses every look-up after the first chunk's and a part of the second's.
        SANDBOX.faults().forceCodeAfter("/roster/name", UsernameAssignment.CHUNK + 100, 10002);
        assertThat(runUnchecked(job).getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM username_suffix WHERE base = 'Ol_ga'", Long.class))
                .as("a chunk of rewrites committed before the pass failed").isPositive();
        assertThat(SANDBOX.state().usersByName()).doesNotContainKey("Ol_ga");

        SANDBOX.faults().set(SandboxFaults.Settings.none());
        JobExecution resumed = runUnchecked(job);

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(Stream.of("Ol_ga", "Ol_ga_2", "Ol_ga_" + count, "Ol_ga_" + (count + 1)).filter(SANDBOX.state().usersByName()::containsKey))
                .containsExactly("Ol_ga", "Ol_ga_2", "Ol_ga_" + count);
        assertThat(StepOutcomes.of(usernamesStep(resumed)).written()).isEqualTo(count);
    }

    private JobExecution run(String job, String name, int count) throws Exception {
        JobExecution execution = runUnchecked(jobFile(job, name, count));
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        return execution;
    }

    private JobExecution runUnchecked(Path jobFile) {
        try {
            return runs.run(parser.parse(jobFile), Map.of(), false, notice -> { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Path jobFile(String job, String name, int count) {
        StringBuilder csv = new StringBuilder("legacy_id,username,password\n");
        IntStream.rangeClosed(1, count).forEach(i -> csv.append(job).append('-').append(i).append(',').append(name).append(",pw-").append(i).append('\n'));
        Path file = dir.resolve(job + ".csv");
        JobTestSupport.write(file, csv.toString());
        return JobTestSupport.jobFile(dir, job, JobTestSupport.usersStep(file, 100, 100, "reject") + "    usernames: rewrite\n");
    }

    private static StepExecution usernamesStep(JobExecution execution) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals("users-usernames")).findFirst().orElseThrow();
    }

    private static long millis(StepExecution step) {
        return Duration.between(step.getStartTime(), step.getEndTime()).toMillis();
    }
}
