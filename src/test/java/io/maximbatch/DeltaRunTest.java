package io.maximbatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.execution.DryRunPlan;
import io.maximbatch.execution.DryRuns;
import io.maximbatch.execution.Executions;
import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.report.StepOutcomes;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * A delta run of the cut-over window: after a full migration, 20 nicknames change and 10 users, 5 friendships and 3
 * admins are added; `run --new` sends exactly those, and its dry run plans the same.
 */
@SpringBootTest
class DeltaRunTest {

    private static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());

    @TempDir
    static Path dir;

    @Autowired
    Executions runs;

    @Autowired
    DryRuns dryRuns;

    @Autowired
    JobFileParser parser;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        JobTestSupport.sandboxProperties(registry, SANDBOX, dir.resolve("rejects"));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:delta-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void aNewRunSendsOnlyWhatChangedAndItsDryRunPlansTheSame() throws Exception {
        Path job = write(100, Map.of(), 40, 2);
        assertThat(runs.run(parser.parse(job), Map.of(), false, n -> { }).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<Integer, String> renamed = new HashMap<>();
        for (int i = 1; i <= 20; i++) {
            renamed.put(i * 3, "Renamed " + i);
        }
        write(110, renamed, 45, 5);
        Map<String, Long> updatesBefore = SANDBOX.state().executedUpdates();
        Map<String, Long> callsBefore = SANDBOX.state().servedByCall();
        long friendsBefore = friendships();

        JobFile file = parser.parse(job);
        DryRunPlan plan = dryRuns.plan(job, Map.of(), true, n -> { });
        JobExecution delta = runs.run(file, Map.of(), true, n -> { });

        assertThat(delta.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, Long> updates = since(updatesBefore, SANDBOX.state().executedUpdates());
        assertThat(updates).containsEntry("profile", 30L).containsEntry("avatar", 5L).containsEntry("admin", 3L);
        assertThat(since(callsBefore, SANDBOX.state().servedByCall())).containsEntry("POST /user/register/batch", 1L);
        assertThat(friendships() - friendsBefore).isEqualTo(5);
        StepOutcomes attributes = step(delta, "users-attributes");
        assertThat(attributes.updated()).isEqualTo(20);
        assertThat(attributes.written()).isEqualTo(10);
        assertThat(step(delta, "users").written()).isEqualTo(10);
        assertThat(step(delta, "friends").written()).isEqualTo(5);
        assertThat(step(delta, "groups-admins").written()).isEqualTo(3);

        assertThat(plan.step("users").written()).isEqualTo(10);
        assertThat(plan.step("users-attributes").updated()).isEqualTo(20);
        assertThat(plan.step("users-attributes").written()).isEqualTo(10);
        assertThat(plan.step("users-attributes").items()).containsEntry("POST /user/profile/batch", 30L).containsEntry("POST /user/avatar/batch", 5L);
        assertThat(plan.step("friends").written()).isEqualTo(5);
        assertThat(plan.step("groups-admins").written()).isEqualTo(3);
        assertThat(plan.step("groups-admins").items()).containsEntry("POST /group/admin/add", 3L);
    }

    /** Users 1..n (every tenth with an avatar), friendships i -> i+1 for i below f, one group with admins 2..a+1. */
    private static Path write(int n, Map<Integer, String> renamed, int f, int admins) {
        StringBuilder users = new StringBuilder("legacy_id,username,password,nickname,avatar\n");
        for (int i = 1; i <= n; i++) {
            users.append("D").append(i).append(",delta_").append(i).append(",pw-").append(i).append(',')
                    .append(renamed.getOrDefault(i, "Nick " + i)).append(',').append(i % 2 == 0 ? "https://cdn.example.com/d" + i + ".png" : "")
                    .append('\n');
        }
        StringBuilder rosters = new StringBuilder("user_legacy_id,friend_legacy_id\n");
        for (int i = 1; i < f; i++) {
            rosters.append("D").append(i).append(",D").append(i + 1).append('\n');
        }
        StringBuilder members = new StringBuilder("legacy_group_id,member_legacy_id,role\n");
        for (int i = 2; i <= 20; i++) {
            members.append("G1,D").append(i).append(',').append(i <= admins + 1 ? "admin" : "").append('\n');
        }
        JobTestSupport.write(dir.resolve("users.csv"), users.toString());
        JobTestSupport.write(dir.resolve("rosters.csv"), rosters.toString());
        JobTestSupport.write(dir.resolve("groups.csv"), "legacy_group_id,name,owner_legacy_id\nG1,Delta team,D1\n");
        JobTestSupport.write(dir.resolve("members.csv"), members.toString());
        return JobTestSupport.jobFile(dir, "delta", JobTestSupport.usersStep(dir.resolve("users.csv"), 50, 200, "reject")
                + "  - name: friends\n    type: import-rosters\n    source: { csv: " + dir.resolve("rosters.csv") + " }\n"
                + "  - name: groups\n    type: create-groups\n    source: { csv: " + dir.resolve("groups.csv") + " }\n"
                + "    members: { csv: " + dir.resolve("members.csv") + " }\n");
    }

    private static long friendships() {
        return SANDBOX.state().usersByName().values().stream().mapToLong(id -> SANDBOX.state().friendsOf(id).size()).sum();
    }

    private static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> since = new HashMap<>();
        after.forEach((k, v) -> {
            if (v - before.getOrDefault(k, 0L) != 0) {
                since.put(k, v - before.getOrDefault(k, 0L));
            }
        });
        return since;
    }

    private static StepOutcomes step(JobExecution execution, String name) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).map(StepOutcomes::of).findFirst().orElseThrow();
    }
}
