package io.maximbatch.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maximbatch.JobTestSupport;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.execution.DryRunPlan;
import io.maximbatch.execution.DryRuns;
import io.maximbatch.execution.Executions;
import io.maximbatch.maxim.CallGuard;
import io.maximbatch.report.StepOutcomes;
import io.maximbatch.sandbox.SandboxFaults;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * `run --dry-run` of register-users against a server that already holds some of the input's usernames (some
 * registered by an earlier run of ours, some not): the plan's figures, no write call, and the real run agreeing.
 */
@SpringBootTest
class DryRunAgreesWithRunTest {

    private static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());

    @TempDir
    static Path dir;

    @Autowired
    Executions runs;

    @Autowired
    DryRuns dryRuns;

    @Autowired
    JobFileParser parser;

    @Autowired
    CallGuard guard;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        JobTestSupport.sandboxProperties(registry, SANDBOX, dir.resolve("rejects"));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:dry-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void thePlanCountsWhatTheRunThenDoesAndWritesNothing() throws Exception {
        JobTestSupport.UsersFile all = JobTestSupport.usersCsv(dir, "dr", 60, true);
        // An earlier run of ours registered the first 19 users (the first 20 rows hold one broken row).
        Path early = dir.resolve("dr-early.csv");
        Files.write(early, Files.readAllLines(all.file()).subList(0, 21));
        JobExecution earlier = runs.run(parser.parse(JobTestSupport.jobFile(dir, "dr-early", JobTestSupport.usersStep(early, 10, 10, "reject"))),
                Map.of(), false, notice -> { });
        assertThat(earlier.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // Someone else registered five of the others.
        for (int i = 41; i <= 45; i++) {
            register("dr_" + i);
        }
        Path job = JobTestSupport.jobFile(dir, "dr-main", JobTestSupport.usersStep(all.file(), 10, 20, "reject"));
        int usersBefore = SANDBOX.state().usersByName().size();
        Map<String, Long> callsBefore = SANDBOX.state().servedByCall();

        DryRunPlan whole = dryRuns.plan(job, Map.of(), false, notice -> { });
        DryRunPlan.Step plan = whole.step("users");

        assertThat(List.of(plan.written(), plan.alreadyDone(), plan.rejected())).containsExactly(36L, 19L, 5L + all.invalidLines().size());
        assertThat(SANDBOX.state().usersByName()).hasSize(usersBefore);
        Map<String, Long> calls = difference(callsBefore, SANDBOX.state().servedByCall());
        // A small app is listed (a page and the empty one that ends it) rather than asked name by name.
        assertThat(calls).as("a dry run only asks which usernames exist").containsOnlyKeys("GET /user/list");
        Path report = dir.resolve("rejects").resolve("dr-main-dry-run-users.csv");
        assertThat(Files.readAllLines(report)).hasSize(1 + 5 + all.invalidLines().size());
        assertThat(Files.readString(report)).as("the names MaxIM has").contains("dr_41", "dr_45");
        Map<String, Long> itemsBefore = SANDBOX.itemsByCall();
        callsBefore = SANDBOX.state().servedByCall();

        JobExecution real = runs.run(parser.parse(job), Map.of(), false, notice -> { });

        StepOutcomes outcomes = StepOutcomes.of(real.getStepExecutions().iterator().next());
        assertThat(List.of(outcomes.written(), outcomes.alreadyDone(), outcomes.rejected()))
                .containsExactly(plan.written(), plan.alreadyDone(), plan.rejected());
        assertThat(JobTestSupport.writesSince(callsBefore, SANDBOX.state().servedByCall())).isEqualTo(whole.total().calls());
        assertThat(JobTestSupport.writesSince(itemsBefore, SANDBOX.itemsByCall())).isEqualTo(whole.total().items());
    }

    @Test
    void theDryRunAsksAtTheJobFilesRateLimit() throws Exception {
        JobTestSupport.UsersFile users = JobTestSupport.usersCsv(dir, "slow", 20, false);
        Path job = dir.resolve("slow.yml");
        JobTestSupport.write(job, "name: slow\nrate-limit: 5\nsteps:\n" + JobTestSupport.usersStep(users.file(), 10, 20, "reject"));
        nearMisses(users);
        long lookupsBefore = SANDBOX.state().servedByCall().getOrDefault("GET /roster/name", 0L);
        Map<Long, Long> secondsBefore = SANDBOX.state().servedPerSecond();
        dryRuns.plan(job, Map.of(), false, notice -> { });
        assertThat(SANDBOX.state().servedByCall().get("GET /roster/name") - lookupsBefore).isEqualTo(20);
        // 5 a second, or twice that where the limiter's period straddles one of the sandbox's seconds; the process's
        // default of the tests (2,000/s) asks all 20 within a second.
        assertThat(difference(secondsBefore, SANDBOX.state().servedPerSecond()).values()).allMatch(served -> served <= 10);
    }

    @Test
    void theDryRunAsksAChunksNamesTogether() throws Exception {
        JobTestSupport.UsersFile users = JobTestSupport.usersCsv(dir, "together", 40, false);
        Path job = JobTestSupport.jobFile(dir, "together", JobTestSupport.usersStep(users.file(), 10, 40, "reject"));
        nearMisses(users);
        Map<Long, Long> secondsBefore = SANDBOX.state().servedPerSecond();
        SANDBOX.faults().set(new SandboxFaults.Settings(100, 0, 0, 0, 0, null, 1));
        try {
            dryRuns.plan(job, Map.of(), false, notice -> { });
        } finally {
            SANDBOX.faults().set(SandboxFaults.Settings.none());
        }
        // One at a time, answers of 100 ms allow 10 look-ups a second at most; the chunk's 40 together fit in one or two.
        assertThat(difference(secondsBefore, SANDBOX.state().servedPerSecond()).values()).anyMatch(served -> served >= 20);
    }

    @Test
    void aRefusedTokenStopsTheDryRunAfterOneSliceOfLookUps() throws Exception {
        JobTestSupport.UsersFile users = JobTestSupport.usersCsv(dir, "refused", 3000, false);
        Path job = JobTestSupport.jobFile(dir, "refused", JobTestSupport.usersStep(users.file(), 10, 3000, "reject"));
        long servedBefore = SANDBOX.state().requestsServed();
        SANDBOX.faults().set(new SandboxFaults.Settings(0, 0, 0, 0, 0, 10008, 1));
        try {
            DryRunPlan plan = dryRuns.plan(job, Map.of(), false, notice -> { });
            assertThat(plan.status()).isEqualTo("FAILED");
            assertThat(plan.cause()).contains("10008");
        } finally {
            SANDBOX.faults().set(SandboxFaults.Settings.none());
        }
        // A refused token is fatal at its first read: far fewer calls than the chunk's 3,000 names.
        assertThat(SANDBOX.state().requestsServed() - servedBefore).isLessThanOrEqualTo(2000);
    }

    /**
     * Registers each name in capitals: the listing of the app then cannot tell whether MaxIM takes the lower-case name
     * for the same, so the dry run asks MaxIM about each one (the look-ups these tests watch).
     */
    private static void nearMisses(JobTestSupport.UsersFile users) throws Exception {
        for (String username : users.valid().values()) {
            register(username.toUpperCase(java.util.Locale.ROOT));
        }
    }

    private static <K> Map<K, Long> difference(Map<K, Long> before, Map<K, Long> after) {
        Map<K, Long> grown = new HashMap<>();
        after.forEach((call, count) -> {
            long delta = count - before.getOrDefault(call, 0L);
            if (delta > 0) {
                grown.put(call, delta);
            }
        });
        return grown.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static void register(String username) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(SANDBOX.endpoint() + "/user/register/v2"))
                .header("app_id", "sandbox").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"pw-other-1\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.body()).contains("\"code\":200");
    }
}
