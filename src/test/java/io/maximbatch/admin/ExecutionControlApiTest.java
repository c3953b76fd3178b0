package io.maximbatch.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.maximbatch.JobTestSupport;
import io.maximbatch.JobTestSupport.UsersFile;
import io.maximbatch.sandbox.SandboxFaults;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.Map;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * An operator's control of executions through the API when the server misbehaves: a server that fails every
 * call, a stop while calls are being retried, and an execution whose process died. Retries are patient here
 * (8 s cap), as in production, so that a stop that waited for them would be seen.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.web-application-type=servlet", "maxim.admin.token=" + ExecutionControlApiTest.TOKEN})
class ExecutionControlApiTest {

    static final String TOKEN = "control-admin-token-0123456789abcdef";
    private static final Duration RETRY_CAP = Duration.ofSeconds(15);
    private static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());

    @TempDir
    static Path jobs;

    @TempDir
    static Path data;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private AdminHttp api;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("maxim.api-endpoint", () -> SANDBOX.endpoint().toString());
        registry.add("maxim.app-id", () -> "sandbox");
        registry.add("maxim.access-token", () -> "sandbox-token");
        registry.add("maxim.rate-limit", () -> "2000");
        registry.add("maxim.retry.max-attempts", () -> "1000");
        registry.add("maxim.retry.base-delay", () -> "100ms");
        registry.add("maxim.retry.max-delay", () -> "500ms");
        registry.add("maxim.retry.total-cap", () -> RETRY_CAP.toSeconds() + "s");
        registry.add("maxim.rejects-dir", () -> data.resolve("rejects").toString());
        registry.add("maxim.jobs-dir", jobs::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:control-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @BeforeEach
    void client() {
        api = new AdminHttp(port, TOKEN);
    }

    @AfterEach
    void clearFaults() {
        SANDBOX.faults().set(SandboxFaults.Settings.none());
        assertThat(api.answers()).isNotEmpty().noneSatisfy(answer -> assertThat(answer).contains(TOKEN, "sandbox-token"));
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void thePlanOfAJobIsTheRunsOwnCountSentNowhere() {
        UsersFile users = JobTestSupport.usersCsv(data, "ctp", 30, true);
        JobTestSupport.jobFile(jobs, "control-plan", JobTestSupport.usersStep(users.file(), 10, 10, "reject"));
        Map<String, Long> before = SANDBOX.state().servedByCall();

        JsonNode plan = api.json(api.post("/api/jobs/control-plan/plan", "{}"), 200);

        assertThat(SANDBOX.state().servedByCall().get("POST /user/register/batch")).as("nothing sent")
                .isEqualTo(before.get("POST /user/register/batch"));
        JsonNode step = plan.get("steps").get(0);
        assertThat(step.get("name").asString()).isEqualTo("users");
        assertThat(List.of(step.get("read").asLong(), step.get("written").asLong(), step.get("rejected").asLong()))
                .containsExactly(33L, 30L, 3L);
        assertThat(step.get("calls").get("POST /user/register/batch").asLong()).as("one a chunk of 10 rows").isEqualTo(4);
        assertThat(plan.get("total").get("items").get("POST /user/register/batch").asLong()).isEqualTo(30);
        long id = api.launch("control-plan");
        api.awaitStatus(id, "COMPLETED", Duration.ofSeconds(60));
        assertThat(SANDBOX.state().servedByCall().get("POST /user/register/batch") - before.getOrDefault("POST /user/register/batch", 0L))
                .isEqualTo(4);
        assertThat(api.json(api.post("/api/jobs/no-such-job/plan", "{}"), 404)).isNotNull();
    }

    @Test
    void anExecutionFailsWithinTheRetryCapWhenTheServerFailsEveryCallAndARestartCompletesItOnce() {
        UsersFile users = JobTestSupport.usersCsv(data, "ctf", 300, true);
        JobTestSupport.jobFile(jobs, "control-failing", JobTestSupport.usersStep(users.file(), 5, 10, "reject"));
        long registeredBefore = SANDBOX.state().registrationCallsSucceeded();
        SANDBOX.faults().set(slow(0));
        // Every registration call after the tenth (of 60) answers 503: set before the launch, so the run cannot end first.
        SANDBOX.faults().forceCodeAfter("/user/register/batch", 10, 503);

        long failingSince = System.nanoTime();
        long first = api.launch("control-failing");

        JsonNode failed = api.awaitStatus(first, "FAILED", RETRY_CAP.plusSeconds(30));
        Duration tookToFail = Duration.ofNanos(System.nanoTime() - failingSince);
        assertThat(tookToFail).isLessThan(RETRY_CAP.plusSeconds(15));
        assertThat(failed.get("restartable").asBoolean()).isTrue();
        assertThat(failed.get("exitMessage").asString()).contains("503");
        assertThat(registered("ctf_")).isNotEmpty().hasSizeLessThanOrEqualTo(50);

        SANDBOX.faults().set(slow(0));
        JsonNode restarted = api.json(api.post("/api/executions/" + first + "/restart", ""), 202);
        long second = restarted.get("id").asLong();
        JsonNode done = api.awaitStatus(second, "COMPLETED", Duration.ofSeconds(60));

        // Every valid user exactly once in MaxIM, each created by one successful call.
        assertThat(registered("ctf_")).isEqualTo(Set.copyOf(users.valid().values()));
        assertThat(SANDBOX.state().registrationCallsSucceeded() - registeredBefore).isEqualTo(300);
        JsonNode step = done.get("steps").get(0);
        assertThat(step.get("rejected").asLong() + rejectedBefore(first)).isEqualTo(users.invalidLines().size());

        JsonNode refused = api.json(api.post("/api/executions/" + second + "/restart", ""), 409);
        assertThat(refused.get("detail").asString()).contains("COMPLETED");

        String metrics = api.get("/actuator/prometheus").body();
        // A chunk cut short by the failures may have registered some users: the restart finds them already done.
        assertThat(metric(metrics, "maxim_items_total{job=\"control-failing\",outcome=\"written\",step=\"users\"}")
                + metricOrZero(metrics, "maxim_items_total{job=\"control-failing\",outcome=\"already_done\",step=\"users\"}"))
                .isEqualTo(300);
        assertThat(metric(metrics, "maxim_items_total{job=\"control-failing\",outcome=\"rejected\",step=\"users\"}"))
                .isEqualTo(users.invalidLines().size());
        assertThat(metric(metrics, "maxim_calls_total{code=\"HTTP_503\",endpoint=\"/user/register/batch\",outcome=\"retryable\"}")).isPositive();
        assertThat(metric(metrics, "maxim_calls_total{code=\"OK\",endpoint=\"/user/register/batch\",outcome=\"success\"}")).isPositive();
        assertThat(metric(metrics, "maxim_call_retries_total{endpoint=\"/user/register/batch\"}")).isPositive();
        assertThat(metric(metrics, "maxim_ratelimiter_wait_seconds_count")).isPositive();
        assertThat(metrics).contains("maxim_calls_inflight ");
    }

    private static double metricOrZero(String exposition, String sample) {
        return exposition.lines().anyMatch(line -> line.startsWith(sample + " ")) ? metric(exposition, sample) : 0;
    }

    /** The value of one Prometheus sample, by its name and labels as the exposition prints them. */
    private static double metric(String exposition, String sample) {
        return exposition.lines().filter(line -> line.startsWith(sample + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(sample.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError("no sample " + sample + " in:\n" + exposition.lines()
                        .filter(line -> line.startsWith("maxim_")).collect(Collectors.joining("\n"))));
    }

    @Test
    void aStopIsHonouredWithinSecondsWhileCallsAreBeingRetried() {
        UsersFile users = JobTestSupport.usersCsv(data, "cts", 100, false);
        JobTestSupport.jobFile(jobs, "control-stop", JobTestSupport.usersStep(users.file(), 5, 20, "reject"));
        SANDBOX.faults().set(slow(1.0));
        long served = SANDBOX.state().requestsServed();

        long id = api.launch("control-stop");
        // Calls are failing and being retried: the chunk would not end before the retry cap.
        await().atMost(Duration.ofSeconds(30)).until(() -> SANDBOX.state().requestsServed() - served >= 20);
        long stopAsked = System.nanoTime();
        api.json(api.post("/api/executions/" + id + "/stop", ""), 202);

        // Spring Batch shows STOPPED at once; the run has ended when its step has ended and it may be restarted.
        JsonNode stopped = await().atMost(RETRY_CAP.plusSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.execution(id), e -> e.get("restartable").asBoolean());
        assertThat(Duration.ofNanos(System.nanoTime() - stopAsked)).isLessThan(RETRY_CAP.minusSeconds(5));
        assertThat(stopped.get("status").asString()).isEqualTo("STOPPED");
        assertThat(stopped.get("exitCode").asString()).isEqualTo("STOPPED");
        assertThat(stopped.get("steps").get(0).get("status").asString()).isEqualTo("STOPPED");

        SANDBOX.faults().set(slow(0));
        long second = api.json(api.post("/api/executions/" + id + "/restart", ""), 202).get("id").asLong();
        api.awaitStatus(second, "COMPLETED", Duration.ofSeconds(60));
        assertThat(registered("cts_")).isEqualTo(Set.copyOf(users.valid().values()));
    }

    @Test
    void anExecutionLeftStartedByADeadProcessIsRecoveredAndRestartedButALiveOneIsNot() {
        UsersFile users = JobTestSupport.usersCsv(data, "ctc", 60, false);
        JobTestSupport.jobFile(jobs, "control-crash", JobTestSupport.usersStep(users.file(), 5, 10, "reject"));
        SANDBOX.faults().set(new SandboxFaults.Settings(0, 0, 0, 0, 0, 10008, 1));
        long first = api.launch("control-crash");
        api.awaitStatus(first, "FAILED", Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.execution(first).get("restartable").asBoolean());
        // What a SIGKILL leaves behind: the execution and its step still STARTED, with no end.
        jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'UNKNOWN', END_TIME = NULL WHERE JOB_EXECUTION_ID = ?", first);
        jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'EXECUTING', END_TIME = NULL WHERE JOB_EXECUTION_ID = ?", first);
        JsonNode crashed = api.execution(first);
        assertThat(crashed.get("status").asString()).isEqualTo("STARTED");
        assertThat(crashed.get("restartable").asBoolean()).isTrue();

        // A live execution of another job is not taken for a crashed one.
        UsersFile others = JobTestSupport.usersCsv(data, "ctl", 200, false);
        JobTestSupport.jobFile(jobs, "control-live", JobTestSupport.usersStep(others.file(), 5, 5, "reject"));
        SANDBOX.faults().set(slow(0));
        long live = api.launch("control-live");
        JsonNode running = api.execution(live);
        if (running.get("status").asString().equals("STARTED")) {
            assertThat(running.get("restartable").asBoolean()).isFalse();
            assertThat(api.json(api.post("/api/executions/" + live + "/restart", ""), 409).get("detail").asString())
                    .contains("running in this process");
        }
        api.awaitStatus(live, "COMPLETED", Duration.ofSeconds(60));

        long second = api.json(api.post("/api/executions/" + first + "/restart", ""), 202).get("id").asLong();
        api.awaitStatus(second, "COMPLETED", Duration.ofSeconds(60));
        assertThat(api.execution(first).get("status").asString()).isEqualTo("FAILED");
        assertThat(registered("ctc_")).isEqualTo(Set.copyOf(users.valid().values()));
    }

    @Test
    void aStoppedExecutionWhoseProcessDiedBeforeItsStepEndedCanBeRestarted() {
        UsersFile users = JobTestSupport.usersCsv(data, "ctd", 40, false);
        JobTestSupport.jobFile(jobs, "control-died", JobTestSupport.usersStep(users.file(), 5, 10, "reject"));
        SANDBOX.faults().set(new SandboxFaults.Settings(0, 0, 0, 0, 0, 10008, 1));
        long first = api.launch("control-died");
        api.awaitStatus(first, "FAILED", Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.execution(first).get("restartable").asBoolean());
        // Stopped by an operator (Spring Batch writes STOPPED at once), then the process died before its step ended.
        jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STOPPED', EXIT_CODE = 'STOPPED' WHERE JOB_EXECUTION_ID = ?", first);
        jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'EXECUTING', END_TIME = NULL WHERE JOB_EXECUTION_ID = ?", first);
        assertThat(api.execution(first).get("restartable").asBoolean()).isTrue();

        SANDBOX.faults().set(SandboxFaults.Settings.none());
        long second = api.json(api.post("/api/executions/" + first + "/restart", ""), 202).get("id").asLong();
        api.awaitStatus(second, "COMPLETED", Duration.ofSeconds(60));
        assertThat(registered("ctd_")).isEqualTo(Set.copyOf(users.valid().values()));
    }

    /** Calls take 20 ms; p503 of them answer HTTP 503 with no work done. */
    private static SandboxFaults.Settings slow(double p503) {
        return new SandboxFaults.Settings(20, 0, p503, 0, 0, null, 7);
    }

    private static Set<String> registered(String prefix) {
        return SANDBOX.state().usersByName().keySet().stream().filter(name -> name.startsWith(prefix)).collect(Collectors.toSet());
    }

    private long rejectedBefore(long execution) {
        return api.execution(execution).get("steps").get(0).get("rejected").asLong();
    }
}
