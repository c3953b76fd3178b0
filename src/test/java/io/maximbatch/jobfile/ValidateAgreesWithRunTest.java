package io.maximbatch.jobfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobTestSupport;
import io.maximbatch.execution.Executions;
import io.maximbatch.outcome.Reject;
import io.maximbatch.report.RejectStore;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** `validate` on the sample migration names exactly the rows (file, line, rule) that a real run then rejects. */
@SpringBootTest
class ValidateAgreesWithRunTest {

    private static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());

    @TempDir
    static Path dir;

    @Autowired
    Executions runs;

    @Autowired
    JobFileParser parser;

    @Autowired
    RejectStore rejects;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        JobTestSupport.sandboxProperties(registry, SANDBOX, dir);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:validate-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void everyRowValidateNamesIsRejectedByTheRunAndNoOther() throws Exception {
        JobFile file = parser.parse(Path.of("jobs/legacy-migration.yml"));

        Set<String> predicted = runs.check(file, java.util.Map.of()).problems().stream()
                .map(p -> Path.of(p.source()).getFileName() + ":" + p.line() + ":" + p.rule()).collect(Collectors.toSet());
        JobExecution execution = runs.run(file, Map.of(), false, notice -> { });

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long instance = execution.getJobInstance().getInstanceId();
        Map<String, String> sources = Map.of("users", "users.csv", "friends", "rosters.csv", "groups", "groups.csv",
                "groups-members", "group_members.csv");
        Set<String> rejected = sources.entrySet().stream()
                .flatMap(step -> rejects.forStep(instance, step.getKey()).list().stream().map((Reject r) -> step.getValue() + ":" + r.line() + ":" + r.reasonCode()))
                .collect(Collectors.toSet());
        assertThat(predicted).hasSize(26).isEqualTo(rejected);
    }

    @Test
    void validateNamesTheCampaignAudienceRowsTheRunRejectsByTheCampaignDecision() throws Exception {
        JobFile file = parser.parse(Path.of("jobs/welcome-campaign.yml"));
        Map<String, String> parameters = Map.of("campaign_date", "2026-12-01");

        Set<String> predicted = runs.check(file, parameters).problems().stream().filter(p -> p.source().endsWith(".csv")
                        && (p.source().endsWith("audience.csv") || p.source().endsWith("vip.csv")))
                .map(p -> Path.of(p.source()).getFileName() + ":" + p.line() + ":" + p.rule()).collect(Collectors.toSet());
        JobExecution execution = runs.run(file, parameters, false, notice -> { });

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Set<String> rejected = rejects.forStep(execution.getJobInstance().getInstanceId(), "welcome").list().stream()
                .map((Reject r) -> "audience.csv:" + r.line() + ":" + r.reasonCode()).collect(Collectors.toSet());
        assertThat(predicted).as("the sample audience's unknown users").hasSize(3).isEqualTo(rejected);
    }
}
