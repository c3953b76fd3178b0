package io.maximbatch.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobTestSupport;
import io.maximbatch.execution.DryRunPlan;
import io.maximbatch.execution.DryRuns;
import io.maximbatch.execution.Executions;
import io.maximbatch.jobfile.JobFileParser;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A CSV job's block-users step after register-users, against the sandbox (H2): each block made once, whatever MaxIM answers. */
@SpringBootTest
class BlockUsersJobTest {

    private static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());

    @TempDir
    static Path reports;

    @TempDir
    Path dir;

    @Autowired
    Executions runs;

    @Autowired
    DryRuns dryRuns;

    @Autowired
    JobFileParser parser;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        JobTestSupport.sandboxProperties(registry, SANDBOX, reports);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:blocks-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void eachBlockIsMadeOnceAndOneMaximHasAlreadyIsAlreadyDone() throws Exception {
        Path users = JobTestSupport.usersCsv(dir, "blk", 5, false).file();
        Path blocks = dir.resolve("blocks.csv");
        JobTestSupport.write(blocks, """
                user_legacy_id,blocked_legacy_id,skip
                blk-L1,blk-L2,
                blk-L1,blk-L3,
                blk-L2,blk-L1,
                blk-L1,blk-L2,
                blk-L4,blk-L4,
                blk-L4,nobody,
                blk-L5,blk-L1,true
                """);
        Path usersOnly = JobTestSupport.jobFile(dir, "blk-users", JobTestSupport.usersStep(users, 10, 10, "reject"));
        assertThat(runs.run(parser.parse(usersOnly), Map.of(), false, n -> { }).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, Long> ids = SANDBOX.state().usersByName();
        // Someone blocked blk_3 for blk_1 in MaxIM already: the sandbox answers a repeat 10006, as the vendor may.
        assertThat(block(ids.get("blk_1"), ids.get("blk_3"))).contains("\"code\":200");
        assertThat(block(ids.get("blk_1"), ids.get("blk_3"))).contains("\"code\":10006");

        Path friends = dir.resolve("friends.csv");
        // blk_1 adds blk_2 and then blocks them: MaxIM takes blk_2 off blk_1's list, and reconcile expects no such friend.
        JobTestSupport.write(friends, "user_legacy_id,friend_legacy_id\nblk-L1,blk-L2\nblk-L3,blk-L1\n");
        Path job = JobTestSupport.jobFile(dir, "blk-blocks", JobTestSupport.usersStep(users, 10, 10, "reject")
                + "  - name: friends\n    type: import-rosters\n    source:\n      csv: " + friends.toAbsolutePath() + "\n"
                + "  - name: blocks\n    type: block-users\n    chunk-size: 3\n    source:\n      csv: " + blocks.toAbsolutePath()
                + "\n  - name: reconcile\n    type: reconcile\n");
        DryRunPlan.Step planned = dryRuns.plan(job, Map.of(), false, n -> { }).step("blocks");
        assertThat(List.of(planned.read(), planned.written(), planned.alreadyDone(), planned.rejected(), planned.filtered()))
                .containsExactly(7L, 3L, 1L, 2L, 1L);
        assertThat(planned.calls()).containsExactly(Map.entry("POST /roster/block", 3L));
        long made = SANDBOX.state().executedUpdates().getOrDefault("block", 0L);

        JobExecution execution = runs.run(parser.parse(job), Map.of(), false, n -> { });

        assertThat(execution.getStatus()).as(execution.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
        StepOutcomes outcomes = outcomes(execution);
        assertThat(List.of(outcomes.read(), outcomes.written(), outcomes.alreadyDone(), outcomes.rejected(), outcomes.filtered()))
                .as("two blocks made, one MaxIM had (10006), one row twice").containsExactly(7L, 2L, 2L, 2L, 1L);
        assertThat(SANDBOX.state().blocks()).containsEntry(ids.get("blk_1"), Set.of(ids.get("blk_2"), ids.get("blk_3")))
                .containsEntry(ids.get("blk_2"), Set.of(ids.get("blk_1"))).doesNotContainKeys(ids.get("blk_4"), ids.get("blk_5"));
        assertThat(SANDBOX.state().executedUpdates().get("block") - made).as("each new block made once").isEqualTo(2);
        assertThat(execution.getStepExecutions().stream().filter(s -> s.getStepName().equals("reconcile")).findFirst().orElseThrow()
                .getExecutionContext().getString(StepOutcomes.SUMMARY)).contains("User blocks: expected 3, missing 0")
                .contains("Friendships: expected 1, present 1, missing 0").contains("Complete: nothing the sources expect is missing.");
        assertThat(SANDBOX.state().friendsOf(ids.get("blk_1"))).as("a block ends the friendship").isEmpty();
        assertThat(SANDBOX.state().friendsOf(ids.get("blk_3"))).containsExactly(ids.get("blk_1"));
        String report = rejects();
        assertThat(report).contains("SELF_BLOCK").contains("a user cannot block themselves (blk-L4)")
                .contains("UNKNOWN_USER").contains("legacy user nobody is not registered in MaxIM");

        // A --new run sends no block: the applied-state ledger has them all.
        long calls = SANDBOX.state().servedByCall().getOrDefault("POST /roster/block", 0L);
        JobExecution again = runs.run(parser.parse(job), Map.of(), true, n -> { });
        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(SANDBOX.state().servedByCall().getOrDefault("POST /roster/block", 0L)).isEqualTo(calls);
        assertThat(outcomes(again).alreadyDone()).isEqualTo(4);
    }

    @Test
    void blocksWhoseAnswersAreLostAreReadBackAndMadeOnce() throws Exception {
        Path users = JobTestSupport.usersCsv(dir, "lost", 5, false).file();
        StringBuilder csv = new StringBuilder("user_legacy_id,blocked_legacy_id\n");
        for (int user = 1; user <= 5; user++) {
            for (int other = 1; other <= 5; other++) {
                csv.append(user == other ? "" : "lost-L" + user + ",lost-L" + other + "\n");
            }
        }
        Path blocks = dir.resolve("lost-blocks.csv");
        JobTestSupport.write(blocks, csv.toString());
        Path job = JobTestSupport.jobFile(dir, "lost-blocks", JobTestSupport.usersStep(users, 10, 10, "reject")
                + "  - name: blocks\n    type: block-users\n    chunk-size: 4\n    source:\n      csv: " + blocks.toAbsolutePath() + "\n");
        long made = SANDBOX.state().executedUpdates().getOrDefault("block", 0L);

        SANDBOX.faults().set(new SandboxFaults.Settings(0, 0, 0.1, 0.05, 0.4, null, 11));
        JobExecution execution;
        try {
            execution = runs.run(parser.parse(job), Map.of(), false, n -> { });
        } finally {
            SANDBOX.faults().set(SandboxFaults.Settings.none());
        }

        assertThat(execution.getStatus()).as(execution.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(outcomes(execution).written()).isEqualTo(20);
        Map<String, Long> ids = SANDBOX.state().usersByName();
        for (int user = 1; user <= 5; user++) {
            assertThat(SANDBOX.state().blocks().get(ids.get("lost_" + user))).as("lost_%d's blacklist", user).hasSize(4);
        }
        assertThat(SANDBOX.state().executedUpdates().get("block") - made).as("each block made once").isEqualTo(20);
        assertThat(SANDBOX.state().servedByCall().get("GET /roster/blocked_list")).as("lost answers read back").isPositive();
    }

    private static StepOutcomes outcomes(JobExecution execution) {
        return StepOutcomes.of(execution.getStepExecutions().stream().filter(s -> s.getStepName().equals("blocks")).findFirst().orElseThrow());
    }

    /** POST /roster/block?user_id=blocked as the user, straight to the sandbox (someone else's block). */
    private static String block(long userId, long blockedId) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(SANDBOX.endpoint() + "/roster/block?user_id=" + blockedId))
                .header("app_id", "sandbox").header("access-token", "sandbox-token").header("user_id", Long.toString(userId))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String rejects() throws Exception {
        try (Stream<Path> files = Files.walk(reports)) {
            return String.join("\n", files.filter(f -> f.getFileName().toString().startsWith("blk-blocks") && f.toString().endsWith(".csv"))
                    .map(f -> {
                        try {
                            return Files.readString(f);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList());
        }
    }
}
