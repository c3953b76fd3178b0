package io.maximbatch.groups;

import static org.assertj.core.api.Assertions.assertThat;


import io.maximbatch.JobTestSupport;
import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.execution.DryRunPlan;
import io.maximbatch.execution.DryRuns;
import io.maximbatch.execution.Executions;
import io.maximbatch.reconcile.Discrepancy;
import io.maximbatch.reconcile.ReconcileReport;
import io.maximbatch.reconcile.ReconcileService;
import io.maximbatch.report.StepOutcomes;
import io.maximbatch.sandbox.SandboxFaults;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import io.maximbatch.sandbox.SandboxState;
import io.maximbatch.sandbox.SandboxState.GroupView;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The create-groups step run as a user runs it, after a register-users step, against the sandbox, on whichever job
 * database the subclass configures. Group names start with the test's prefix, so tests share the sandbox safely.
 */
abstract class CreateGroupsJobTests {

    static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static void sandboxProperties(DynamicPropertyRegistry registry, Path rejectsDir) {
        JobTestSupport.sandboxProperties(registry, SANDBOX, rejectsDir);
    }

    @TempDir
    Path dir;

    /** Tells apart the users, groups and jobs of the subclasses, which share one sandbox. */
    final String db;

    CreateGroupsJobTests(String db) {
        this.db = db;
    }

    @Autowired
    Executions runs;

    @Autowired
    DryRuns dryRuns;

    @Autowired
    JobFileParser parser;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    GroupRollback rollback;

    @Autowired
    ReconcileService reconcile;

    @AfterEach
    void clearFaults() {
        SANDBOX.faults().set(SandboxFaults.Settings.none());
    }

    @Test
    void createsEachGroupOnceWithItsMembersAndReportsEveryRejectedRow() throws Exception {
        String p = db + "basic";
        Path users = usersCsv(p, 20);
        // Registered as far as the ID map knows, but MaxIM has no such user: the server refuses the invitation.
        jdbc.update("INSERT INTO user_map (legacy_id, username, user_id, state, origin, job_instance_id, job_execution_id,"
                + " source_line, updated_at) VALUES (?, ?, ?, 'DONE', 'CREATED', -1, -1, '1', CURRENT_TIMESTAMP)",
                p + "-u-phantom", p + "_phantom", db.equals("h") ? 987_000_001L : 987_000_002L);
        Path groups = write(p + "-groups.csv", "legacy_group_id,name,description,owner_legacy_id\n"
                + p + "-g1," + p + " Team one,The first," + p + "-u1\n"                     // line 2
                + p + "-g2," + p + " Team two,," + p + "-u2\n"                              // line 3
                + p + "-g3," + p + " Ghosts,," + p + "-ghost\n"                             // line 4: unknown owner
                + p + "-g4,,," + p + "-u3\n"                                               // line 5: no name
                + p + "-g1," + p + " Team one again,," + p + "-u1\n"                        // line 6: duplicate id, next chunk
                + p + "-g5," + "x".repeat(101) + ",," + p + "-u3\n");                       // line 7: name too long
        StringBuilder members = new StringBuilder("legacy_group_id,member_legacy_id\n");
        members.append(p).append("-g1,p-u1\n");                                     // the owner
        for (int i = 3; i <= 10; i++) {
            members.append(p).append("-g1,p-u").append(i).append('\n');
        }
        members.append(p).append("-g1,p-u3\n");                                     // again, in a later chunk
        for (int i = 11; i <= 15; i++) {
            members.append(p).append("-g2,p-u").append(i).append('\n');
        }
        members.append(p).append("-g2,p-u15\n");                                    // again, in the same chunk
        members.append(p).append("-g3,p-u4\n");                                     // group of an unknown owner
        members.append(p).append("-g9,p-u4\n");                                     // group not in the input
        members.append(p).append("-g1,p-u-nobody\n");                                 // unknown member
        members.append(p).append("-g1,p-u-phantom\n");                                // refused by the server
        Path job = job(p, users, groups, write(p + "-members.csv", members.toString().replace("p-u", p + "-u")), 200, 4);

        JobExecution execution = run(job, false);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(execution.getStepExecutions()).extracting(StepExecution::getStepName)
                .containsExactly("users", "groups", "groups-members");
        StepOutcomes created = outcomes(execution, "groups");
        StepOutcomes invited = outcomes(execution, "groups-members");
        assertThat(created.written()).isEqualTo(2);
        assertThat(created.rejected()).isEqualTo(4);
        assertThat(created.balanced()).isTrue();
        assertThat(invited.written()).isEqualTo(13);
        assertThat(invited.alreadyDone()).isEqualTo(3);
        assertThat(invited.rejected()).isEqualTo(4);
        assertThat(invited.balanced()).isTrue();
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        expected.put(p + " Team one", members(p, 1, 3, 10));
        expected.put(p + " Team two", members(p, 2, 11, 15));
        assertGroups(p, Map.of(p + " Team one", p + "-u1", p + " Team two", p + "-u2"), expected);
        assertThat(reportLines(created)).satisfiesExactly(
                l -> assertThat(l).startsWith("\"4\",\"UNKNOWN_OWNER\"").contains("owner " + p + "-ghost is not a registered MaxIM user"),
                l -> assertThat(l).startsWith("\"5\",\"MISSING_NAME\""),
                l -> assertThat(l).startsWith("\"6\",\"DUPLICATE_GROUP_ID\"").contains("first at line 2"),
                l -> assertThat(l).startsWith("\"7\",\"INVALID_NAME\""));
        assertThat(reportLines(invited)).satisfiesExactly(
                l -> assertThat(l).startsWith("\"18\",\"UNKNOWN_GROUP\"").contains("group " + p + "-g3 is not in MaxIM"),
                l -> assertThat(l).startsWith("\"19\",\"UNKNOWN_GROUP\"").contains("group " + p + "-g9 is not in MaxIM"),
                l -> assertThat(l).startsWith("\"20\",\"UNKNOWN_MEMBER\"").contains(p + "-u-nobody"),
                l -> assertThat(l).startsWith("\"21\",\"INVITE_FAILED\"").contains("User does not exist"));

        JobExecution again = run(job, true);

        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(outcomes(again, "groups").alreadyDone()).isEqualTo(2);
        assertThat(outcomes(again, "groups").written()).isZero();
        assertThat(outcomes(again, "groups-members").alreadyDone()).as("MaxIM answers 20017 already a member").isEqualTo(16);
        assertThat(outcomes(again, "groups-members").written()).isZero();
        assertThat(outcomes(again, "groups-members").balanced()).isTrue();
        assertGroups(p, Map.of(p + " Team one", p + "-u1", p + " Team two", p + "-u2"), expected);
    }

