package io.maximbatch.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobTestSupport;
import io.maximbatch.execution.DryRunPlan;
import io.maximbatch.execution.DryRuns;
import io.maximbatch.execution.Executions;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.reconcile.ReconcileReport;
import io.maximbatch.reconcile.ReconcileService;
import io.maximbatch.report.StepOutcomes;
import io.maximbatch.sandbox.SandboxFaults;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import io.maximbatch.sandbox.SandboxState.GroupView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A CSV groups job's `display_name` column and `blocked` member rows: each display name set as its member and each
 * user blocked as the owner once, whatever answers are lost, read back after a killed run, never sent again by a
 * `--new` run, foreseen by the dry run and checked by reconcile.
 */
@SpringBootTest
class MemberSettingsJobTest {

    static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());

    @TempDir
    static Path rejects;

    @TempDir
    Path dir;

    @Autowired
    Executions runs;

    @Autowired
    DryRuns dryRuns;

    @Autowired
    JobFileParser parser;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReconcileService reconcile;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        JobTestSupport.sandboxProperties(registry, SANDBOX, rejects);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:member-settings-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterEach
    void clearFaults() {
        SANDBOX.faults().set(SandboxFaults.Settings.none());
    }

    @Test
    void eachDisplayNameAndBlockIsMadeOnceUnderLostAnswersAndNotAgainByANewRun() throws Exception {
        String p = "lost";
        Path job = job(p);
        DryRunPlan plan = dryRuns.plan(job, Map.of(), false, notice -> { });
        assertThat(plan.step("groups-member-settings").items()).containsEntry("POST /group/display_name", 3L)
                .containsEntry("POST /group/block", 1L);
        // Both carried out and their answers lost: sent again, a name would be set twice and a block made twice.
        SANDBOX.faults().dropNextAnswers("/group/display_name", 2);
        SANDBOX.faults().dropNextAnswers("/group/block", 1);
        Map<String, Long> executedBefore = SANDBOX.state().executedUpdates();

        JobExecution execution = run(job, false);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        StepOutcomes settings = outcomes(execution, "groups-member-settings");
        assertThat(List.of(settings.read(), settings.written(), settings.rejected(), settings.filtered())).containsExactly(6L, 4L, 1L, 1L);
        assertThat(Files.readString(Path.of(settings.rejectFile()))).contains("OWNER_BLOCKED");
        assertThat(outcomes(execution, "groups-members").filtered()).as("blocked rows are never invited").isEqualTo(2);
        GroupView group = group(p);
        assertThat(names(group.displayNames())).isEqualTo(Map.of(p + "_u1", "Boss", p + "_u2", "Deputy", p + "_u3", "Three"));
        assertThat(names(group.blocked())).containsExactly(p + "_u4");
        assertThat(names(group.members())).containsExactlyInAnyOrder(p + "_u1", p + "_u2", p + "_u3", p + "_u5");
        assertThat(executed("display-name", executedBefore)).as("each display name set once").isEqualTo(3);
        assertThat(executed("group-block", executedBefore)).as("each block made once").isEqualTo(1);
        ReconcileReport report = reconcile.reconcile(parser.parse(job), Map.of());
        assertThat(report.complete()).as(report.summary().toString()).isTrue();
        assertThat(List.of(report.checkedDisplayNames(), report.expectedGroupBlocks())).containsExactly(3L, 1L);

        Map<String, Long> calls = SANDBOX.state().servedByCall();
        JobExecution again = run(job, true);
        assertThat(outcomes(again, "groups-member-settings").alreadyDone()).isEqualTo(4);
        assertThat(calls(calls, "POST /group/display_name", "POST /group/block", "POST /group/members/display_name",
                "GET /group/blocked_list")).as("a --new run asks and sends nothing").isZero();

        Files.writeString(dir.resolve(p + "-members.csv"), Files.readString(dir.resolve(p + "-members.csv")).replace("Three", "Trois"));
        calls = SANDBOX.state().servedByCall();
        JobExecution changed = run(job, true);
        assertThat(outcomes(changed, "groups-member-settings").updated()).isEqualTo(1);
        assertThat(calls(calls, "POST /group/display_name")).isEqualTo(1);
        assertThat(group(p).displayNames()).containsValue("Trois");
    }

    @Test
    void whatAKilledRunLeftPendingAfterSendingIsReadBackAndNotSentAgain() throws Exception {
        String p = "killed";
        Path job = job(p);
        assertThat(run(job, false).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // As a SIGKILL leaves them right after the calls were carried out: PENDING, never marked applied.
        assertThat(jdbc.update("UPDATE applied_state SET pending_hash = applied_hash, applied_hash = NULL WHERE entity LIKE ?"
                + " AND attribute IN ('display_name', 'blocked')", "member:" + p + "-%")).isEqualTo(4);
        Map<String, Long> executedBefore = SANDBOX.state().executedUpdates();
        Map<String, Long> calls = SANDBOX.state().servedByCall();

        JobExecution again = run(job, true);

        assertThat(outcomes(again, "groups-member-settings").written()).as("found done: this job's, written").isEqualTo(4);
        assertThat(calls(calls, "POST /group/display_name", "POST /group/block")).isZero();
        assertThat(calls(calls, "GET /group/blocked_list")).as("the blacklist read once for the group").isEqualTo(1);
        assertThat(executed("display-name", executedBefore) + executed("group-block", executedBefore)).isZero();
        assertThat(outcomes(run(job, true), "groups-member-settings").alreadyDone()).as("marked applied: asked no more").isEqualTo(4);
    }

    /** Users 1..5; one group owned by u1; u1 (owner), u2 (admin) and u3 named, u4 blocked, u5 a plain member, the owner blocked (refused). */
    private Path job(String p) {
        StringBuilder users = new StringBuilder("legacy_id,username,password\n");
        for (int i = 1; i <= 5; i++) {
            users.append(p).append("-u").append(i).append(',').append(p).append("_u").append(i).append(",pw-").append(i).append('\n');
        }
        Path usersCsv = write(p + "-users.csv", users.toString());
        Path groups = write(p + "-groups.csv", "legacy_group_id,name,owner_legacy_id\n" + p + "-g1," + p + " Club," + p + "-u1\n");
        String g = p + "-g1," + p + "-u";
        Path members = write(p + "-members.csv", "legacy_group_id,member_legacy_id,role,display_name\n" + g + "1,,Boss\n"
                + g + "2,admin,Deputy\n" + g + "3,member,Three\n" + g + "4,blocked,\n" + g + "5,,\n" + g + "1,outcast,\n");
        return JobTestSupport.jobFile(dir, p, JobTestSupport.usersStep(usersCsv, 50, 200, "reject")
                + "  - name: groups\n    type: create-groups\n    source: { csv: " + groups.toAbsolutePath() + " }\n"
                + "    members: { csv: " + members.toAbsolutePath() + " }\n");
    }

    private JobExecution run(Path job, boolean fresh) throws Exception {
        return runs.run(parser.parse(job), Map.of(), fresh, notice -> { });
    }

    private static StepOutcomes outcomes(JobExecution execution, String step) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(step)).map(StepOutcomes::of)
                .findFirst().orElseThrow(() -> new AssertionError("no step " + step));
    }

    private static GroupView group(String p) {
        return SANDBOX.state().groups().stream().filter(g -> g.name().equals(p + " Club")).findFirst().orElseThrow();
    }

    private static Map<String, String> names(Map<Long, String> byId) {
        return byId.entrySet().stream().collect(Collectors.toMap(e -> username(e.getKey()), Map.Entry::getValue));
    }

    private static Set<String> names(Set<Long> ids) {
        return ids.stream().map(MemberSettingsJobTest::username).collect(Collectors.toSet());
    }

    private static String username(long id) {
        return SANDBOX.state().usersByName().entrySet().stream().filter(e -> e.getValue() == id).map(Map.Entry::getKey).findFirst()
                .orElseThrow();
    }

    private static long executed(String kind, Map<String, Long> before) {
        return SANDBOX.state().executedUpdates().getOrDefault(kind, 0L) - before.getOrDefault(kind, 0L);
    }

    private static long calls(Map<String, Long> before, String... calls) {
        Map<String, Long> after = SANDBOX.state().servedByCall();
        return java.util.Arrays.stream(calls).mapToLong(c -> after.getOrDefault(c, 0L) - before.getOrDefault(c, 0L)).sum();
    }

    private Path write(String name, String text) {
        Path file = dir.resolve(name);
        JobTestSupport.write(file, text);
        return file;
    }
}
