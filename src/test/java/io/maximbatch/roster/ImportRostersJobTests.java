package io.maximbatch.roster;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobTestSupport;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.execution.DryRunPlan;
import io.maximbatch.execution.DryRuns;
import io.maximbatch.execution.Executions;
import io.maximbatch.report.StepOutcomes;
import io.maximbatch.sandbox.SandboxFaults;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The import-rosters step after register-users, against the sandbox; users and jobs of each test are its own. */
abstract class ImportRostersJobTests {

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

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    io.maximbatch.maxim.MaximClient client;

    final String db;

    ImportRostersJobTests(String db) {
        this.db = db;
    }

    @AfterEach
    void clearFaults() {
        SANDBOX.faults().set(SandboxFaults.Settings.none());
    }

    @Test
    void edgesAreGroupedByAddingUserIntoBatchesAndSentOnce() throws Exception {
        String p = db + "grp";
        registerUsers(p, 10);
        String edges = edges(p, "1>2", "1>3", "1>4", "1>5", "1>6", "1>7", "1>8", "2>3", "2>4", "3>1");
        long before = SANDBOX.state().requestsServed();

        JobExecution execution = run(friendsJob(p, edges, 3, false));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(SANDBOX.state().requestsServed() - before).as("calls: user 1 in 3 batches, users 2 and 3 one each").isEqualTo(5);
        assertThat(friends(p, 1)).containsExactlyInAnyOrder(2, 3, 4, 5, 6, 7, 8);
        assertThat(friends(p, 2)).containsExactlyInAnyOrder(3, 4);
        assertThat(friends(p, 3)).containsExactlyInAnyOrder(1);
        assertThat(friends(p, 4)).isEmpty();
        StepOutcomes outcomes = friendsStep(execution);
        assertThat(outcomes.written()).isEqualTo(10);
        assertThat(outcomes.balanced()).isTrue();

        long afterFirst = SANDBOX.state().requestsServed();
        JobExecution again = run(friendsJob(p, edges, 3, false));
        assertThat(SANDBOX.state().requestsServed()).as("a confirmed edge is never sent again").isEqualTo(afterFirst);
        assertThat(friendsStep(again).alreadyDone()).isEqualTo(10);
    }

    @Test
    void remarksAreGivenOnceTheFriendshipExistsAndEachChangeReachesMaxImOnceEvenWhenAnswersAreLost() throws Exception {
        String p = db + "rmk";
        registerUsers(p, 6);
        String remarks = "user_legacy_id,friend_legacy_id,remark\n" + p + "-L1," + p + "-L2,Bestie\n" + p + "-L1," + p + "-L3,Coach\n"
                + p + "-L2," + p + "-L3,\n" + p + "-L4," + p + "-L5,Neighbour\n" + p + "-L4," + p + "-L4,Me\n";
        long before = SANDBOX.state().executedUpdates().getOrDefault("remark", 0L);
        // The dry run plans the remarks of the friendships its friends step would add (the self-friendship is filtered).
        DryRunPlan.Step planned = dryRuns.plan(friendsJob(p, remarks, 10, false), Map.of(), false, n -> { }).step("friends-remarks");
        assertThat(List.of(planned.written(), planned.alreadyDone(), planned.rejected())).containsExactly(3L, 1L, 0L);
        SANDBOX.faults().set(new SandboxFaults.Settings(0, 0, 0.03, 0.02, 0.2, null, 5));

        JobExecution execution = run(friendsJob(p, remarks, 10, false));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        StepOutcomes given = StepOutcomes.of(execution.getStepExecutions().stream().filter(s -> s.getStepName().equals("friends-remarks"))
                .findFirst().orElseThrow());
        assertThat(given.written()).isEqualTo(3);
        assertThat(given.alreadyDone()).as("the row without a remark").isEqualTo(1);
        assertThat(given.filtered()).as("the self-friendship the friends step rejects").isEqualTo(1);
        Map<String, Long> ids = SANDBOX.state().usersByName();
        assertThat(SANDBOX.state().remarks().get(ids.get(p + "_1"))).containsExactlyInAnyOrderEntriesOf(
                Map.of(ids.get(p + "_2"), "Bestie", ids.get(p + "_3"), "Coach"));
        assertThat(SANDBOX.state().remarks().get(ids.get(p + "_4"))).containsExactly(Map.entry(ids.get(p + "_5"), "Neighbour"));
        assertThat(SANDBOX.state().executedUpdates().get("remark") - before).as("each remark once, lost answers read back").isEqualTo(3);

        SANDBOX.faults().set(SandboxFaults.Settings.none());
        DryRunPlan plan = dryRuns.plan(friendsJob(p, remarks.replace("Coach", "Mentor"), 10, false), Map.of(), false, n -> { });
        DryRunPlan.Step remarked = plan.step("friends-remarks");
        assertThat(List.of(remarked.updated(), remarked.written(), remarked.alreadyDone())).containsExactly(1L, 0L, 3L);
        assertThat(plan.total().calls()).as("one /roster/ext call, no add_roster").containsExactly(Map.entry("POST /roster/ext", 1L));
        JobExecution changed = run(friendsJob(p, remarks.replace("Coach", "Mentor"), 10, false));

        assertThat(StepOutcomes.of(changed.getStepExecutions().stream().filter(s -> s.getStepName().equals("friends-remarks"))
                .findFirst().orElseThrow()).updated()).isEqualTo(1);
        assertThat(SANDBOX.state().executedUpdates().get("remark") - before).isEqualTo(4);
        assertThat(SANDBOX.state().remarks().get(ids.get(p + "_1"))).containsEntry(ids.get(p + "_3"), "Mentor");
    }