    @Test
    void anInviteWhoseAnswerIsLostIsRetriedAndItsMembersAreWrittenNotRejected() throws Exception {
        String p = db + "lostinvite";
        Path users = usersCsv(p, 31);
        Path groups = write(p + "-groups.csv", "legacy_group_id,name,owner_legacy_id\n" + p + "-g1," + p + " Lost," + p + "-u1\n");
        StringBuilder members = new StringBuilder("legacy_group_id,member_legacy_id\n");
        for (int i = 2; i <= 31; i++) {
            members.append(p).append("-g1,").append(p).append("-u").append(i).append('\n');
        }
        Path job = job(p, users, groups, write(p + "-members.csv", members.toString()), 10, 100);
        // The first invite of 10 is carried out and its answer lost; the retry is answered "User is already a group member".
        SANDBOX.faults().dropNextAnswers("/group/invite", 1);

        JobExecution execution = run(job, false);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        StepOutcomes invited = outcomes(execution, "groups-members");
        assertThat(invited.rejected()).isZero();
        assertThat(invited.rejectFile()).isNull();
        assertThat(invited.alreadyDone()).as("'already a member' after our own lost answer: ours, written").isZero();
        assertThat(invited.written()).isEqualTo(30);
        assertGroups(p, Map.of(p + " Lost", p + "-u1"), Map.of(p + " Lost", members(p, 1, 2, 31)));
    }

    @Test
    void membersWhoseRoleIsAdminBecomeAdminsOnceAndARerunAsksNothingAgain() throws Exception {
        String p = db + "admins";
        Path users = usersCsv(p, 8);
        Path groups = write(p + "-groups.csv", "legacy_group_id,name,owner_legacy_id\n" + p + "-g1," + p + " Crew," + p + "-u1\n");
        StringBuilder members = new StringBuilder("legacy_group_id,member_legacy_id,role\n");
        for (int i = 2; i <= 8; i++) {
            members.append(p).append("-g1,").append(p).append("-u").append(i).append(',').append(i % 3 == 0 ? "admin" : i == 2 ? "" : "member")
                    .append('\n');
        }
        members.append(p).append("-g1,").append(p).append("-u1,admin\n");   // the owner: nothing to ask
        members.append(p).append("-g1,").append(p).append("-u4,chief\n");   // no such role: rejected by the members step
        Path job = job(p, users, groups, write(p + "-members.csv", members.toString()), 200, 10);
        long adminsBefore = SANDBOX.state().executedUpdates().getOrDefault("admin", 0L);

        JobExecution execution = run(job, false);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(execution.getStepExecutions()).extracting(StepExecution::getStepName).endsWith("groups", "groups-members", "groups-admins",
                "groups-member-settings");
        StepOutcomes admins = outcomes(execution, "groups-admins");
        assertThat(admins.written()).isEqualTo(2);
        assertThat(admins.alreadyDone()).as("members, and the owner").isEqualTo(6);
        assertThat(admins.filtered()).as("the row the members step rejects").isEqualTo(1);
        assertThat(reportLines(outcomes(execution, "groups-members"))).singleElement().satisfies(l -> assertThat(l).contains("INVALID_ROLE"));
        GroupView crew = live(p).get(0);
        assertThat(crew.admins()).containsExactlyInAnyOrder(userId(p + "-u3"), userId(p + "-u6"));
        assertThat(SANDBOX.state().executedUpdates().get("admin") - adminsBefore).isEqualTo(2);

        JobExecution again = run(job, true);

        assertThat(outcomes(again, "groups-admins").alreadyDone()).isEqualTo(8);
        assertThat(SANDBOX.state().executedUpdates().get("admin") - adminsBefore).as("no admin asked for twice").isEqualTo(2);
    }

    @Test
    void groupSettingsAreAppliedOnceAndAChangedOneIsAnUpdate() throws Exception {
        String p = db + "settings";
        Path users = usersCsv(p, 4);
        Path groups = write(p + "-groups.csv", "legacy_group_id,name,owner_legacy_id,history_visible,require_admin_approval\n"
                + p + "-g1," + p + " Open,"  + p + "-u1,yes,no\n" + p + "-g2," + p + " Closed," + p + "-u2,,true\n"
                + p + "-g3," + p + " Odd," + p + "-u3,maybe,\n");
        Path members = write(p + "-members.csv", "legacy_group_id,member_legacy_id\n" + p + "-g1," + p + "-u4\n");
        Path job = job(p, users, groups, members, 200, 10);
        long before = SANDBOX.state().executedUpdates().getOrDefault("group-setting", 0L);

        JobExecution execution = run(job, false);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(execution.getStepExecutions()).extracting(StepExecution::getStepName).endsWith("groups", "groups-settings", "groups-members");
        assertThat(outcomes(execution, "groups-settings").written()).isEqualTo(2);
        assertThat(outcomes(execution, "groups-settings").filtered()).as("the row with a setting that is neither").isEqualTo(1);
        assertThat(reportLines(outcomes(execution, "groups"))).singleElement().satisfies(l -> assertThat(l).contains("INVALID_SETTING"));
        Map<String, Map<String, Integer>> settings = new HashMap<>();
        live(p).forEach(g -> settings.put(g.name(), g.settings()));
        assertThat(settings).containsEntry(p + " Open", Map.of("history_visible", 1, "apply_approval", 0))
                .containsEntry(p + " Closed", Map.of("apply_approval", 1));
        assertThat(SANDBOX.state().executedUpdates().get("group-setting") - before).isEqualTo(3);

        write(p + "-groups.csv", Files.readString(groups).replace(",yes,no", ",no,no"));
        JobExecution again = run(job, true);

        assertThat(outcomes(again, "groups-settings").updated()).isEqualTo(1);
        assertThat(outcomes(again, "groups-settings").alreadyDone()).isEqualTo(1);
        assertThat(SANDBOX.state().executedUpdates().get("group-setting") - before).as("only the changed one").isEqualTo(4);
    }

