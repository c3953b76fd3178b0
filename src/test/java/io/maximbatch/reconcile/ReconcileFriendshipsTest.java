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
        ReconcileReport report = reconcile.reconcile(full);
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
    void aValidUserThatIsNotRegisteredIsMissingEvenThoughItsFriendshipsCannotBeExpected() throws Exception {
        JobTestSupport.UsersFile users = JobTestSupport.usersCsv(dir, "gap", 3, false);
        client.registerUser(new io.maximbatch.maxim.MaximModel.Credentials("gap_3", "pw"), new CallTrace());
        Path rosters = dir.resolve("gap-rosters.csv");
        JobTestSupport.write(rosters, "user_legacy_id,friend_legacy_id\ngap-L1,gap-L2\ngap-L1,gap-L3\n");
        JobFile job = parser.parse(JobTestSupport.jobFile(dir, "gap", JobTestSupport.usersStep(users.file(), 10, 100, "reject")
                + "  - name: friends\n    type: import-rosters\n    source: { csv: " + rosters.toAbsolutePath() + " }\n"));
        assertThat(runs.run(job, Map.of(), false, n -> { }).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        ReconcileReport report = reconcile.reconcile(job);

        assertThat(report.complete()).isFalse();
        assertThat(report.expectedUsers()).isEqualTo(3);
        assertThat(report.presentUsers()).isEqualTo(2);
        assertThat(report.discrepancies()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Discrepancy.Kind.MISSING_USER);
            assertThat(d.legacy()).isEqualTo("gap-L3");
        });
        assertThat(report.expectedFriendships()).isEqualTo(1);
    }

    private JobExecution run(Path job) throws Exception {
        return runs.run(parser.parse(job), Map.of(), false, n -> { });
    }
}
