package io.maximbatch.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobTestSupport;
import io.maximbatch.JobTestSupport.UsersFile;
import io.maximbatch.TestH2Sources;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.execution.Executions;
import io.maximbatch.report.StepOutcomes;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import io.maximbatch.sandbox.SandboxState;
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
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** partitions: N without workers: the partitions run on threads of this process (H2), and restart runs the failed ones only. */
@SpringBootTest
class LocalPartitionsTest {

    static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());

    @TempDir
    static Path reports;

    @TempDir
    Path dir;

    @Autowired
    Executions runs;

    @Autowired
    JobFileParser parser;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        JobTestSupport.sandboxProperties(registry, SANDBOX, reports);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:partitions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void fourPartitionsRegisterEveryUserOnceAndReportEveryRejectInOneFile() throws Exception {
        UsersFile users = JobTestSupport.usersCsv(dir, "part", 2000, true);
        Path job = JobTestSupport.jobFile(dir, "partitioned", partitioned(users.file(), 4, 1000));

        JobExecution execution = runs.run(parser.parse(job), Map.of(), false, notice -> { });

        assertThat(execution.getStatus()).as(() -> describe(execution)).isEqualTo(BatchStatus.COMPLETED);
        assertThat(partitionNames(execution)).containsExactlyInAnyOrder("users:partition0", "users:partition1", "users:partition2",
                "users:partition3", "users-attributes:partition0", "users-attributes:partition1", "users-attributes:partition2",
                "users-attributes:partition3");
        assertThat(partitions(execution)).allSatisfy(p -> assertThat(p.getReadCount()).isGreaterThan(300));
        StepOutcomes step = StepOutcomes.of(manager(execution));
        assertThat(step.written()).as(() -> describe(execution)).isEqualTo(2000);
        assertThat(step.rejected()).isEqualTo(users.invalidLines().size());
        assertThat(step.read()).isEqualTo(2000 + users.invalidLines().size());
        assertThat(step.balanced()).isTrue();
        Map<String, Long> registered = SANDBOX.state().usersByName();
        assertThat(registered.keySet().stream().filter(name -> name.startsWith("part_"))).containsExactlyInAnyOrderElementsOf(users.valid().values());
        List<String> report = Files.readAllLines(Path.of(step.rejectFile()));
        assertThat(report.subList(1, report.size())).extracting(l -> Long.parseLong(l.substring(1, l.indexOf('"', 1))))
                .containsExactlyInAnyOrderElementsOf(users.invalidLines());
    }

    @Test
    void theSameUsersInTwoPartitionsAtOnceAreRegisteredOnceAndTheRepeatsRejected() throws Exception {
        // Two copies of the same 400 rows: the two partitions race for every legacy id and username.
        StringBuilder csv = new StringBuilder("legacy_id,username,password\n");
        for (int copy = 0; copy < 2; copy++) {
            for (int i = 1; i <= 400; i++) {
                csv.append("twice-L").append(i).append(",twice_").append(i).append(",pw-").append(i).append('\n');
            }
        }
        Path input = dir.resolve("twice-users.csv");
        Files.writeString(input, csv);
        Path job = JobTestSupport.jobFile(dir, "partitioned-twice", JobTestSupport.usersStep(input, 10, 100, "reject")
                + "    partitions: 2\n");
        long registeredBefore = SANDBOX.state().registrationCallsSucceeded();

        JobExecution execution = runs.run(parser.parse(job), Map.of(), false, notice -> { });

        assertThat(execution.getStatus()).as(() -> describe(execution)).isEqualTo(BatchStatus.COMPLETED);
        StepOutcomes step = StepOutcomes.of(manager(execution));
        assertThat(step.written()).isEqualTo(400);
        assertThat(step.rejected()).isEqualTo(400);
        assertThat(SANDBOX.state().registrationCallsSucceeded() - registeredBefore).isEqualTo(400);
        assertThat(Files.readAllLines(Path.of(step.rejectFile())).subList(1, 401))
                .allSatisfy(line -> assertThat(line).contains("DUPLICATE_LEGACY_ID"));
    }

    @Test
    void skipLimitHoldsForTheWholeStepNotForEachPartition() throws Exception {
        // 40 bad rows spread over four partitions, 10 each: none passes 20 alone, the step does.
        StringBuilder csv = new StringBuilder("legacy_id,username,password\n");
        for (int i = 1; i <= 840; i++) {
            csv.append(i % 21 == 0 ? "spread-bad" + i + ",bad name " + i + ",pw\n" : "spread-L" + i + ",spread_" + i + ",pw-" + i + "\n");
        }
        Path input = dir.resolve("spread-users.csv");
        Files.writeString(input, csv);
        Path job = JobTestSupport.jobFile(dir, "partitioned-spread", partitioned(input, 4, 20));

        JobExecution execution = runs.run(parser.parse(job), Map.of(), false, notice -> { });

        assertThat(execution.getStatus()).as(() -> describe(execution)).isEqualTo(BatchStatus.FAILED);
        assertThat(execution.getExitStatus().getExitDescription()).contains("more than the step's skip-limit of 20");
    }

    @Test
    void aFailedPartitionIsTheOnlyOneRunAgainOnRestart() throws Exception {
        // 800 good rows, then 60 bad ones: the last of four partitions passes the skip-limit of 20 and fails alone.
        StringBuilder csv = new StringBuilder("legacy_id,username,password\n");
        for (int i = 1; i <= 800; i++) {
            csv.append("fail-L").append(i).append(",fail_").append(i).append(",pw-").append(i).append('\n');
        }
        for (int i = 1; i <= 60; i++) {
            csv.append("fail-bad").append(i).append(",bad name ").append(i).append(",pw\n");
        }
        Path input = dir.resolve("fail-users.csv");
        Files.writeString(input, csv);
        Path job = JobTestSupport.jobFile(dir, "partitioned-fail", partitioned(input, 4, 20));

        JobExecution first = runs.run(parser.parse(job), Map.of(), false, notice -> { });

        assertThat(first.getStatus()).as(() -> describe(first)).isEqualTo(BatchStatus.FAILED);
        assertThat(partitions(first)).as(() -> describe(first)).filteredOn(p -> p.getStatus() == BatchStatus.FAILED).extracting(StepExecution::getStepName)
                .containsExactly("users:partition3");
        Files.writeString(job, Files.readString(job).replace("skip-limit: 20", "skip-limit: 100"));

        JobExecution second = runs.restart(first.getId(), notice -> { });

        assertThat(second.getStatus()).as(() -> describe(second)).isEqualTo(BatchStatus.COMPLETED);
        assertThat(partitionNames(second)).containsExactly("users:partition3");
        assertThat(SANDBOX.state().usersByName().keySet().stream().filter(name -> name.startsWith("fail_")).count()).isEqualTo(800);
        assertThat(SANDBOX.state().usersByName()).doesNotContainKey("bad name 1");
    }

    @Test
    void partitionedRostersAndPushCampaignReachEveryoneOnce() throws Exception {
        UsersFile users = JobTestSupport.usersCsv(dir, "chain", 600, false);
        StringBuilder rosters = new StringBuilder("user_legacy_id,friend_legacy_id\n");
        StringBuilder audience = new StringBuilder("legacy_id\n");
        for (int i = 1; i <= 600; i++) {
            rosters.append("chain-L").append(i).append(",chain-L").append(i % 600 + 1).append('\n');
            audience.append("chain-L").append(i).append('\n');
        }
        Files.writeString(dir.resolve("rosters.csv"), rosters);
        Files.writeString(dir.resolve("audience.csv"), audience);
        Path job = JobTestSupport.jobFile(dir, "partitioned-chain", JobTestSupport.usersStep(users.file(), 50, 100, "reject")
                + "    partitions: 2\n"
                + "  - name: friends\n    type: import-rosters\n    partitions: 3\n    chunk-size: 50\n    source:\n      csv: "
                + dir.resolve("rosters.csv") + "\n"
                + "  - name: hello\n    type: push-campaign\n    partitions: 2\n    batch-size: 100\n    chunk-size: 100\n"
                + "    audience: { csv: " + dir.resolve("audience.csv") + " }\n"
                + "    message: { type: text, title: Hello, body: Hi }\n");
        int pushesBefore = SANDBOX.state().pushes().size();

        JobExecution execution = runs.run(parser.parse(job), Map.of(), false, notice -> { });

        assertThat(execution.getStatus()).as(() -> describe(execution)).isEqualTo(BatchStatus.COMPLETED);
        assertThat(partitionNames(execution)).containsExactlyInAnyOrder("users:partition0", "users:partition1",
                "users-attributes:partition0", "users-attributes:partition1", "friends:partition0",
                "friends:partition1", "friends:partition2", "hello:partition0", "hello:partition1");
        Map<String, Long> ids = SANDBOX.state().usersByName();
        for (int i = 1; i <= 600; i++) {
            assertThat(SANDBOX.state().friendsOf(ids.get("chain_" + i))).containsExactly(ids.get("chain_" + (i % 600 + 1)));
        }
        List<Long> pushed = SANDBOX.state().pushes().subList(pushesBefore, SANDBOX.state().pushes().size()).stream()
                .flatMap(push -> push.audience().path("user_id").valueStream().map(id -> id.asLong())).toList();
        assertThat(pushed).as("each user pushed once").containsExactlyInAnyOrderElementsOf(
                users.valid().values().stream().map(ids::get).toList());
    }

    @Test
    void anAudienceListedInTwoPartitionsIsPushedOnceWithOneCallPerBatch() throws Exception {
        UsersFile users = JobTestSupport.usersCsv(dir, "twopush", 300, false);
        StringBuilder audience = new StringBuilder("legacy_id\n");
        for (int copy = 0; copy < 2; copy++) {
            users.valid().keySet().forEach(legacyId -> audience.append(legacyId).append('\n'));
        }
        Files.writeString(dir.resolve("twice-audience.csv"), audience);
        Path job = JobTestSupport.jobFile(dir, "partitioned-push-twice", JobTestSupport.usersStep(users.file(), 50, 100, "reject")
                + "  - name: hello\n    type: push-campaign\n    partitions: 2\n    batch-size: 25\n    chunk-size: 50\n"
                + "    audience: { csv: " + dir.resolve("twice-audience.csv") + " }\n"
                + "    message: { type: text, title: Twice, body: Hi }\n");
        int pushesBefore = SANDBOX.state().pushes().size();
        long callsBefore = SANDBOX.state().servedByCall().getOrDefault("POST /push/notify", 0L);

        JobExecution execution = runs.run(parser.parse(job), Map.of(), false, notice -> { });

        assertThat(execution.getStatus()).as(() -> describe(execution)).isEqualTo(BatchStatus.COMPLETED);
        Map<String, Long> ids = SANDBOX.state().usersByName();
        List<SandboxState.PushView> pushes = SANDBOX.state().pushes().subList(pushesBefore, SANDBOX.state().pushes().size());
        assertThat(pushes.stream().flatMap(push -> push.audience().path("user_id").valueStream().map(id -> id.asLong())))
                .as("each user pushed once").containsExactlyInAnyOrderElementsOf(users.valid().values().stream().map(ids::get).toList());
        assertThat(SANDBOX.state().servedByCall().getOrDefault("POST /push/notify", 0L) - callsBefore)
                .as("no batch sent again by the other partition").isEqualTo(pushes.size());
        StepOutcomes hello = StepOutcomes.of(execution.getStepExecutions().stream().filter(s -> s.getStepName().equals("hello"))
                .findFirst().orElseThrow());
        assertThat(hello.written() + hello.alreadyDone()).isEqualTo(600);
        assertThat(hello.written()).isEqualTo(300);
    }

    @Test
    void aQueryIsSplitIntoKeyRangesOfAboutEqualSize() throws Exception {
        String database = "legacy-" + UUID.randomUUID();
        JdbcTemplate legacy = TestH2Sources.admin(database);
        legacy.execute("CREATE TABLE accounts (id INT PRIMARY KEY, login VARCHAR(100), pass VARCHAR(100))");
        for (int i = 1; i <= 1000; i++) {
            // Keys with gaps that grow: equal key ranges would be far from equal in rows.
            legacy.update("INSERT INTO accounts VALUES (?, ?, ?)", i * i, "sql_" + i, "pw" + i);
        }
        String url = TestH2Sources.readable(database);
        Path job = JobTestSupport.jobFile(dir, "partitioned-sql", """
                  - name: users
                    type: register-users
                    partitions: 4
                    source:
                      jdbc:
                        url: "%s"
                        username: reader
                        query: SELECT 'sql-L' || id AS legacy_id, id, login AS username, pass AS password FROM accounts
                        sort-key: id
                """.formatted(url));

        JobExecution execution = runs.run(parser.parse(job), Map.of(), false, notice -> { });

        assertThat(execution.getStatus()).as(() -> describe(execution)).isEqualTo(BatchStatus.COMPLETED);
        assertThat(partitions(execution)).hasSize(4).allSatisfy(p -> assertThat(p.getReadCount()).isEqualTo(250));
        assertThat(StepOutcomes.of(manager(execution)).written()).isEqualTo(1000);
        assertThat(SANDBOX.state().usersByName().keySet().stream().filter(name -> name.startsWith("sql_"))).hasSize(1000);
    }

    private static String partitioned(Path csv, int partitions, int skipLimit) {
        return JobTestSupport.usersStep(csv, 20, 100, "reject") + "    partitions: " + partitions + "\n    skip-limit: " + skipLimit + "\n";
    }

    /** Each step execution's status and exit description, for a failed assertion's message. */
    static String describe(JobExecution execution) {
        StringBuilder text = new StringBuilder(execution.getExitStatus().getExitDescription());
        execution.getStepExecutions().forEach(s -> text.append("\n").append(s.getStepName()).append(' ').append(s.getStatus())
                .append(' ').append(StepOutcomes.of(s)).append(' ').append(s.getExitStatus().getExitDescription()));
        return text.toString();
    }

    private static List<StepExecution> partitions(JobExecution execution) {
        return execution.getStepExecutions().stream().filter(StepOutcomes::isPartition).toList();
    }

    private static List<String> partitionNames(JobExecution execution) {
        return partitions(execution).stream().map(StepExecution::getStepName).toList();
    }

    private static StepExecution manager(JobExecution execution) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals("users")).findFirst().orElseThrow();
    }
}
