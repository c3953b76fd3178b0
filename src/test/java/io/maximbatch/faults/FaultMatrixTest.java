package io.maximbatch.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maximbatch.JobTestSupport;
import io.maximbatch.MigrationFixture;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.execution.Executions;
import io.maximbatch.report.StepOutcomes;
import io.maximbatch.sandbox.SandboxFaults.Settings;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import io.maximbatch.sandbox.SandboxState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every kind of server misbehaviour against every kind of step (users and their attributes, friendships and their
 * remarks, groups with their members and admins, a push campaign): the server ends holding exactly the source's valid
 * data, each once, each attribute change carried out once, and every push once per user; a fatal code fails the run,
 * which resumes to the same exact end once the fault is gone.
 */
@SpringBootTest
class FaultMatrixTest {

    private static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;

    @Autowired
    Executions runs;

    @Autowired
    JobFileParser parser;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        JobTestSupport.sandboxProperties(registry, SANDBOX, dir);
        // A short client timeout, so that the sandbox's slow answers (5 s) are timeouts, yet long enough that a busy
        // machine's stall never times out a call the sandbox has not yet carried out; patient retries.
        registry.add("maxim.timeout", () -> "1500ms");
        registry.add("maxim.retry.max-attempts", () -> "30");
        registry.add("maxim.retry.total-cap", () -> "60s");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:faults-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterEach
    void clearFaults() {
        SANDBOX.faults().set(Settings.none());
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("http503", new Settings(0, 0, 0.08, 0, 0, null, 11)),
                Arguments.of("code20000", new Settings(0, 0, 0, 0.08, 0, null, 12)),
                Arguments.of("code20006", new Settings(0, 0, 0, 0, 0, null, 13, 0.08, 0, 0, 0)),
                Arguments.of("http429", new Settings(0, 60, 0, 0, 0, null, 14)),
                Arguments.of("timeouts", new Settings(0, 0, 0, 0, 0, null, 15, 0, 0, 0.03, 5000)),
                Arguments.of("resets", new Settings(0, 0, 0, 0, 0, null, 16, 0, 0.05, 0, 0)),
                Arguments.of("dropped", new Settings(0, 0, 0, 0, 0.05, null, 17)),
                // All at once, as issue 16 names them: 3% 503, 2% code 20000, 2% lost answers.
                Arguments.of("mixed", new Settings(0, 0, 0.03, 0.02, 0.02, null, 18)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void everyStepEndsWithExactlyTheSourceOnce(String fault, Settings settings) throws Exception {
        MigrationFixture migration = new MigrationFixture(dir, fault, 120, 150, 10, 1, 150, settings.seed())
                .withAccounts(dir, fault).withRemarksAndAdmins(dir, fault);
        double retriesBefore = retries();
        Map<String, Long> executedBefore = SANDBOX.state().executedUpdates();
        SANDBOX.faults().set(settings);

        JobExecution execution = runs.run(parser.parse(migration.jobFile), Map.of(), false, notice -> { });
        assertThat(retries()).as("calls sent again because of the fault").isGreaterThan(retriesBefore);

        assertThat(execution.getStatus()).as(() -> failures(execution)).isEqualTo(BatchStatus.COMPLETED);
        assertBalanced(execution);
        JsonNode state = state();
        migration.assertHeldExactlyBy(state, fault);
        migration.assertAccountsHeldBy(state);
        migration.assertEachChangeExecutedOnce(executedSince(executedBefore));
        pushOncePerUser(fault, migration);
    }

    @Test
    void aFatalCodeMidRunFailsTheRunWhichResumesToTheSameExactEnd() throws Exception {
        MigrationFixture migration = new MigrationFixture(dir, "fatal", 300, 300, 10, 1, 150, 21)
                .withAccounts(dir, "fatal").withRemarksAndAdmins(dir, "fatal");
        Map<String, Long> executedBefore = SANDBOX.state().executedUpdates();
        // The fault comes while users are being registered: after two batches of 50, set before the run.
        SANDBOX.faults().set(new Settings(5, 0, 0, 0, 0, null, 21));
        SANDBOX.faults().forceCodeAfter("/user/register/batch", 2, 10008);
        JobExecution failed = runs.run(parser.parse(migration.jobFile), Map.of(), false, notice -> { });
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(users("fatal_")).isEqualTo(100);
        assertThatThrownBy(() -> migration.assertHeldExactlyBy(state(), "fatal")).as("the failed run left work undone")
                .isInstanceOf(AssertionError.class);

        SANDBOX.faults().set(Settings.none());
        JobExecution resumed = runs.run(parser.parse(migration.jobFile), Map.of(), false, notice -> { });

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertBalanced(resumed);
        JsonNode state = state();
        migration.assertHeldExactlyBy(state, "fatal");
        migration.assertAccountsHeldBy(state);
        migration.assertEachChangeExecutedOnce(executedSince(executedBefore));
    }

    /** Why a run failed: each failed step's exceptions with their causes. */
    private static String failures(JobExecution execution) {
        StringBuilder why = new StringBuilder(execution.getExitStatus().getExitDescription());
        execution.getStepExecutions().forEach(step -> step.getFailureExceptions().forEach(e -> {
            why.append("\n").append(step.getStepName()).append(": ");
            for (Throwable t = e; t != null; t = t.getCause()) {
                why.append(t).append(java.util.Arrays.toString(java.util.Arrays.copyOf(t.getStackTrace(), Math.min(8, t.getStackTrace().length)))).append(" / ");
            }
        }));
        return why.toString();
    }

    /** The updates the sandbox executed since a snapshot of its counts, by kind. */
    private static Map<String, Long> executedSince(Map<String, Long> before) {
        Map<String, Long> since = new HashMap<>();
        SANDBOX.state().executedUpdates().forEach((kind, count) -> since.put(kind, count - before.getOrDefault(kind, 0L)));
        return since;
    }

    /** A push campaign to every user of the migration, under the same faults: one push per user, never two. */
    private void pushOncePerUser(String prefix, MigrationFixture migration) throws Exception {
        StringBuilder audience = new StringBuilder("legacy_id\n");
        for (int i = 1; i <= 120; i++) {
            audience.append(prefix).append("-L").append(i).append('\n');
        }
        Path csv = dir.resolve(prefix + "-audience.csv");
        Files.writeString(csv, audience);
        Path job = JobTestSupport.jobFile(dir, prefix + "-welcome", """
                  - name: welcome
                    type: push-campaign
                    batch-size: 7
                    segments:
                      - name: all
                        audience: { csv: %s }
                        message: { title: "Welcome", body: "your chats have moved" }
                """.formatted(csv.toAbsolutePath()));
        int before = SANDBOX.state().pushes().size();

        JobExecution execution = runs.run(parser.parse(job), Map.of(), false, notice -> { });

        assertThat(execution.getStatus()).as(execution.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
        assertBalanced(execution);
        Map<Long, Integer> perUser = new HashMap<>();
        for (SandboxState.PushView push : SANDBOX.state().pushes().subList(before, SANDBOX.state().pushes().size())) {
            push.audience().path("user_id").forEach(id -> perUser.merge(id.asLong(), 1, Integer::sum));
        }
        assertThat(perUser).hasSize(migration.users.size());
        assertThat(perUser.values()).allMatch(count -> count == 1);
    }

    /** read = written + updated + already done + rejected + filtered, for every step. */
    private static void assertBalanced(JobExecution execution) {
        for (StepExecution step : execution.getStepExecutions()) {
            StepOutcomes outcomes = StepOutcomes.of(step);
            if (outcomes.summary() == null) {
                assertThat(outcomes.read()).as(step.getStepName())
                        .isEqualTo(outcomes.written() + outcomes.updated() + outcomes.alreadyDone() + outcomes.rejected() + outcomes.filtered());
            }
        }
    }

    /** Calls sent again after a retryable answer, as the client counts them (maxim_call_retries_total). */
    private double retries() {
        return meters.find("maxim.call.retries").counters().stream().mapToDouble(Counter::count).sum();
    }

    private static long users(String prefix) {
        return SANDBOX.state().usersByName().keySet().stream().filter(name -> name.startsWith(prefix)).count();
    }

    private static JsonNode state() throws Exception {
        return JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(SANDBOX.endpoint() + "/sandbox/state")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
