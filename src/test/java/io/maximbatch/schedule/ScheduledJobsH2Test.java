package io.maximbatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.maximbatch.JobTestSupport;
import io.maximbatch.JobTestSupport.UsersFile;
import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.execution.Executions;
import io.maximbatch.execution.Executions.SlotOutcome;
import io.maximbatch.execution.Executions.SlotRun;
import io.maximbatch.sandbox.SandboxFaults;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Slots on the default job database (H2), against the sandbox: each slot is one job instance that runs once. */
@SpringBootTest
class ScheduledJobsH2Test {

    private static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @Autowired
    Executions runs;

    @Autowired
    JobFileParser parser;

    @Autowired
    ScheduledJobs scheduledJobs;

    @Autowired
    JdbcTemplate jdbc;

    private final List<String> notices = new ArrayList<>();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        registry.add("maxim.api-endpoint", () -> SANDBOX.endpoint().toString());
        registry.add("maxim.app-id", () -> "sandbox");
        registry.add("maxim.access-token", () -> "sandbox-token");
        registry.add("maxim.rate-limit", () -> "2000");
        registry.add("maxim.retry.base-delay", () -> "5ms");
        registry.add("maxim.retry.max-attempts", () -> "2");
        registry.add("maxim.rejects-dir", () -> shared.resolve("rejects").toString());
        registry.add("maxim.jobs-dir", () -> shared.resolve("jobs").toString());
        registry.add(ScheduledJobs.ENABLED, () -> "true");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:schedule-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterEach
    void clearFaults() {
        SANDBOX.faults().set(SandboxFaults.Settings.none());
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void aSlotRunsOnceAndASecondRunOfTheSameSlotFindsItComplete() throws Exception {
        JobFile file = usersJob("once", 5);

        SlotRun first = runs.runSlot(file, "2026-11-26T09:00:00Z", notices::add);
        SlotRun again = runs.runSlot(file, "2026-11-26T09:00:00Z", notices::add);
        SlotRun next = runs.runSlot(file, "2026-11-26T09:00:03Z", notices::add);

        assertThat(first.outcome()).isEqualTo(SlotOutcome.RAN);
        assertThat(first.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(first.execution().getJobParameters().getString(io.maximbatch.execution.RunParameters.RUN_KEY)).isEqualTo("2026-11-26T09:00:00Z");
        assertThat(first.execution().getJobParameters().getIdentifyingParameters()).hasSize(1);
        assertThat(again.outcome()).isEqualTo(SlotOutcome.ALREADY_COMPLETE);
        assertThat(again.execution().getId()).isEqualTo(first.execution().getId());
        assertThat(next.outcome()).isEqualTo(SlotOutcome.RAN);
        assertThat(next.execution().getJobInstance().getInstanceId()).isNotEqualTo(first.execution().getJobInstance().getInstanceId());
        assertThat(SANDBOX.state().usersByName().keySet()).filteredOn(u -> u.startsWith("once_")).hasSize(5);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
                + " ON e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'once'", Long.class)).isEqualTo(2);
    }

    @Test
    void aFailedSlotIsResumedAsTheSameInstance() throws Exception {
        JobFile file = usersJob("resumed", 5);
        SANDBOX.faults().set(new SandboxFaults.Settings(0, 0, 0, 0, 0, 10008, 1));
        SlotRun failed = runs.runSlot(file, "2026-11-26T10:00:00Z", notices::add);
        assertThat(failed.outcome()).isEqualTo(SlotOutcome.RAN);
        assertThat(failed.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        SANDBOX.faults().set(SandboxFaults.Settings.none());

        SlotRun resumed = runs.runSlot(file, "2026-11-26T10:00:00Z", notices::add);

        assertThat(resumed.outcome()).isEqualTo(SlotOutcome.RAN);
        assertThat(resumed.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(resumed.execution().getId()).isNotEqualTo(failed.execution().getId());
        assertThat(resumed.execution().getJobInstance().getInstanceId()).isEqualTo(failed.execution().getJobInstance().getInstanceId());
        assertThat(notices).anySatisfy(n -> assertThat(n).contains("Resuming execution " + failed.execution().getId()));
        assertThat(runs.runSlot(file, "2026-11-26T10:00:00Z", notices::add).outcome()).isEqualTo(SlotOutcome.ALREADY_COMPLETE);
    }

    @Test
    void serveSchedulesTheJobFilesWithAScheduleSkipsBrokenOnesAndRunsTheMissedSlotOnce() throws Exception {
        Path jobs = Files.createDirectories(shared.resolve("jobs"));
        UsersFile users = JobTestSupport.usersCsv(dir, "tick", 3, false);
        Path scheduled = JobTestSupport.jobFile(jobs, "tick", JobTestSupport.usersStep(users.file(), 1, 10, "reject"));
        Files.writeString(scheduled, Files.readString(scheduled).replace("name: tick\n", "name: tick\nschedule: \"*/2 * * * * *\"\n"));
        JobTestSupport.jobFile(jobs, "unscheduled", JobTestSupport.usersStep(users.file(), 1, 10, "reject"));
        // A daily job whose slot passed an hour ago: this serve is the first to see it, so that slot is not run.
        ZonedDateTime hourAgo = ZonedDateTime.now().minusHours(1);
        UsersFile daily = JobTestSupport.usersCsv(dir, "daily", 2, false);
        Path dailyJob = JobTestSupport.jobFile(jobs, "daily", JobTestSupport.usersStep(daily.file(), 1, 10, "reject"));
        Files.writeString(dailyJob, Files.readString(dailyJob).replace("name: daily\n", "name: daily\nschedule: \"0 "
                + hourAgo.getMinute() + " " + hourAgo.getHour() + " * * *\"\n"));
        JobTestSupport.write(jobs.resolve("broken.yml"), "name: Broken Name\nsteps: []\n");

        ScheduledJobs.Started started = scheduledJobs.schedule();

        assertThat(started.scheduled()).extracting(ScheduledJobs.Scheduled::job).containsExactlyInAnyOrder("tick", "daily");
        assertThat(started.skipped()).singleElement().asString().contains("broken.yml");
        await().atMost(Duration.ofSeconds(30)).until(() -> completedSlots("tick") >= 3);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
                + " ON e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'tick' AND e.STATUS <> 'COMPLETED'"
                + " AND e.STATUS <> 'STARTED'", Long.class)).isZero();
        assertThat(SANDBOX.state().usersByName().keySet()).filteredOn(u -> u.startsWith("tick_")).hasSize(3);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'daily'", Long.class))
                .as("the daily slot an hour before the first start").isZero();
        assertThat(SANDBOX.state().usersByName().keySet()).filteredOn(u -> u.startsWith("daily_")).isEmpty();
    }

    private long completedSlots(String job) {
        return jdbc.queryForObject("SELECT COUNT(DISTINCT p.PARAMETER_VALUE) FROM BATCH_JOB_EXECUTION_PARAMS p"
                + " JOIN BATCH_JOB_EXECUTION e ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID"
                + " JOIN BATCH_JOB_INSTANCE i ON e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID"
                + " WHERE i.JOB_NAME = ? AND p.PARAMETER_NAME = ? AND e.STATUS = 'COMPLETED'", Long.class, job, io.maximbatch.execution.RunParameters.RUN_KEY);
    }

    private JobFile usersJob(String name, int n) {
        UsersFile users = JobTestSupport.usersCsv(dir, name, n, false);
        return parser.parse(JobTestSupport.jobFile(dir, name, JobTestSupport.usersStep(users.file(), 1, 10, "reject")));
    }
}
