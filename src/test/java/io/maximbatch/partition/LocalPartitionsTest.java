package io.maximbatch.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobTestSupport;
import io.maximbatch.JobTestSupport.UsersFile;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.jobfile.JobRuns;
import io.maximbatch.report.StepOutcomes;
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
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
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
    JobRuns runs;

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
                "users:partition3");
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
