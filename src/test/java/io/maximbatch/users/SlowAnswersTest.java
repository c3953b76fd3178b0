package io.maximbatch.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.maximbatch.JobTestSupport;
import io.maximbatch.TrickleServer;
import io.maximbatch.execution.Executions;
import io.maximbatch.jobfile.JobFileParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A server that sends its headers and then a byte a second: the run does not hang on it, and a stop ends it at once. */
class SlowAnswersTest {

    private static final TrickleServer SERVER;

    static {
        try {
            SERVER = TrickleServer.trickling();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @TempDir
    static Path dir;

    @AfterAll
    static void stopServer() throws Exception {
        SERVER.close();
    }

    static void properties(DynamicPropertyRegistry registry, String timeout) {
        registry.add("maxim.api-endpoint", () -> SERVER.endpoint().toString());
        registry.add("maxim.app-id", () -> "app");
        registry.add("maxim.access-token", () -> "token");
        registry.add("maxim.timeout", () -> timeout);
        registry.add("maxim.retry.max-attempts", () -> "2");
        registry.add("maxim.retry.base-delay", () -> "10ms");
        registry.add("maxim.retry.total-cap", () -> "20s");
        registry.add("maxim.rejects-dir", () -> dir.resolve("rejects").toString());
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:slow-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    static Path job(String name) {
        JobTestSupport.UsersFile users = JobTestSupport.usersCsv(dir, name, 3, false);
        return JobTestSupport.jobFile(dir, name, JobTestSupport.usersStep(users.file(), 1, 10, "reject"));
    }

    @Nested
    @SpringBootTest
    class WithATwoSecondTimeout {

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) {
            SlowAnswersTest.properties(registry, "2s");
        }

        @Autowired
        Executions executions;

        @Autowired
        JobFileParser parser;

        @Test
        void theRunFailsWithinTheRetriesInsteadOfHanging() throws Exception {
            long start = System.nanoTime();

            JobExecution execution = executions.run(parser.parse(job("trickle")), Map.of(), false, notice -> { });

            assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(execution.getExitStatus().getExitDescription()).contains("no answer within 2 s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("2 attempts of 2 s, within the 20 s cap").isLessThan(Duration.ofSeconds(20));
        }
    }

    @Nested
    @SpringBootTest
    class WithAMinuteTimeout {

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) {
            SlowAnswersTest.properties(registry, "60s");
        }

        @Autowired
        Executions executions;

        @Autowired
        JobFileParser parser;

        @Test
        void aStopEndsTheCallInFlightAndTheStepWithinSeconds() throws Exception {
            CompletableFuture<JobExecution> started = new CompletableFuture<>();
            int connections = SERVER.connections();
            CompletableFuture<JobExecution> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return executions.run(parser.parse(job("stopped")), Map.of(), false, notice -> { }, started::complete);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> started.isDone() && SERVER.connections() > connections);

            long stop = System.nanoTime();
            executions.stop(started.get());
            JobExecution ended = run.get(30, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(Duration.ofNanos(System.nanoTime() - stop)).isLessThan(Duration.ofSeconds(5));
            assertThat(ended.getStatus()).isEqualTo(BatchStatus.STOPPED);
        }
    }
}
