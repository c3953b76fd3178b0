package io.maximbatch.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.maximbatch.JobTestSupport;
import io.maximbatch.execution.Executions;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.sandbox.SandboxDelivery;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import io.maximbatch.sandbox.SandboxState;
import io.maximbatch.schedule.ScheduledJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** In `serve`, the delivery of a finished campaign is fetched and stored on its own, every maxim.campaigns.delivery-refresh. */
@SpringBootTest
// The refresh runs every second: closed with the class, not left running in a cached context against a closed sandbox.
@DirtiesContext
class DeliveryRefreshTest {

    static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @Autowired
    Executions runs;

    @Autowired
    JobFileParser parser;

    @Autowired
    CampaignDelivery delivery;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        JobTestSupport.sandboxProperties(registry, SANDBOX, shared);
        registry.add(ScheduledJobs.ENABLED, () -> "true");
        registry.add("maxim.jobs-dir", () -> shared.toString());
        registry.add("maxim.campaigns.delivery-refresh", () -> "1s");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:refresh-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    @Test
    void aFinishedCampaignsDeliveryIsStoredWithoutAnyoneAskingAndFollowsTheSandbox() throws Exception {
        Path users = JobTestSupport.usersCsv(dir, "rf", 50, false).file();
        StringBuilder audience = new StringBuilder("legacy_id\n");
        for (int i = 1; i <= 50; i++) {
            audience.append("rf-L").append(i).append('\n');
        }
        Path audienceFile = dir.resolve("rf-all.csv");
        JobTestSupport.write(audienceFile, audience.toString());
        Path job = JobTestSupport.jobFile(dir, "rf", JobTestSupport.usersStep(users, 50, 50, "reject") + """
                  - name: welcome
                    type: push-campaign
                    batch-size: 20
                    audience: { csv: %s }
                    message: { body: "hi" }
                """.formatted(audienceFile.toAbsolutePath()));
        int before = SANDBOX.state().pushes().size();

        JobExecution execution = runs.run(parser.parse(job), Map.of(), false, n -> { });

        DeliveryReport stored = await().atMost(Duration.ofSeconds(30)).until(() -> delivery.stored(execution.getId()).orElse(null),
                report -> report != null);
        List<SandboxState.PushView> pushes = SANDBOX.state().pushes();
        Set<Long> tasks = pushes.subList(before, pushes.size()).stream().map(SandboxState.PushView::taskId).collect(Collectors.toSet());
        DeliveryJobTests.assertEqual(stored.channels(), stored.total(), SandboxDelivery.of(SANDBOX.state(), tasks));
        assertThat(stored.steps()).singleElement().satisfies(step -> assertThat(step.tasks()).isEqualTo(3));
        long fetchedAt = stored.fetchedAt().toEpochMilli();
        await().atMost(Duration.ofSeconds(30)).until(() -> delivery.stored(execution.getId()).orElseThrow().fetchedAt().toEpochMilli() > fetchedAt);
    }
}
