package io.maximbatch.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.maximbatch.JobTestSupport;
import io.maximbatch.JobTestSupport.UsersFile;
import io.maximbatch.TestPostgres;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.execution.Executions;
import io.maximbatch.report.StepOutcomes;
import io.maximbatch.sandbox.SandboxFaults;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * maxim.workers=remote on PostgreSQL with a worker in this JVM (the manager and the worker talk only through the
 * job database): a stop reaches the running partition and the queued ones, and restart finishes every user once.
 */
@SpringBootTest
class RemotePartitionsStopTest {

    static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults()
            .withFaults(new SandboxFaults.Settings(20, 0, 0, 0, 0, null, 1)));

    @TempDir
    static Path reports;

    @TempDir
    Path dir;

    @Autowired
    Executions runs;

    @Autowired
    JobFileParser parser;

    @Autowired
    JobOperator operator;

    @Autowired
    JobRepository repository;

    @Autowired
    PartitionWorker worker;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        JobTestSupport.sandboxProperties(registry, SANDBOX, reports);
        String url = TestPostgres.newDatabaseUrl("remote_stop");
        JobTestSupport.postgresJobDatabase(registry, url);
        registry.add("maxim.workers", () -> "remote");
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void aStopEndsTheRunningAndTheQueuedPartitionsAndRestartRegistersEveryUserOnce() throws Exception {
        UsersFile users = JobTestSupport.usersCsv(dir, "stop", 3000, false);
        // Three partitions at 15 requests/second each, one worker: one runs (50 calls, 3.3 s), two wait in the queue.
        Path job = JobTestSupport.jobFile(dir, "remote-stop", JobTestSupport.usersStep(users.file(), 20, 100, "reject")
                + "    partitions: 3\n");
        Files.writeString(job, Files.readString(job).replace("steps:\n", "rate-limit: 45\nsteps:\n"));
        List<String> notices = new CopyOnWriteArrayList<>();
        AtomicBoolean working = new AtomicBoolean(true);
        CompletableFuture<Void> workerLoop = CompletableFuture.runAsync(() -> {
            try {
                worker.run(working::get, notices::add);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            CompletableFuture<JobExecution> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return runs.run(parser.parse(job), Map.of(), false, notices::add);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> registered() >= 100 || first.isDone());
            long executionId = repository.findRunningJobExecutions("remote-stop").iterator().next().getId();
            operator.stop(executionId);

            JobExecution stopped = first.get();
            List<StepExecution> partitions = repository.getJobExecution(stopped.getId()).getStepExecutions().stream()
                    .filter(StepOutcomes::isPartition).toList();
            assertThat(partitions).as(notices::toString).hasSize(3).allSatisfy(p -> assertThat(p.getStatus()).isEqualTo(BatchStatus.STOPPED));
            assertThat(registered()).isLessThan(3000);
            assertThat(stopped.getStatus()).as("like a step that is not partitioned").isEqualTo(BatchStatus.STOPPED);

            JobExecution restarted = runs.restart(stopped.getId(), notices::add);

            assertThat(restarted.getStatus()).as(notices::toString).isEqualTo(BatchStatus.COMPLETED);
        } finally {
            working.set(false);
            workerLoop.get();
        }
        assertThat(SANDBOX.state().usersByName().keySet()).containsExactlyInAnyOrderElementsOf(users.valid().values());
        assertThat(SANDBOX.state().registrationCallsSucceeded()).isEqualTo(3000);
    }

    private static long registered() {
        return SANDBOX.state().usersByName().size();
    }
}
