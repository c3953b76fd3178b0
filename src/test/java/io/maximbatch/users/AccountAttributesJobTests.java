package io.maximbatch.users;

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
import io.maximbatch.sandbox.SandboxState.AccountView;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Account attributes (profile, avatar, tags, alias, disabled) as a users source carries them, against the sandbox: each
 * reaches MaxIM once per change, also when answers are lost, and a re-run sends only what changed.
 */
abstract class AccountAttributesJobTests {

    static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());

    static void sandboxProperties(DynamicPropertyRegistry registry, Path rejectsDir) {
        JobTestSupport.sandboxProperties(registry, SANDBOX, rejectsDir);
    }

    @TempDir
    Path dir;

    @Autowired
    Executions runs;

    @Autowired
    DryRuns dryRuns;

    @Autowired
    JobFileParser parser;

    private final String db;

    AccountAttributesJobTests(String db) {
        this.db = db;
    }

    @AfterEach
    void clearFaults() {
        SANDBOX.faults().set(SandboxFaults.Settings.none());
    }

    @Test
    void everyAttributeReachesMaxImOnceAndARerunSendsOnlyWhatChanged() throws Exception {
        String p = db + "attr";
        Path csv = dir.resolve(p + ".csv");
        JobTestSupport.write(csv, users(p, 40, Map.of()));
        Path job = JobTestSupport.jobFile(dir, p, JobTestSupport.usersStep(csv, 10, 20, "reject"));
        Map<String, Long> before = SANDBOX.state().executedUpdates();
        DryRunPlan.Step planned = dryRuns.plan(job, Map.of(), false, n -> { }).step("users-attributes");
        assertThat(planned.written()).isEqualTo(40);
        assertThat(planned.items()).containsEntry("POST /user/profile/batch", 40L).containsEntry("POST /user/avatar/batch", 20L)
                .containsEntry("POST /user/push/tag", 40L).containsEntry("POST /user/push/alias", 40L).containsEntry("PUT /user/disable", 4L);
        assertThat(executedSince(before)).as("a dry run sends nothing").isEmpty();

        JobExecution first = runs.run(parser.parse(job), Map.of(), false, n -> { });

        assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        StepOutcomes attributes = step(first, "users-attributes");
        assertThat(attributes.written()).isEqualTo(40);
        assertThat(attributes.balanced()).isTrue();
        assertExpected(p, 40, Map.of());
        assertThat(executedSince(before)).containsEntry("profile", 40L).containsEntry("avatar", 20L).containsEntry("tag", 40L)
                .containsEntry("alias", 40L).containsEntry("disable", 4L).doesNotContainKey("enable");

        Map<String, Long> afterFirst = SANDBOX.state().executedUpdates();
        JobExecution again = runs.run(parser.parse(job), Map.of(), true, n -> { });
        assertThat(step(again, "users-attributes").alreadyDone()).isEqualTo(40);
        assertThat(executedSince(afterFirst)).as("an unchanged account costs no call").isEmpty();

        // Three changes in three different chunks of 20 rows: the reader passes on only these, sent in one call.
        Map<Integer, String> renamed = Map.of(3, "Renamed 3", 27, "Renamed 27", 38, "Renamed 38");
        JobTestSupport.write(csv, users(p, 40, renamed));
        Map<String, Long> beforeDelta = SANDBOX.state().executedUpdates();
        DryRunPlan.Step deltaPlan = dryRuns.plan(job, Map.of(), true, n -> { }).step("users-attributes");
        assertThat(List.of(deltaPlan.updated(), deltaPlan.alreadyDone())).containsExactly(3L, 37L);
        assertThat(deltaPlan.items()).containsExactly(Map.entry("POST /user/profile/batch", 3L));
        assertThat(deltaPlan.allCalls()).isEqualTo(1);
        long profileCalls = SANDBOX.state().servedByCall().getOrDefault("POST /user/profile/batch", 0L);
        JobExecution delta = runs.run(parser.parse(job), Map.of(), true, n -> { });

        StepOutcomes changed = step(delta, "users-attributes");
        assertThat(changed.updated()).isEqualTo(3);
        assertThat(changed.alreadyDone()).isEqualTo(37);
        assertThat(changed.balanced()).isTrue();
        assertThat(executedSince(beforeDelta)).containsExactly(Map.entry("profile", 3L));
        assertThat(SANDBOX.state().servedByCall().get("POST /user/profile/batch") - profileCalls).as("profile calls").isEqualTo(1);
        assertExpected(p, 40, renamed);
    }

    @Test
    void lostAnswersAndServerErrorsNeverSendAChangeTwice() throws Exception {
        String p = db + "lossy";
        Path csv = dir.resolve(p + ".csv");
        JobTestSupport.write(csv, users(p, 120, Map.of()));
        Path job = JobTestSupport.jobFile(dir, p, JobTestSupport.usersStep(csv, 10, 30, "reject"));
        Map<String, Long> before = SANDBOX.state().executedUpdates();
        SANDBOX.faults().set(new SandboxFaults.Settings(0, 0, 0.03, 0.02, 0.02, null, 11));

        JobExecution run = runs.run(parser.parse(job), Map.of(), false, n -> { });
        for (int resume = 0; resume < 10 && run.getStatus() == BatchStatus.FAILED; resume++) {
            // Retries can run out under these faults: the run fails, and resuming it must still send no change twice.
            System.out.println("lossy run failed, resuming: " + run.getExitStatus().getExitDescription());
            run = runs.run(parser.parse(job), Map.of(), false, n -> { });
        }

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertExpected(p, 120, Map.of());
        // MaxIM has no read of an alias: that alone may go twice after a lost answer (same value).
        assertThat(executedSince(before)).containsEntry("profile", 120L).containsEntry("avatar", 60L).containsEntry("tag", 120L)
                .containsEntry("disable", 12L);
        assertThat(executedSince(before).get("alias")).isBetween(120L, 130L);
    }

    @Test
    void anAliasMaxImAnswersFalseIsRejectedAndSentAgainByTheNextRunAndATransientAvatarReasonIsAskedAgain() throws Exception {
        String p = db + "false";
        Path csv = dir.resolve(p + ".csv");
        JobTestSupport.write(csv, users(p, 6, Map.of()));
        Path job = JobTestSupport.jobFile(dir, p, JobTestSupport.usersStep(csv, 10, 20, "reject"));
        SANDBOX.faults().answerFalseNext("/user/push/alias", 1);
        SANDBOX.faults().failItemsNext("/user/avatar/batch", 1, "20000 server database exception");

        JobExecution first = runs.run(parser.parse(job), Map.of(), false, n -> { });

        assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        StepOutcomes attributes = step(first, "users-attributes");
        assertThat(attributes.rejected()).isEqualTo(1);
        assertThat(attributes.balanced()).isTrue();
        assertThat(reportLines(attributes)).singleElement().satisfies(l -> assertThat(l).contains("\"ANSWERED_FALSE\"").contains("alias"));
        Map<String, Long> ids = SANDBOX.state().usersByName();
        Map<Long, AccountView> accounts = SANDBOX.state().accounts();
        assertThat(List.of(1, 2, 3, 4, 5, 6)).filteredOn(i -> accounts.get(ids.get(p + "_" + i)).alias() == null).hasSize(1);
        assertThat(List.of(2, 4, 6)).as("avatars asked again after a transient reason")
                .allSatisfy(i -> assertThat(accounts.get(ids.get(p + "_" + i)).avatar()).isEqualTo("https://cdn.example.com/" + p + "/" + i + ".png"));

        JobExecution again = runs.run(parser.parse(job), Map.of(), true, n -> { });

        assertThat(step(again, "users-attributes").written()).as("the refused alias").isEqualTo(1);
        assertExpected(p, 6, Map.of());
    }

    @Test
    void aProfileItemRefusedWithACodeIsRejectedUnderThatCode() throws Exception {
        String p = db + "coded";
        Path csv = dir.resolve(p + ".csv");
        JobTestSupport.write(csv, users(p, 3, Map.of()));
        Path job = JobTestSupport.jobFile(dir, p, JobTestSupport.usersStep(csv, 10, 20, "reject"));
        SANDBOX.faults().failItemsNext("/user/profile/batch", 1, "10010 no permission");

        JobExecution run = runs.run(parser.parse(job), Map.of(), false, n -> { });

        StepOutcomes attributes = step(run, "users-attributes");
        assertThat(attributes.rejected()).isEqualTo(3);
        assertThat(reportLines(attributes)).hasSize(3).allSatisfy(l -> assertThat(l).contains("\"10010\"").contains("no permission"));
    }

    private static List<String> reportLines(StepOutcomes outcomes) throws Exception {
        List<String> lines = java.nio.file.Files.readAllLines(Path.of(outcomes.rejectFile()));
        return lines.subList(1, lines.size());
    }

    @Test
    void aDisableWhoseAnswerIsLostIsAskedOfUserListNotSentAgain() throws Exception {
        String p = db + "ban";
        Path csv = dir.resolve(p + ".csv");
        JobTestSupport.write(csv, users(p, 30, Map.of()));
        Path job = JobTestSupport.jobFile(dir, p, JobTestSupport.usersStep(csv, 10, 30, "reject"));
        Map<String, Long> before = SANDBOX.state().executedUpdates();
        SANDBOX.faults().dropNextAnswers("/user/disable", 1);

        JobExecution run = runs.run(parser.parse(job), Map.of(), false, n -> { });

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertExpected(p, 30, Map.of());
        // Users 10, 20 and 30 in one call whose answer was lost: /user/list's status shows them disabled, so no second call.
        assertThat(executedSince(before)).containsEntry("disable", 3L);
        assertThat(step(run, "users-attributes").written()).isEqualTo(30);
    }

    /** Users p_1..p_n: every one a profile, tags and an alias; even ones an avatar; every tenth disabled. */
    @Test
    void aTagTheSourceNoLongerListsIsUnboundButNotOneTheAppBoundItself() throws Exception {
        String p = db + "tags";
        Path csv = dir.resolve(p + ".csv");
        JobTestSupport.write(csv, users(p, 6, Map.of()));
        Path job = JobTestSupport.jobFile(dir, p, JobTestSupport.usersStep(csv, 10, 20, "reject"));
        assertThat(runs.run(parser.parse(job), Map.of(), false, n -> { }).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, Long> ids = SANDBOX.state().usersByName();
        // The app binds a tag of its own to user 3; maxim-batch never bound it, so never unbinds it.
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(SANDBOX.endpoint().resolve("/user/push/tag"))
                .header("app_id", "sandbox").header("access-token", "sandbox-token").header("user_id", String.valueOf(ids.get(p + "_3")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"tags\": [\"app-own\"]}")).build(),
                HttpResponse.BodyHandlers.discarding());
        // User 3 moves from -fizz to -new; user 4 leaves -other.
        JobTestSupport.write(csv, users(p, 6, Map.of()).replace(p + "-all|" + p + "-fizz,", p + "-all|" + p + "-new,")
                .replace(p + "_4,pw-4,Nick 4,About 4,hello 4,https://cdn.example.com/" + p + "/4.png," + p + "-all|" + p + "-other,",
                        p + "_4,pw-4,Nick 4,About 4,hello 4,https://cdn.example.com/" + p + "/4.png," + p + "-all,"));
        DryRunPlan.Step plan = dryRuns.plan(job, Map.of(), true, n -> { }).step("users-attributes");
        assertThat(plan.updated()).isEqualTo(3);
        Map<String, Long> before = SANDBOX.state().executedUpdates();

        JobExecution delta = runs.run(parser.parse(job), Map.of(), true, n -> { });

        assertThat(step(delta, "users-attributes").updated()).isEqualTo(3);
        // Users 3 and 6 (both -fizz) unbind -fizz and bind -new; user 4 unbinds -other: three unbinds, two binds.
        assertThat(executedSince(before)).containsExactlyInAnyOrderEntriesOf(Map.of("untag", 3L, "tag", 2L));
        assertThat(plan.allCalls()).as("the plan's calls").isEqualTo(5);
        Map<Long, AccountView> accounts = SANDBOX.state().accounts();
        assertThat(accounts.get(ids.get(p + "_3")).tags()).containsExactlyInAnyOrder(p + "-all", p + "-new", "app-own");
        assertThat(accounts.get(ids.get(p + "_4")).tags()).containsExactly(p + "-all");
        assertThat(accounts.get(ids.get(p + "_5")).tags()).containsExactlyInAnyOrder(p + "-all", p + "-other");
    }

    private static String users(String p, int n, Map<Integer, String> nicknames) {
        StringBuilder csv = new StringBuilder("legacy_id,username,password,nickname,description,public_info,avatar,tags,push_alias,disabled\n");
        for (int i = 1; i <= n; i++) {
            csv.append(p).append("-L").append(i).append(',').append(p).append('_').append(i).append(",pw-").append(i).append(',')
                    .append(nicknames.getOrDefault(i, "Nick " + i)).append(",About ").append(i).append(",hello ").append(i).append(',')
                    .append(i % 2 == 0 ? "https://cdn.example.com/" + p + "/" + i + ".png" : "").append(',')
                    .append(p).append("-all|").append(p).append(i % 3 == 0 ? "-fizz" : "-other").append(',')
                    .append(p).append("-alias-").append(i).append(',').append(i % 10 == 0 ? "yes" : "no").append('\n');
        }
        return csv.toString();
    }

    private void assertExpected(String p, int n, Map<Integer, String> nicknames) {
        Map<String, Long> ids = SANDBOX.state().usersByName();
        Map<Long, AccountView> accounts = SANDBOX.state().accounts();
        for (int i = 1; i <= n; i++) {
            AccountView account = accounts.get(ids.get(p + "_" + i));
            assertThat(account).as(p + "_" + i).isNotNull();
            assertThat(account.nickName()).isEqualTo(nicknames.getOrDefault(i, "Nick " + i));
            assertThat(account.description()).isEqualTo("About " + i);
            assertThat(account.publicInfo()).isEqualTo("hello " + i);
            assertThat(account.avatar()).isEqualTo(i % 2 == 0 ? "https://cdn.example.com/" + p + "/" + i + ".png" : null);
            assertThat(account.tags()).isEqualTo(Set.of(p + "-all", p + (i % 3 == 0 ? "-fizz" : "-other")));
            assertThat(account.alias()).isEqualTo(p + "-alias-" + i);
            assertThat(account.disabled()).isEqualTo(i % 10 == 0);
        }
    }

    private static Map<String, Long> executedSince(Map<String, Long> before) {
        Map<String, Long> since = new HashMap<>();
        SANDBOX.state().executedUpdates().forEach((kind, count) -> {
            long delta = count - before.getOrDefault(kind, 0L);
            if (delta != 0) {
                since.put(kind, delta);
            }
        });
        return since;
    }

    private static StepOutcomes step(JobExecution execution, String name) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).map(StepOutcomes::of).findFirst().orElseThrow();
    }

}