    @Test
    void anAnnouncementWhoseAnswerIsLostIsPublishedOnceAndAChangedOneIsPublishedAgain() throws Exception {
        String p = db + "announce";
        Path users = usersCsv(p, 2);
        Path groups = write(p + "-groups.csv", "legacy_group_id,name,owner_legacy_id,allow_member_modify,announcement\n"
                + p + "-g1," + p + " News," + p + "-u1,yes,Read the rules\n" + p + "-g2," + p + " Quiet," + p + "-u2,no,\n");
        Path job = job(p, users, groups, write(p + "-members.csv", "legacy_group_id,member_legacy_id\n"), 200, 10);
        // The edit is carried out and its answer lost: sent again, it would publish the announcement twice.
        SANDBOX.faults().dropNextAnswers("/group/announcement/edit", 1);

        JobExecution execution = run(job, false);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(outcomes(execution, "groups-settings").written()).isEqualTo(2);
        Map<String, GroupView> byName = new HashMap<>();
        live(p).forEach(g -> byName.put(g.name(), g));
        assertThat(byName.get(p + " News").announcements()).as("published once, as the owner, titled with the group's name")
                .containsExactly(new SandboxState.AnnouncementView(userId(p + "-u1"), p + " News", "Read the rules"));
        assertThat(byName.get(p + " News").settings()).isEqualTo(Map.of("allow_member_modify", 1));
        assertThat(byName.get(p + " Quiet").announcements()).as("no announcement for an empty one").isEmpty();
        assertThat(byName.get(p + " Quiet").settings()).isEqualTo(Map.of("allow_member_modify", 0));

        long edits = SANDBOX.state().servedByCall().getOrDefault("POST /group/announcement/edit", 0L);
        JobExecution same = run(job, true);
        assertThat(outcomes(same, "groups-settings").alreadyDone()).isEqualTo(2);
        assertThat(SANDBOX.state().servedByCall().getOrDefault("POST /group/announcement/edit", 0L)).as("nothing changed, nothing sent")
                .isEqualTo(edits);

        write(p + "-groups.csv", Files.readString(groups).replace("Read the rules", "New rules"));
        JobExecution again = run(job, true);

        assertThat(outcomes(again, "groups-settings").updated()).isEqualTo(1);
        assertThat(live(p).stream().filter(g -> g.name().equals(p + " News")).findFirst().orElseThrow().announcements())
                .extracting(SandboxState.AnnouncementView::content).containsExactly("Read the rules", "New rules");
    }