    @Test
    void aPendingRemarkOfAFriendshipMaxImDeletedMeanwhileIsRejectedNotTakenForApplied() throws Exception {
        String p = db + "rel";
        registerUsers(p, 3);
        String remarks = "user_legacy_id,friend_legacy_id,remark\n" + p + "-L1," + p + "-L2,Bestie\n";
        // The remark's call fails: it stays PENDING, its value maybe applied.
        SANDBOX.faults().unknownPath("/roster/ext");
        assertThat(run(friendsJob(p, remarks, 10, false)).getStatus()).isEqualTo(BatchStatus.FAILED);
        SANDBOX.faults().set(SandboxFaults.Settings.none());
        Map<String, Long> ids = SANDBOX.state().usersByName();
        long one = ids.get(p + "_1");
        long two = ids.get(p + "_2");
        // MaxIM had carried it out after all; then user 1 deleted user 2, whose roster entry keeps the remark (relation 1).
        client.setRemark(one, two, "Bestie", new io.maximbatch.maxim.CallTrace());
        client.removeFriend(one, two, new io.maximbatch.maxim.CallTrace());
        assertThat(client.remarkOf(one, two)).as("a deleted friend's entry is no friendship, whatever its remark").isNull();

        JobExecution resumed = run(friendsJob(p, remarks, 10, false));

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        StepOutcomes given = StepOutcomes.of(resumed.getStepExecutions().stream().filter(s -> s.getStepName().equals("friends-remarks"))
                .findFirst().orElseThrow());
        assertThat(given.written()).as("not applied: they are no longer friends").isZero();
        assertThat(given.rejected()).isEqualTo(1);
    }

