package io.maximbatch.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobTestSupport;
import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.execution.Executions;
import io.maximbatch.maxim.CallTrace;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Reconcile of friendships: missing ones make the migration incomplete (and fail a reconcile step); extras are reported only. */
@SpringBootTest
class ReconcileFriendshipsTest {

    static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());

    @TempDir
    static Path reports;

    @TempDir
    Path dir;

    @Autowired
    Executions runs;

    @Autowired
    JobFileParser parser;

    @Autowired
    ReconcileService reconcile;

    @Autowired
    MaximClient client;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("maxim.api-endpoint", () -> SANDBOX.endpoint().toString());
        registry.add("maxim.app-id", () -> "sandbox");
        registry.add("maxim.access-token", () -> "sandbox-token");
        registry.add("maxim.rate-limit", () -> "2000");
        registry.add("maxim.rejects-dir", reports::toString);
        registry.add("maxim.reports-dir", reports::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:reconcile-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    @Test
    void missingFriendshipsFailTheReconcileStepUntilTheyArePresent() throws Exception {
        JobTestSupport.UsersFile users = JobTestSupport.usersCsv(dir, "rec", 6, false);
        Path rosters = dir.resolve("rosters.csv");
        JobTestSupport.write(rosters, "user_legacy_id,friend_legacy_id\nrec-L1,rec-L2\nrec-L1,rec-L3\nrec-L2,rec-L3\nrec-L4,rec-L99\n");
        String usersStep = JobTestSupport.usersStep(users.file(), 10, 100, "reject");
        String friendsStep = "  - name: friends\n    type: import-rosters\n    source: { csv: " + rosters.toAbsolutePath() + " }\n    mutual: true\n";
        String reconcileStep = "  - name: check\n    type: reconcile\n";

        JobExecution withoutFriends = run(JobTestSupport.jobFile(dir, "rec-a", usersStep + reconcileStep + friendsStep.replace("friends", "later")));
        assertThat(withoutFriends.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(withoutFriends.getExitStatus().getExitDescription()).contains("Friendships: expected 6, present 0, missing 6");

        JobFile full = parser.parse(JobTestSupport.jobFile(dir, "rec-b", usersStep + friendsStep + reconcileStep));
        JobExecution complete = runs.run(full, Map.of(), false, n -> { });
        assertThat(complete.getStatus()).isEqualTo(BatchStatus.COMPLETED);

        long one = SANDBOX.state().usersByName().get("rec_1");
        long five = SANDBOX.state().usersByName().get("rec_5");
        client.addRoster(one, List.of(five), new CallTrace());
        ReconcileReport report = reconcile.reconcile(full, java.util.Map.of());
        assertThat(report.complete()).as("extras do not make a migration incomplete").isTrue();
        assertThat(report.expectedFriendships()).isEqualTo(6);
        assertThat(report.presentFriendships()).isEqualTo(6);
        assertThat(report.unresolvable()).isEqualTo(1);
        assertThat(report.discrepancies()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Discrepancy.Kind.EXTRA_FRIENDSHIP);
            assertThat(d.legacy()).isEqualTo("rec-L1 -> rec-L5");
        });
        assertThat(Files.readAllLines(report.file())).containsExactly("kind,legacy,maxim,detail",
                "\"EXTRA_FRIENDSHIP\",\"rec-L1 -> rec-L5\",\"" + one + " -> " + five + "\",\"in the roster, not in the source\"");
    }

    @Test
    void aUserTheRunRejectedOnMaxImsAnswerIsNotExpectedButOneNeverRegisteredIsMissing() throws Exception {
        JobTestSupport.UsersFile users = JobTestSupport.usersCsv(dir, "gap", 3, false);
        // Someone else has gap_3 already (on-existing: reject), and the sandbox refuses a name over 64 characters.
        client.registerUser(new io.maximbatch.maxim.MaximModel.Credentials("gap_3", "pw"), new CallTrace());
        Files.writeString(users.file(), "gap-L4,gap_" + "x".repeat(70) + ",pw-4,Four\n", java.nio.file.StandardOpenOption.APPEND);
        Path rosters = dir.resolve("gap-rosters.csv");
        JobTestSupport.write(rosters, "user_legacy_id,friend_legacy_id\ngap-L1,gap-L2\ngap-L1,gap-L3\n");
        String usersStep = JobTestSupport.usersStep(users.file(), 10, 100, "reject");
        String friendsStep = "  - name: friends\n    type: import-rosters\n    source: { csv: " + rosters.toAbsolutePath() + " }\n";
        JobFile job = parser.parse(JobTestSupport.jobFile(dir, "gap", usersStep + friendsStep));
        JobExecution run = runs.run(job, Map.of(), false, n -> { });
        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(io.maximbatch.report.StepOutcomes.of(run.getStepExecutions().iterator().next()).rejected())
                .as("USERNAME_TAKEN and the server's 10002").isEqualTo(2);

        ReconcileReport report = reconcile.reconcile(job, java.util.Map.of());

        assertThat(report.complete()).as(report.discrepancies().toString()).isTrue();
        assertThat(report.expectedUsers()).isEqualTo(2);
        assertThat(report.presentUsers()).isEqualTo(2);
        assertThat(report.unresolvable()).as("the two users rejected on MaxIM's answer and gap-L1 -> gap-L3").isEqualTo(3);
        assertThat(report.expectedFriendships()).isEqualTo(1);

        // The same sources under another job name, never run: its users are missing, not rejected.
        ReconcileReport neverRun = reconcile.reconcile(parser.parse(JobTestSupport.jobFile(dir, "gap-other", usersStep)), java.util.Map.of());
        assertThat(neverRun.complete()).isFalse();
        assertThat(neverRun.discrepancies()).filteredOn(d -> d.kind() == Discrepancy.Kind.MISSING_USER)
                .extracting(Discrepancy::legacy).containsExactlyInAnyOrder("gap-L3", "gap-L4");
    }

    @Test
    void aUserTheIdMapHasButMaxImLacksIsMissingAndFriendsAreReadOverSeveralRosterListPages() throws Exception {
        // One user with 250 friends: the sandbox pages /roster/list 100 at a time, whatever limit asks.
        JobTestSupport.UsersFile users = JobTestSupport.usersCsv(dir, "many", 251, false);
        StringBuilder rosters = new StringBuilder("user_legacy_id,friend_legacy_id\n");
        for (int i = 2; i <= 251; i++) {
            rosters.append("many-L1,many-L").append(i).append('\n');
        }
        Path rostersCsv = dir.resolve("many-rosters.csv");
        JobTestSupport.write(rostersCsv, rosters.toString());
        JobFile job = parser.parse(JobTestSupport.jobFile(dir, "many", JobTestSupport.usersStep(users.file(), 100, 300, "reject")
                + "  - name: friends\n    type: import-rosters\n    source: { csv: " + rostersCsv.toAbsolutePath() + " }\n"));
        assertThat(runs.run(job, Map.of(), false, n -> { }).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // Someone deleted many_7 in MaxIM: the ID map still says so, but MaxIM has no user with its id.
        jdbc.update("UPDATE user_map SET user_id = 999999999 WHERE legacy_id = 'many-L7'");
        long servedBefore = SANDBOX.state().servedByCall().getOrDefault("GET /roster/list", 0L);

        ReconcileReport report = reconcile.reconcile(job, java.util.Map.of());

        assertThat(report.expectedUsers()).isEqualTo(251);
        assertThat(report.presentUsers()).isEqualTo(250);
        assertThat(report.discrepancies()).filteredOn(d -> d.kind() == Discrepancy.Kind.MISSING_USER).singleElement()
                .satisfies(d -> assertThat(d).extracting(Discrepancy::legacy, Discrepancy::maxim).containsExactly("many-L7", "999999999"));
        assertThat(report.expectedFriendships()).isEqualTo(250);
        assertThat(report.presentFriendships()).as("all 250 friends, read over three pages").isEqualTo(249);
        assertThat(report.discrepancies()).filteredOn(d -> d.kind() == Discrepancy.Kind.MISSING_FRIENDSHIP).singleElement()
                .satisfies(d -> assertThat(d.legacy()).isEqualTo("many-L1 -> many-L7"));
        assertThat(SANDBOX.state().servedByCall().get("GET /roster/list") - servedBefore).isEqualTo(3);
    }

    @Test
    void aDisabledFlagMaxImDoesNotShowIsReportedFromTheUserListsStatus() throws Exception {
        Path users = dir.resolve("ban-users.csv");
        JobTestSupport.write(users, "legacy_id,username,password,disabled\nban-L1,ban_1,pw-1,yes\nban-L2,ban_2,pw-2,no\nban-L3,ban_3,pw-3,yes\n");
        JobFile job = parser.parse(JobTestSupport.jobFile(dir, "ban", JobTestSupport.usersStep(users, 10, 100, "reject")));
        assertThat(runs.run(job, Map.of(), false, n -> { }).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(reconcile.reconcile(job, Map.of()).discrepancies()).isEmpty();
        // Someone enables ban_3 in MaxIM and disables ban_2.
        client.setDisabled(List.of(SANDBOX.state().usersByName().get("ban_3")), false, new CallTrace());
        client.setDisabled(List.of(SANDBOX.state().usersByName().get("ban_2")), true, new CallTrace());

        long profilesBefore = SANDBOX.state().servedByCall().getOrDefault("GET /user/profile", 0L);
        ReconcileReport report = reconcile.reconcile(job, Map.of());

        assertThat(SANDBOX.state().servedByCall().getOrDefault("GET /user/profile", 0L)).as("no profile attribute to check, no profile read")
                .isEqualTo(profilesBefore);
        assertThat(report.checkedAccounts()).isEqualTo(3);
        assertThat(report.discrepancies()).extracting(Discrepancy::kind, Discrepancy::legacy, Discrepancy::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Discrepancy.Kind.ATTRIBUTE_DIFFERS, "ban-L2", "disabled: expected 'false', MaxIM has 'true'"),
                org.assertj.core.groups.Tuple.tuple(Discrepancy.Kind.ATTRIBUTE_DIFFERS, "ban-L3", "disabled: expected 'true', MaxIM has 'false'"));
    }

    @Test
    void aNicknameAFriendsDetailsShowAsExpectedIsNotReadAgainUnlessItIsTheUsername() throws Exception {
        Path users = dir.resolve("nick-users.csv");
        JobTestSupport.write(users, "legacy_id,username,password\nnick-L1,nick_1,pw-1\nnick-L2,nick_2,pw-2\nnick-L3,nick_3,pw-3\n");
        Path rosters = dir.resolve("nick-rosters.csv");
        JobTestSupport.write(rosters, "user_legacy_id,friend_legacy_id\nnick-L1,nick-L2\nnick-L1,nick-L3\n");
        JobFile job = parser.parse(JobTestSupport.jobFile(dir, "nick", JobTestSupport.usersStep(users, 10, 100, "reject")
                + "  - name: friends\n    type: import-rosters\n    source: { csv: " + rosters.toAbsolutePath() + " }\n"));
        assertThat(runs.run(job, Map.of(), false, n -> { }).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, Long> ids = SANDBOX.state().usersByName();
        client.updateProfiles(List.of(Map.of("user_id", ids.get("nick_3"), "nick_name", "Cid")), new CallTrace());
        // The source now names nick_2 "nick_2", which MaxIM does not have: the details show its name for want of a
        // nickname ("nickname or name"), which proves nothing, so its profile is read. nick_3's "Cid" is shown: no read.
        JobTestSupport.write(users, "legacy_id,username,password,nickname\nnick-L1,nick_1,pw-1,\nnick-L2,nick_2,pw-2,nick_2\n"
                + "nick-L3,nick_3,pw-3,Cid\n");
        long profilesBefore = SANDBOX.state().servedByCall().getOrDefault("GET /user/profile", 0L);

        ReconcileReport report = reconcile.reconcile(parser.parse(job.path()), Map.of());

        assertThat(SANDBOX.state().servedByCall().getOrDefault("GET /user/profile", 0L) - profilesBefore).isEqualTo(1);
        assertThat(report.discrepancies()).extracting(Discrepancy::legacy, Discrepancy::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("nick-L2", "nickname: expected 'nick_2', MaxIM has none"));
    }

    @Test
    void aDeletedOrBlacklistedRosterEntryIsNoFriendshipNorARemark() throws Exception {
        JobTestSupport.UsersFile users = JobTestSupport.usersCsv(dir, "rel", 4, false);
        Path rosters = dir.resolve("rel-rosters.csv");
        JobTestSupport.write(rosters, "user_legacy_id,friend_legacy_id,remark\nrel-L1,rel-L2,Two\nrel-L1,rel-L3,Three\nrel-L1,rel-L4,Four\n");
        JobFile job = parser.parse(JobTestSupport.jobFile(dir, "rel", JobTestSupport.usersStep(users.file(), 10, 100, "reject")
                + "  - name: friends\n    type: import-rosters\n    source: { csv: " + rosters.toAbsolutePath() + " }\n"));
        assertThat(runs.run(job, Map.of(), false, n -> { }).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, Long> ids = SANDBOX.state().usersByName();
        long one = ids.get("rel_1");
        // User 1 deletes user 2 and blacklists user 3: both stay in its roster list, relation 1 and 3, remarks kept.
        client.removeFriend(one, ids.get("rel_2"), new CallTrace());
        var block = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        SANDBOX.endpoint().resolve("/roster/block?user_id=" + ids.get("rel_3"))).header("app_id", "sandbox")
                .header("access-token", "sandbox-token").header("user_id", String.valueOf(one))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(block.body()).contains("\"code\":200");

        ReconcileReport report = reconcile.reconcile(job, Map.of());

        assertThat(report.expectedFriendships()).isEqualTo(3);
        assertThat(report.presentFriendships()).isEqualTo(1);
        assertThat(report.discrepancies()).extracting(Discrepancy::kind, Discrepancy::legacy).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Discrepancy.Kind.MISSING_FRIENDSHIP, "rel-L1 -> rel-L2"),
                org.assertj.core.groups.Tuple.tuple(Discrepancy.Kind.MISSING_FRIENDSHIP, "rel-L1 -> rel-L3"),
                org.assertj.core.groups.Tuple.tuple(Discrepancy.Kind.REMARK_DIFFERS, "rel-L1 -> rel-L2"),
                org.assertj.core.groups.Tuple.tuple(Discrepancy.Kind.REMARK_DIFFERS, "rel-L1 -> rel-L3"));
    }

    @Test
    void manyUsersAreFoundInTheAppsUserListRatherThanOneByOne() throws Exception {
        JobTestSupport.UsersFile users = JobTestSupport.usersCsv(dir, "crowd", 1001, false);
        JobFile job = parser.parse(JobTestSupport.jobFile(dir, "crowd", JobTestSupport.usersStep(users.file(), 100, 500, "reject")));
        assertThat(runs.run(job, Map.of(), false, n -> { }).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        jdbc.update("UPDATE user_map SET user_id = 999999998 WHERE legacy_id = 'crowd-L500'");
        Map<String, Long> before = SANDBOX.state().servedByCall();

        ReconcileReport report = reconcile.reconcile(job, java.util.Map.of());

        assertThat(report.presentUsers()).isEqualTo(1000);
        assertThat(report.discrepancies()).singleElement().satisfies(d -> assertThat(d.legacy()).isEqualTo("crowd-L500"));
        Map<String, Long> after = SANDBOX.state().servedByCall();
        assertThat(after.getOrDefault("GET /roster/name", 0L)).isEqualTo(before.getOrDefault("GET /roster/name", 0L));
        // Every page, as the missing user is on none, and the empty page after them: only an empty page ends the list.
        int pages = (SANDBOX.state().usersByName().size() + 199) / 200;
        assertThat(after.get("GET /user/list") - before.getOrDefault("GET /user/list", 0L)).as("every page and the empty one after them")
                .isEqualTo(pages + 1);
    }

    @Test
    void aServerWithoutRosterListIsReadThroughUserRosters() throws Exception {
        JobTestSupport.UsersFile users = JobTestSupport.usersCsv(dir, "old", 4, false);
        Path rosters = dir.resolve("old-rosters.csv");
        JobTestSupport.write(rosters, "user_legacy_id,friend_legacy_id\nold-L1,old-L2\nold-L1,old-L3\nold-L4,old-L1\n");
        JobFile job = parser.parse(JobTestSupport.jobFile(dir, "old", JobTestSupport.usersStep(users.file(), 10, 100, "reject")
                + "  - name: friends\n    type: import-rosters\n    source: { csv: " + rosters.toAbsolutePath() + " }\n"));
        assertThat(runs.run(job, Map.of(), false, n -> { }).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        SANDBOX.faults().unknownPath("/roster/list");
        try {
            long before = SANDBOX.state().servedByCall().getOrDefault("GET /user/rosters", 0L);

            ReconcileReport report = reconcile.reconcile(job, java.util.Map.of());

            assertThat(report.complete()).isTrue();
            assertThat(report.presentFriendships()).isEqualTo(3);
            assertThat(SANDBOX.state().servedByCall().get("GET /user/rosters") - before).as("one per user with friends").isEqualTo(2);
        } finally {
            SANDBOX.faults().set(io.maximbatch.sandbox.SandboxFaults.Settings.none());
        }
    }

    @Test
    void aNicknameARemarkAndAnAdminMaxImLacksAreReported() throws Exception {
        Path users = dir.resolve("attr-users.csv");
        JobTestSupport.write(users, "legacy_id,username,password,nickname,tags\nat-L1,at_1,pw-1,Ann,vip\nat-L2,at_2,pw-2,Bob,\n"
                + "at-L3,at_3,pw-3,Cid,\n");
        Path rosters = dir.resolve("attr-rosters.csv");
        JobTestSupport.write(rosters, "user_legacy_id,friend_legacy_id,remark\nat-L1,at-L2,Bobby\n");
        Path groups = dir.resolve("attr-groups.csv");
        JobTestSupport.write(groups, "legacy_group_id,name,owner_legacy_id\nat-G1,Attr crew,at-L1\n");
        Path members = dir.resolve("attr-members.csv");
        JobTestSupport.write(members, "legacy_group_id,member_legacy_id,role\nat-G1,at-L2,admin\nat-G1,at-L3,\n");
        JobFile job = parser.parse(JobTestSupport.jobFile(dir, "attr", JobTestSupport.usersStep(users, 10, 100, "reject")
                + "  - name: friends\n    type: import-rosters\n    source: { csv: " + rosters.toAbsolutePath() + " }\n"
                + "  - name: groups\n    type: create-groups\n    source: { csv: " + groups.toAbsolutePath() + " }\n"
                + "    members: { csv: " + members.toAbsolutePath() + " }\n"));
        assertThat(runs.run(job, Map.of(), false, n -> { }).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(reconcile.reconcile(job, java.util.Map.of()).complete()).isTrue();

        // Someone changes them in MaxIM afterwards (the sources still say the same).
        long ann = SANDBOX.state().usersByName().get("at_1");
        long bob = SANDBOX.state().usersByName().get("at_2");
        client.updateProfiles(List.of(Map.of("user_id", ann, "nick_name", "Annie")), new CallTrace());
        JobTestSupport.write(rosters, "user_legacy_id,friend_legacy_id,remark\nat-L1,at-L2,Robert\n");
        JobTestSupport.write(members, "legacy_group_id,member_legacy_id,role\nat-G1,at-L2,admin\nat-G1,at-L3,admin\n");

        ReconcileReport report = reconcile.reconcile(parser.parse(job.path()), java.util.Map.of());

        assertThat(report.complete()).isFalse();
        assertThat(report.discrepancies()).extracting(Discrepancy::kind, Discrepancy::legacy).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Discrepancy.Kind.ATTRIBUTE_DIFFERS, "at-L1"),
                org.assertj.core.groups.Tuple.tuple(Discrepancy.Kind.REMARK_DIFFERS, "at-L1 -> at-L2"),
                org.assertj.core.groups.Tuple.tuple(Discrepancy.Kind.MISSING_ADMIN, "at-G1 / at-L3"));
        assertThat(report.discrepancies()).filteredOn(d -> d.kind() == Discrepancy.Kind.ATTRIBUTE_DIFFERS).singleElement()
                .satisfies(d -> assertThat(d.detail()).isEqualTo("nickname: expected 'Ann', MaxIM has 'Annie'"));
        assertThat(report.checkedAccounts()).isEqualTo(3);
        assertThat(bob).isPositive();
    }

    private JobExecution run(Path job) throws Exception {
        return runs.run(parser.parse(job), Map.of(), false, n -> { });
    }
}