    @Test
    void anAnnouncementARunKilledAfterSendingLeftPendingIsReadBackAndNotPublishedAgain() throws Exception {
        String p = db + "killedannounce";
        Path users = usersCsv(p, 1);
        Path groups = write(p + "-groups.csv", "legacy_group_id,name,owner_legacy_id,announcement\n" + p + "-g1," + p + " Board," + p + "-u1,Hello\n");
        Path job = job(p, users, groups, write(p + "-members.csv", "legacy_group_id,member_legacy_id\n"), 200, 10);
        assertThat(run(job, false).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // As a SIGKILL leaves it right after the edit was carried out: PENDING, never marked applied.
        assertThat(jdbc.update("UPDATE applied_state SET pending_hash = applied_hash, applied_hash = NULL WHERE entity = ? AND attribute = ?",
                "group:" + p + "-g1", "announcement")).isEqualTo(1);
        long edits = SANDBOX.state().servedByCall().getOrDefault("POST /group/announcement/edit", 0L);

        JobExecution again = run(job, true);

        assertThat(outcomes(again, "groups-settings").written()).as("found published: this job's, written").isEqualTo(1);
        assertThat(SANDBOX.state().servedByCall().getOrDefault("POST /group/announcement/edit", 0L)).isEqualTo(edits);
        assertThat(live(p).get(0).announcements()).extracting(SandboxState.AnnouncementView::content).containsExactly("Hello");
        assertThat(run(job, true).getStepExecutions()).as("marked applied: the next run asks nothing").noneMatch(s ->
                s.getStepName().equals("groups-settings") && StepOutcomes.of(s).written() + StepOutcomes.of(s).updated() > 0);
    }

    @Test
    void reconcileReadsEachGroupsSettingsAndAnnouncementOnceAndReportsWhatDiffers() throws Exception {
        String p = db + "recset";
        Path users = usersCsv(p, 2);
        Path groups = write(p + "-groups.csv", "legacy_group_id,name,owner_legacy_id,history_visible,require_admin_approval,announcement\n"
                + p + "-g1," + p + " Desk," + p + "-u1,yes,true,Welcome\n" + p + "-g2," + p + " Plain," + p + "-u2,,,\n");
        Path members = write(p + "-members.csv", "legacy_group_id,member_legacy_id\n");
        Path job = job(p, users, groups, members, 200, 10);
        assertThat(run(job, false).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, Long> readsBefore = SANDBOX.state().servedByCall();

        ReconcileReport clean = reconcile.reconcile(parser.parse(job), Map.of());

        assertThat(clean.discrepancies()).isEmpty();
        Map<String, Long> reads = SANDBOX.state().servedByCall();
        assertThat(reads.getOrDefault("GET /group/settings", 0L) - readsBefore.getOrDefault("GET /group/settings", 0L))
                .as("one read for the group with settings, none for the one without").isEqualTo(1);
        assertThat(reads.getOrDefault("GET /group/announcement/last", 0L) - readsBefore.getOrDefault("GET /group/announcement/last", 0L))
                .isEqualTo(1);

        // Someone changes the setting and announces something else in MaxIM.
        long owner = userId(p + "-u1");
        long desk = live(p).stream().filter(g -> g.name().equals(p + " Desk")).findFirst().orElseThrow().groupId();
        call(HttpRequest.newBuilder(SANDBOX.endpoint().resolve("/group/settings/history_visible")).header("user_id", Long.toString(owner))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"group_id\":" + desk + ",\"value\":false}")));
        call(HttpRequest.newBuilder(SANDBOX.endpoint().resolve("/group/announcement/edit")).header("user_id", Long.toString(owner))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"group_id\":" + desk + ",\"title\":\"x\",\"content\":\"Gone fishing\"}")));

        ReconcileReport changed = reconcile.reconcile(parser.parse(job), Map.of());

        assertThat(changed.complete()).isFalse();
        assertThat(changed.discrepancies()).extracting(Discrepancy::kind, Discrepancy::legacy).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Discrepancy.Kind.SETTING_DIFFERS, p + "-g1 / history_visible"),
                org.assertj.core.groups.Tuple.tuple(Discrepancy.Kind.MISSING_ANNOUNCEMENT, p + "-g1"));
        assertThat(Files.readString(changed.file())).contains("expected true, MaxIM has false");
    }

    @Test
    void pruneRemovesOnlyTheMembershipsThisJobMadeThatTheSourceNoLongerLists() throws Exception {
        String p = db + "prune";
        Path users = usersCsv(p, 6);
        Path groups = write(p + "-groups.csv", "legacy_group_id,name,owner_legacy_id\n" + p + "-g1," + p + " Pruned," + p + "-u1\n");
        Path members = write(p + "-members.csv", "legacy_group_id,member_legacy_id\n" + p + "-g1," + p + "-u2\n" + p + "-g1," + p + "-u3\n"
                + p + "-g1," + p + "-u4\n");
        Path job = JobTestSupport.jobFile(dir, p, usersStep(users) + groupsStep(groups, members, 200, 10) + "    prune: true\n");
        assertThat(run(job, false).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // Someone else adds u5 to the group; then the source drops u3 and u5 (never ours to remove).
        long group = live(p).get(0).groupId();
        createDirectlyInvite(userId(p + "-u1"), group, userId(p + "-u5"));
        write(p + "-members.csv", "legacy_group_id,member_legacy_id\n" + p + "-g1," + p + "-u2\n" + p + "-g1," + p + "-u4\n");

        DryRunPlan plan = dryRuns.plan(job, Map.of(), true, n -> { });
        assertThat(plan.step("groups-prune").items()).containsExactly(Map.entry("POST /group/kick", 1L));
        JobExecution pruned = run(job, true);

        assertThat(pruned.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(outcomes(pruned, "groups-prune").summary()).startsWith("removed 1, already gone 0, failed 0 memberships");
        assertThat(live(p).get(0).members()).containsExactlyInAnyOrder(userId(p + "-u1"), userId(p + "-u2"), userId(p + "-u4"),
                userId(p + "-u5"));
    }

    @Test
    void aKickAnswerWithoutAResultForTheMemberKeepsItAndTheResumedRunRemovesIt() throws Exception {
        String p = db + "kept";
        Path users = usersCsv(p, 4);
        Path groups = write(p + "-groups.csv", "legacy_group_id,name,owner_legacy_id\n" + p + "-g1," + p + " Kept," + p + "-u1\n");
        Path members = write(p + "-members.csv", "legacy_group_id,member_legacy_id\n" + p + "-g1," + p + "-u2\n" + p + "-g1," + p + "-u3\n");
        Path job = JobTestSupport.jobFile(dir, p, usersStep(users) + groupsStep(groups, members, 200, 10) + "    prune: true\n");
        assertThat(run(job, false).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        write(p + "-members.csv", "legacy_group_id,member_legacy_id\n" + p + "-g1," + p + "-u2\n");
        // MaxIM keeps u3 and answers a result that names nobody (user_id null), as the Swagger allows.
        SANDBOX.faults().failItemsNext("/group/kick", 1, "10010 no permission");
        SANDBOX.faults().nullUserIdNext("/group/kick", 1);

        JobExecution pruned = run(job, true);

        assertThat(pruned.getStatus()).isEqualTo(BatchStatus.FAILED);
        StepExecution prune = pruned.getStepExecutions().stream().filter(s -> s.getStepName().equals("groups-prune")).findFirst().orElseThrow();
        assertThat(prune.getExitStatus().getExitDescription()).contains("removed 0, already gone 0, failed 1 memberships")
                .contains("user " + userId(p + "-u3")).contains("no result");
        assertThat(live(p).get(0).members()).contains(userId(p + "-u3"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM member_edge WHERE user_id = ?", Integer.class, userId(p + "-u3")))
                .as("the ledger keeps it").isEqualTo(1);

        JobExecution resumed = run(job, false);

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(outcomes(resumed, "groups-prune").summary()).startsWith("removed 1, already gone 0, failed 0 memberships");
        assertThat(live(p).get(0).members()).containsExactlyInAnyOrder(userId(p + "-u1"), userId(p + "-u2"));
    }

    @Test
    void anInviteToAUserWhoMustConsentIsPendingNotAMemberAndALaterRunAsksInsteadOfInvitingAgain() throws Exception {
        String p = db + "consent";
        Path users = usersCsv(p, 4);
        assertThat(run(JobTestSupport.jobFile(dir, p + "-users", usersStep(users)), false).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // u3 wants to be asked before joining a group (its settings' group_confirm).
        call(HttpRequest.newBuilder(SANDBOX.endpoint().resolve("/user/settings")).header("user_id", Long.toString(userId(p + "-u3")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"group_confirm\": true}")));
        Path groups = write(p + "-groups.csv", "legacy_group_id,name,owner_legacy_id\n" + p + "-g1," + p + " Consent," + p + "-u1\n");
        Path members = write(p + "-members.csv", "legacy_group_id,member_legacy_id\n" + p + "-g1," + p + "-u2\n" + p + "-g1," + p + "-u3\n"
                + p + "-g1," + p + "-u4\n");
        Path job = job(p, users, groups, members, 200, 10);
        long invitationsBefore = SANDBOX.state().executedUpdates().getOrDefault("invitation", 0L);

        JobExecution first = run(job, false);

        assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        StepOutcomes invited = outcomes(first, "groups-members");
        assertThat(List.of(invited.written(), invited.pending(), invited.alreadyDone(), invited.rejected())).containsExactly(2L, 1L, 0L, 0L);
        assertThat(invited.balanced()).isTrue();
        GroupView group = live(p).get(0);
        assertThat(group.members()).containsExactlyInAnyOrder(userId(p + "-u1"), userId(p + "-u2"), userId(p + "-u4"));
        assertThat(group.pending()).containsExactly(userId(p + "-u3"));
        assertThat(jdbc.queryForList("SELECT user_id FROM member_edge WHERE group_id = ?", Long.class, group.groupId()))
                .as("the member ledger holds members only").containsExactlyInAnyOrder(userId(p + "-u2"), userId(p + "-u4"));
        assertThat(SANDBOX.state().executedUpdates().get("invitation") - invitationsBefore).isEqualTo(1);

        ReconcileReport report = reconcile.reconcile(parser.parse(job), Map.of());
        assertThat(report.complete()).as("only the person can complete a pending invitation").isTrue();
        assertThat(report.discrepancies()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Discrepancy.Kind.PENDING_MEMBER);
            assertThat(d.legacy()).isEqualTo(p + "-g1 / " + p + "-u3");
        });

        // A later run asks the member list; it sends no second invitation to u3.
        long invitesBefore = SANDBOX.state().servedByCall().getOrDefault("POST /group/invite", 0L);
        JobExecution second = run(job, true);
        StepOutcomes asked = outcomes(second, "groups-members");
        assertThat(List.of(asked.written(), asked.pending(), asked.alreadyDone())).containsExactly(0L, 1L, 2L);
        assertThat(SANDBOX.state().servedByCall().get("POST /group/invite") - invitesBefore).isZero();
        assertThat(SANDBOX.state().executedUpdates().get("invitation") - invitationsBefore).isEqualTo(1);

        // u3 accepts: the next run finds it a member, made by our invitation (written, in the member ledger).
        call(HttpRequest.newBuilder(SANDBOX.endpoint().resolve("/group/invite/handle")).header("user_id", Long.toString(userId(p + "-u3")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"group_id\": " + group.groupId()
                        + ", \"user_id\": " + userId(p + "-u1") + ", \"approval\": true}")));
        JobExecution third = run(job, true);
        StepOutcomes joined = outcomes(third, "groups-members");
        assertThat(List.of(joined.written(), joined.pending(), joined.alreadyDone())).containsExactly(1L, 0L, 2L);
        assertThat(jdbc.queryForList("SELECT user_id FROM member_edge WHERE group_id = ?", Long.class, group.groupId()))
                .containsExactlyInAnyOrder(userId(p + "-u2"), userId(p + "-u3"), userId(p + "-u4"));
        assertThat(reconcile.reconcile(parser.parse(job), Map.of()).discrepancies()).isEmpty();
        assertThat(SANDBOX.state().servedByCall().get("POST /group/invite") - invitesBefore).isZero();
    }

    @Test
    void aMemberMaxImHadAlreadyIsRecordedSoThatNoLaterRunInvitesItAgainAndPruneLeavesIt() throws Exception {
        String p = db + "found";
        Path users = usersCsv(p, 5);
        Path groups = write(p + "-groups.csv", "legacy_group_id,name,owner_legacy_id\n" + p + "-g1," + p + " Found," + p + "-u1\n");
        Path members = write(p + "-members.csv", "legacy_group_id,member_legacy_id\n" + p + "-g1," + p + "-u2\n" + p + "-g1," + p + "-u3\n");
        Path job = JobTestSupport.jobFile(dir, p, usersStep(users) + groupsStep(groups, members, 200, 10) + "    prune: true\n");
        assertThat(run(job, false).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long group = live(p).get(0).groupId();
        // Someone else adds u4; the source then lists u4 too: MaxIM answers "already a member".
        createDirectlyInvite(userId(p + "-u1"), group, userId(p + "-u4"));
        write(p + "-members.csv", "legacy_group_id,member_legacy_id\n" + p + "-g1," + p + "-u2\n" + p + "-g1," + p + "-u3\n"
                + p + "-g1," + p + "-u4\n");
        long invitesBefore = SANDBOX.state().servedByCall().getOrDefault("POST /group/invite", 0L);

        JobExecution second = run(job, true);

        assertThat(outcomes(second, "groups-members").alreadyDone()).isEqualTo(3);
        assertThat(SANDBOX.state().servedByCall().get("POST /group/invite") - invitesBefore).as("u4 asked once").isEqualTo(1);
        JobExecution third = run(job, true);
        assertThat(outcomes(third, "groups-members").alreadyDone()).isEqualTo(3);
        assertThat(SANDBOX.state().servedByCall().get("POST /group/invite") - invitesBefore).as("u4 is recorded: not asked again")
                .isEqualTo(1);

        // The source drops u2 and u3 (ours; someone kicked u2 already) and u4 (MaxIM's before us): prune removes only u3.
        kickDirectly(userId(p + "-u1"), group, userId(p + "-u2"));
        write(p + "-members.csv", "legacy_group_id,member_legacy_id\n" + p + "-g1," + p + "-u5\n");
        JobExecution pruned = run(job, true);
        assertThat(pruned.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(outcomes(pruned, "groups-prune").summary()).startsWith("removed 1, already gone 1, failed 0 memberships");
        assertThat(live(p).get(0).members()).containsExactlyInAnyOrder(userId(p + "-u1"), userId(p + "-u4"), userId(p + "-u5"));
    }

    @Test
    void aGroupOfThousandsOfMembersSpreadOverManyChunks() throws Exception {
        String p = db + "big";
        Path users = usersCsv(p, 1201);
        Path groups = write(p + "-groups.csv", "legacy_group_id,name,owner_legacy_id\n" + p + "-g1," + p + " Everyone," + p + "-u1\n");
        StringBuilder members = new StringBuilder("legacy_group_id,member_legacy_id\n");
        for (int i = 2; i <= 1201; i++) {
            members.append(p).append("-g1,").append(p).append("-u").append(i).append('\n');
        }
        JobExecution execution = run(job(p, users, groups, write(p + "-members.csv", members.toString()), 200, 100), false);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(outcomes(execution, "groups-members").written()).isEqualTo(1200);
        assertThat(outcomes(execution, "groups-members").balanced()).isTrue();
        assertGroups(p, Map.of(p + " Everyone", p + "-u1"), Map.of(p + " Everyone", members(p, 1, 2, 1201)));
    }

    @Test
    void reconcileReadsMemberListsToTheLastCursorAndReportsMissingMembersAndDisbandedGroups() throws Exception {
        String p = db + "rec";
        Path users = usersCsv(p, 1201);
        Path groups = write(p + "-groups.csv", "legacy_group_id,name,owner_legacy_id\n" + p + "-g1," + p + " Big," + p + "-u1\n");
        StringBuilder invited = new StringBuilder("legacy_group_id,member_legacy_id\n");
        StringBuilder expected = new StringBuilder(invited);
        for (int i = 2; i <= 1201; i++) {
            (i <= 1100 ? invited : expected).append(p).append("-g1,").append(p).append("-u").append(i).append('\n');
        }
        expected.insert(expected.indexOf("\n") + 1, invited.substring(invited.indexOf("\n") + 1));
        JobExecution execution = run(job(p, users, groups, write(p + "-invited.csv", invited.toString()), 500, 500), false);
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);

        JobFile wanted = parser.parse(job(p + "-wanted", users, groups, write(p + "-expected.csv", expected.toString()), 500, 500));
        ReconcileReport report = reconcile.reconcile(wanted, java.util.Map.of());

        assertThat(report.presentMembers()).as("1,100 members: two pages of 1,000").isEqualTo(1100);
        assertThat(report.expectedMembers()).isEqualTo(1201);
        assertThat(report.count(Discrepancy.Kind.MISSING_MEMBER)).isEqualTo(101);
        assertThat(report.complete()).isFalse();
        assertThat(Files.readString(report.file())).contains("MISSING_MEMBER", p + "-g1 / " + p + "-u1201");

        assertThat(rollback.rollback(List.of(execution.getId())).disbanded()).isEqualTo(1);
        ReconcileReport afterRollback = reconcile.reconcile(wanted, java.util.Map.of());
        assertThat(afterRollback.discrepancies()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Discrepancy.Kind.MISSING_GROUP);
            assertThat(d.legacy()).isEqualTo(p + "-g1");
        });
    }

    @Test
    void anUnreliableServerStillEndsWithEachGroupOnceAndEveryMembership() throws Exception {
        String p = db + "flaky";
        Path users = usersCsv(p, 60);
        StringBuilder groups = new StringBuilder("legacy_group_id,name,owner_legacy_id,announcement,allow_member_modify\n");
        StringBuilder members = new StringBuilder("legacy_group_id,member_legacy_id\n");
        Map<String, String> owners = new HashMap<>();
        Map<String, Set<String>> expected = new HashMap<>();
        for (int g = 1; g <= 30; g++) {
            String owner = p + "-u" + (g % 10 + 1);
            String name = p + " Flaky " + g;
            groups.append(p).append("-g").append(g).append(',').append(name).append(',').append(owner).append(",Notice ").append(g)
                    .append(",yes\n");
            owners.put(name, owner);
            Set<String> all = new LinkedHashSet<>(List.of(owner));
            for (int k = 0; k < 15; k++) {
                String member = p + "-u" + (11 + (g * 7 + k) % 50);
                members.append(p).append("-g").append(g).append(',').append(member).append('\n');
                all.add(member);
            }
            expected.put(name, all);
        }
        Path job = job(p, users, write(p + "-groups.csv", groups.toString()), write(p + "-members.csv", members.toString()), 4, 7);
        SANDBOX.faults().set(new SandboxFaults.Settings(0, 0, 0.03, 0.02, 0.02, null, 7));

        JobExecution execution = run(job, false);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(outcomes(execution, "groups").written()).isEqualTo(30);
        assertThat(outcomes(execution, "groups").balanced()).isTrue();
        // A member whose invite answer was lost is "already a member" on the retry: already done, never rejected.
        StepOutcomes invited = outcomes(execution, "groups-members");
        assertThat(invited.written() + invited.alreadyDone()).isEqualTo(450);
        assertThat(invited.rejected()).isZero();
        assertThat(invited.balanced()).isTrue();
        assertGroups(p, owners, expected);
        // Each announcement published once (a lost edit is read back, not sent again), each setting set.
        assertThat(outcomes(execution, "groups-settings").written()).isEqualTo(30);
        live(p).forEach(g -> {
            assertThat(g.announcements()).as(g.name()).extracting(SandboxState.AnnouncementView::content)
                    .containsExactly("Notice " + g.name().substring((p + " Flaky ").length()));
            assertThat(g.settings()).as(g.name()).isEqualTo(Map.of("allow_member_modify", 1));
        });
    }

    @Test
    void aFatalAnswerFailsTheRunAndRunningAgainCompletesWithoutASecondGroup() throws Exception {
        String p = db + "fatal";
        Path users = usersCsv(p, 20);
        assertThat(run(JobTestSupport.jobFile(dir, p + "-users", usersStep(users)), false).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        StringBuilder groups = new StringBuilder("legacy_group_id,name,owner_legacy_id\n");
        StringBuilder members = new StringBuilder("legacy_group_id,member_legacy_id\n");
        Map<String, String> owners = new HashMap<>();
        Map<String, Set<String>> expected = new HashMap<>();
        for (int g = 1; g <= 80; g++) {
            String owner = p + "-u" + (g % 5 + 1);
            String name = p + " Resumed " + g;
            groups.append(p).append("-g").append(g).append(',').append(name).append(',').append(owner).append('\n');
            members.append(p).append("-g").append(g).append(',').append(p).append("-u").append(10 + g % 10).append('\n');
            owners.put(name, owner);
            expected.put(name, Set.of(owner, p + "-u" + (10 + g % 10)));
        }
        Path job = JobTestSupport.jobFile(dir, p, groupsStep(write(p + "-groups.csv", groups.toString()),
                write(p + "-members.csv", members.toString()), 200, 5));
        // A fatal code from the 11th group on: set before the run, so that the run cannot finish before it.
        SANDBOX.faults().forceCodeAfter("/group/create", 10, 10008);
        JobExecution failed = runUnchecked(job);

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(live(p)).hasSize(10);
        SANDBOX.faults().set(SandboxFaults.Settings.none());
        JobExecution resumed = run(job, false);

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(resumed.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
        assertThat(outcomes(resumed, "groups").balanced()).isTrue();
        assertThat(outcomes(resumed, "groups").read()).isLessThan(80);
        assertThat(outcomes(resumed, "groups-members").written()).isEqualTo(80);
        assertGroups(p, owners, expected);
    }

    @Test
    void aPendingCreateWhoseGroupExistsIsResolvedToThatGroupAndNotCreatedAgain() throws Exception {
        String p = db + "pending";
        Path users = usersCsv(p, 3);
        assertThat(run(JobTestSupport.jobFile(dir, p + "-users", usersStep(users)), false).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long owner = userId(p + "-u1");
        String name = p + " Lost";
        // The same owner and name, but already another legacy group's: must not be taken.
        long taken = createDirectly(owner, name);
        insertGroupMap(p + "-other", taken, owner, name, "DONE", Instant.now().minusSeconds(120));
        // An earlier run's create whose answer was lost: PENDING in group_map, the group exists in MaxIM.
        insertGroupMap(p + "-lost", null, owner, name, "PENDING", Instant.now().minusSeconds(60));
        long lost = createDirectly(owner, name);
        Path job = JobTestSupport.jobFile(dir, p, groupsStep(
                write(p + "-groups.csv", "legacy_group_id,name,owner_legacy_id\n" + p + "-lost," + name + "," + p + "-u1\n"),
                write(p + "-members.csv", "legacy_group_id,member_legacy_id\n" + p + "-lost," + p + "-u2\n"), 200, 10));

        JobExecution execution = run(job, false);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(outcomes(execution, "groups").alreadyDone()).isEqualTo(1);
        assertThat(outcomes(execution, "groups").written()).isZero();
        assertThat(jdbc.queryForMap("SELECT group_id, state FROM group_map WHERE legacy_group_id = ?", p + "-lost"))
                .containsEntry("state", "DONE").satisfies(row -> assertThat(((Number) row.get("group_id")).longValue()).isEqualTo(lost));
        assertThat(live(p)).extracting(GroupView::groupId).containsExactlyInAnyOrder(taken, lost);
        assertThat(live(p).stream().filter(g -> g.groupId() == lost).findFirst().orElseThrow().members())
                .containsExactlyInAnyOrder(owner, userId(p + "-u2"));
    }

    @Test
    void rollbackDisbandsExactlyTheGroupsOfAnExecutionAndIsIdempotent() throws Exception {
        String p = db + "undo";
        Path users = usersCsv(p, 4);
        assertThat(run(JobTestSupport.jobFile(dir, p + "-users", usersStep(users)), false).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Path noMembers = write(p + "-members.csv", "legacy_group_id,member_legacy_id\n");
        JobExecution a = run(JobTestSupport.jobFile(dir, p + "-a", groupsStep(write(p + "-a.csv", "legacy_group_id,name,owner_legacy_id\n"
                + p + "-a1," + p + " A1," + p + "-u1\n" + p + "-a2," + p + " A2," + p + "-u2\n" + p + "-a3," + p + " A3," + p + "-u3\n"),
                noMembers, 200, 10)), false);
        JobExecution b = run(JobTestSupport.jobFile(dir, p + "-b", groupsStep(write(p + "-b.csv", "legacy_group_id,name,owner_legacy_id\n"
                + p + "-b1," + p + " B1," + p + "-u1\n"), noMembers, 200, 10)), false);
        assertThat(List.of(a.getStatus(), b.getStatus())).containsOnly(BatchStatus.COMPLETED);
        GroupView a3 = live(p).stream().filter(g -> g.name().equals(p + " A3")).findFirst().orElseThrow();
        destroyDirectly(a3.ownerId(), a3.groupId());

        GroupRollback.Result result = rollback.rollback(List.of(a.getId()));

        assertThat(result.disbanded()).isEqualTo(2);
        assertThat(result.alreadyGone()).isEqualTo(1);
        assertThat(result.failed()).isEmpty();
        assertThat(live(p)).extracting(GroupView::name).containsExactly(p + " B1");
        assertThat(jdbc.queryForList("SELECT state FROM group_map WHERE legacy_group_id LIKE ?", String.class, p + "-a%"))
                .containsOnly("ROLLED_BACK").hasSize(3);
        GroupRollback.Result again = rollback.rollback(List.of(a.getId()));
        assertThat(again.disbanded() + again.alreadyGone() + again.failed().size()).isZero();
        assertThat(live(p)).extracting(GroupView::name).containsExactly(p + " B1");
    }

    JobExecution run(Path jobFile, boolean fresh) throws Exception {
        return runs.run(parser.parse(jobFile), Map.of(), fresh, notice -> { });
    }

    private JobExecution runUnchecked(Path jobFile) {
        try {
            return run(jobFile, false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static StepOutcomes outcomes(JobExecution execution, String step) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(step)).map(StepOutcomes::of)
                .findFirst().orElseThrow(() -> new AssertionError("no step " + step + " in execution " + execution.getId()));
    }

    private Path usersCsv(String p, int n) {
        StringBuilder csv = new StringBuilder("legacy_id,username,password\n");
        for (int i = 1; i <= n; i++) {
            csv.append(p).append("-u").append(i).append(',').append(p).append("_u").append(i).append(",pw-").append(i).append('\n');
        }
        return write(p + "-users.csv", csv.toString());
    }

    private Path job(String p, Path users, Path groups, Path members, int batchSize, int chunkSize) {
        return JobTestSupport.jobFile(dir, p, usersStep(users) + groupsStep(groups, members, batchSize, chunkSize));
    }

    private static String usersStep(Path users) {
        return JobTestSupport.usersStep(users, 50, 200, "reject");
    }

    private static String groupsStep(Path groups, Path members, int batchSize, int chunkSize) {
        return "  - name: groups\n    type: create-groups\n    source: { csv: " + groups.toAbsolutePath() + " }\n"
                + "    members: { csv: " + members.toAbsolutePath() + " }\n"
                + "    batch-size: " + batchSize + "\n    chunk-size: " + chunkSize + "\n";
    }

    private Path write(String name, String text) {
        Path file = dir.resolve(name);
        JobTestSupport.write(file, text);
        return file;
    }

    private static Set<String> members(String p, int owner, int... ranges) {
        Set<String> all = new LinkedHashSet<>(List.of(p + "-u" + owner));
        for (int r = 0; r < ranges.length; r += 2) {
            for (int i = ranges[r]; i <= ranges[r + 1]; i++) {
                all.add(p + "-u" + i);
            }
        }
        return all;
    }

    private static List<String> reportLines(StepOutcomes outcomes) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(outcomes.rejectFile()));
        return lines.subList(1, lines.size());
    }

    /** The sandbox's live groups whose name starts with the test's prefix. */
    static List<GroupView> live(String p) {
        return SANDBOX.state().groups().stream().filter(g -> !g.destroyed() && g.name().startsWith(p + " ")).toList();
    }

    long userId(String legacyId) {
        return jdbc.queryForObject("SELECT user_id FROM user_map WHERE legacy_id = ? AND state = 'DONE'", Long.class, legacyId);
    }

    /** Exactly one live group per expected name, with its owner, and members exactly the expected users. */
    void assertGroups(String p, Map<String, String> ownerByName, Map<String, Set<String>> membersByName) {
        List<GroupView> groups = live(p);
        assertThat(groups).extracting(GroupView::name).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ownerByName.keySet());
        Map<String, Long> ids = new HashMap<>();
        jdbc.query("SELECT legacy_id, user_id FROM user_map WHERE legacy_id LIKE ? AND state = 'DONE'",
                rs -> { ids.put(rs.getString(1), rs.getLong(2)); }, p + "-u%");
        for (GroupView group : groups) {
            assertThat(group.ownerId()).as(group.name()).isEqualTo(ids.get(ownerByName.get(group.name())));
            assertThat(group.members()).as(group.name()).containsExactlyInAnyOrderElementsOf(
                    membersByName.get(group.name()).stream().map(ids::get).collect(Collectors.toSet()));
        }
        assertThat(jdbc.queryForList("SELECT group_id FROM group_map WHERE state = 'DONE' AND name LIKE ?", Long.class, p + " %"))
                .containsExactlyInAnyOrderElementsOf(groups.stream().map(GroupView::groupId).toList());
    }

    private void insertGroupMap(String legacyId, Long groupId, long owner, String name, String state, Instant started) {
        jdbc.update("INSERT INTO group_map (legacy_group_id, group_id, owner_user_id, name, state, job_instance_id, job_execution_id,"
                + " source_line, attempt_started_at, updated_at) VALUES (?, ?, ?, ?, ?, -1, -1, '9', ?, CURRENT_TIMESTAMP)",
                legacyId, groupId, owner, name, state, started.toEpochMilli());
    }

    private static long createDirectly(long owner, String name) throws Exception {
        String body = call(HttpRequest.newBuilder(SANDBOX.endpoint().resolve("/group/create"))
                .header("user_id", Long.toString(owner)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")));
        Matcher id = Pattern.compile("\"group_id\":(\\d+)").matcher(body);
        assertThat(id.find()).as(body).isTrue();
        return Long.parseLong(id.group(1));
    }

    private static void destroyDirectly(long owner, long groupId) throws Exception {
        call(HttpRequest.newBuilder(SANDBOX.endpoint().resolve("/group/destroy?group_id=" + groupId))
                .header("user_id", Long.toString(owner)).DELETE());
    }

    /** An invite made by hand, outside maxim-batch. */
    private static void kickDirectly(long owner, long groupId, long member) throws Exception {
        call(HttpRequest.newBuilder(java.net.URI.create(SANDBOX.endpoint() + "/group/kick")).header("user_id", Long.toString(owner))
                .POST(HttpRequest.BodyPublishers.ofString("{\"group_id\":" + groupId + ",\"user_list\":[" + member + "]}")));
    }

    private static void createDirectlyInvite(long owner, long groupId, long member) throws Exception {
        call(HttpRequest.newBuilder(java.net.URI.create(SANDBOX.endpoint() + "/group/invite")).header("user_id", Long.toString(owner))
                .POST(HttpRequest.BodyPublishers.ofString("{\"group_id\":" + groupId + ",\"user_list\":[" + member + "]}")));
    }

    private static String call(HttpRequest.Builder request) throws Exception {
        String body = HTTP.send(request.header("app_id", "sandbox").header("access-token", "sandbox-token").build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(body).contains("\"code\":200");
        return body;
    }
}