    @Test
    void pruneRemovesOnlyTheFriendshipsThisJobMadeThatTheSourceNoLongerLists() throws Exception {
        String p = db + "prn";
        registerUsers(p, 6);
        Map<String, Long> ids = SANDBOX.state().usersByName();
        // A friendship MaxIM had before the migration: the source lists it, then drops it; it is not ours to remove.
        client.addRoster(ids.get(p + "_5"), List.of(ids.get(p + "_6")), new io.maximbatch.maxim.CallTrace());
        Path rosters = dir.resolve(p + "-rosters.csv");
        Path job = JobTestSupport.jobFile(dir, p + "-friends", "  - name: friends\n    type: import-rosters\n    source: { csv: "
                + rosters.toAbsolutePath() + " }\n    prune: true\n");
        JobTestSupport.write(rosters, edges(p, "1>2", "1>3", "2>3", "5>6"));
        JobExecution first = run(job);
        assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(first.getStepExecutions()).extracting(StepExecution::getStepName).containsExactly("friends", "friends-prune");
        assertThat(StepOutcomes.of(first.getStepExecutions().stream().filter(s -> s.getStepName().equals("friends-prune")).findFirst()
                .orElseThrow()).summary()).startsWith("removed 0, already gone 0, failed 0 friendships");

        JobTestSupport.write(rosters, edges(p, "1>2"));
        DryRunPlan plan = dryRuns.plan(job, Map.of(), true, n -> { });
        assertThat(plan.step("friends-prune").calls()).containsExactly(Map.entry("DELETE /roster/delete", 2L));
        assertThat(friends(p, 1)).as("the dry run removed nothing").containsExactlyInAnyOrder(2, 3);

        JobExecution pruned = runs.run(parser.parse(job), Map.of(), true, n -> { });

        assertThat(pruned.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(StepOutcomes.of(pruned.getStepExecutions().stream().filter(s -> s.getStepName().equals("friends-prune")).findFirst()
                .orElseThrow()).summary()).startsWith("removed 2, already gone 0, failed 0 friendships");
        assertThat(friends(p, 1)).containsExactly(2);
        assertThat(friends(p, 2)).isEmpty();
        assertThat(friends(p, 5)).as("made before the migration").containsExactly(6);
    }

    @Test
    void mutualAddsBothDirectionsAndBrokenReferencesAreRejectedWithTheirLines() throws Exception {
        String p = db + "mut";
        registerUsers(p, 4);
        String edges = edges(p, "1>2", "3>3", "2>9", "9>1", "1>2") + p + "-L4,\n";

        JobExecution execution = run(friendsJob(p, edges, 100, true));

        assertThat(friends(p, 1)).containsExactly(2);
        assertThat(friends(p, 2)).containsExactly(1);
        StepOutcomes outcomes = friendsStep(execution);
        assertThat(outcomes.written()).isEqualTo(1);
        assertThat(outcomes.alreadyDone()).as("the same friendship twice").isEqualTo(1);
        assertThat(outcomes.rejected()).isEqualTo(4);
        assertThat(outcomes.balanced()).isTrue();
        assertThat(Files.readAllLines(Path.of(outcomes.rejectFile())).subList(1, 5)).satisfiesExactly(
                l -> assertThat(l).startsWith("\"3\",\"SELF_EDGE\""),
                l -> assertThat(l).startsWith("\"4\",\"UNKNOWN_FRIEND\"").contains(p + "-L9"),
                l -> assertThat(l).startsWith("\"5\",\"UNKNOWN_USER\"").contains(p + "-L9"),
                l -> assertThat(l).startsWith("\"7\",\"MISSING_FRIEND\""));
    }

    @Test
    void unreliableServerStillEndsWithExactlyTheSourceFriendships() throws Exception {
        String p = db + "flt";
        registerUsers(p, 60);
        StringBuilder csv = new StringBuilder("user_legacy_id,friend_legacy_id\n");
        Map<Integer, Set<Integer>> expected = new HashMap<>();
        for (int u = 1; u <= 60; u++) {
            for (int k = 1; k <= 5; k++) {
                int f = (u + k * 7) % 60 + 1;
                if (f != u && expected.computeIfAbsent(u, x -> new HashSet<>()).add(f)) {
                    csv.append(p).append("-L").append(u).append(',').append(p).append("-L").append(f).append('\n');
                }
            }
        }
        SANDBOX.faults().set(new SandboxFaults.Settings(0, 0, 0.03, 0.02, 0.02, null, 3));

        JobExecution execution = run(friendsJob(p, csv.toString(), 2, false));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        expected.forEach((u, fs) -> assertThat(friends(p, u)).as("friends of %d", u).containsExactlyInAnyOrderElementsOf(fs));
        assertThat(friendsStep(execution).balanced()).isTrue();
        assertThat(friendsStep(execution).rejected()).isZero();
    }

    @Test
    void aFatalAnswerMidRunResumesWithoutLosingOrDuplicatingAFriendship() throws Exception {
        String p = db + "res";
        registerUsers(p, 200);
        StringBuilder csv = new StringBuilder("user_legacy_id,friend_legacy_id\n");
        for (int u = 1; u <= 200; u++) {
            for (int f : new int[] {u % 200 + 1, (u + 50) % 200 + 1}) {
                csv.append(p).append("-L").append(u).append(',').append(p).append("-L").append(f).append('\n');
            }
        }
        Path job = friendsJob(p, csv.toString(), 100, false);
        // One add_roster call per owner: a fatal code from the 31st on, set before the run so that it cannot finish first.
        SANDBOX.faults().forceCodeAfter("/user/add_roster", 30, 10008);
        JobExecution first = run(job);
        assertThat(first.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM roster_edge e JOIN user_map m ON m.user_id = e.user_id WHERE m.legacy_id LIKE ?",
                Long.class, p + "-L%")).as("friendships confirmed before the fatal code").isPositive().isLessThan(400);
        SANDBOX.faults().set(SandboxFaults.Settings.none());

        JobExecution resumed = run(job);

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        for (int u = 1; u <= 200; u++) {
            assertThat(friends(p, u)).containsExactlyInAnyOrder(u % 200 + 1, (u + 50) % 200 + 1);
        }
        assertThat(friendsStep(resumed).balanced()).isTrue();
    }

    private void registerUsers(String prefix, int n) throws Exception {
        JobTestSupport.UsersFile users = JobTestSupport.usersCsv(dir, prefix, n, false);
        JobExecution execution = run(JobTestSupport.jobFile(dir, prefix + "-users", JobTestSupport.usersStep(users.file(), 100, 500, "reject")));
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    /** Rows "a>b" for users prefix_a and prefix_b (legacy ids prefix-La, prefix-Lb). */
    private static String edges(String prefix, String... pairs) {
        StringBuilder csv = new StringBuilder("user_legacy_id,friend_legacy_id\n");
        for (String pair : pairs) {
            String[] ends = pair.split(">");
            csv.append(prefix).append("-L").append(ends[0]).append(',').append(prefix).append("-L").append(ends[1]).append('\n');
        }
        return csv.toString();
    }

    private Path friendsJob(String prefix, String csv, int batchSize, boolean mutual) {
        Path file = dir.resolve(prefix + "-rosters.csv");
        JobTestSupport.write(file, csv);
        return JobTestSupport.jobFile(dir, prefix + "-friends", "  - name: friends\n    type: import-rosters\n    source: { csv: "
                + file.toAbsolutePath() + " }\n    batch-size: " + batchSize + "\n    mutual: " + mutual + "\n    chunk-size: 50\n");
    }

    JobExecution run(Path jobFile) throws Exception {
        return runs.run(parser.parse(jobFile), Map.of(), false, notice -> { });
    }

    private static StepOutcomes friendsStep(JobExecution execution) {
        StepExecution step = execution.getStepExecutions().stream().filter(s -> s.getStepName().equals("friends")).findFirst().orElseThrow();
        return StepOutcomes.of(step);
    }

    /** The friends of user prefix_n, as user numbers. */
    private static List<Integer> friends(String prefix, int n) {
        Map<String, Long> users = SANDBOX.state().usersByName();
        Map<Long, Integer> numbers = new HashMap<>();
        users.forEach((name, id) -> {
            if (name.startsWith(prefix + "_")) {
                numbers.put(id, Integer.parseInt(name.substring(prefix.length() + 1)));
            }
        });
        return SANDBOX.state().friendsOf(users.get(prefix + "_" + n)).stream().map(numbers::get).toList();
    }
}
