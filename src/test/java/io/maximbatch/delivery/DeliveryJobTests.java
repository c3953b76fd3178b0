package io.maximbatch.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobTestSupport;
import io.maximbatch.execution.Executions;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.sandbox.SandboxDelivery;
import io.maximbatch.sandbox.SandboxFaults;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import io.maximbatch.sandbox.SandboxState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Delivery statistics of campaigns run against the sandbox: what campaign-report shows equals the sandbox's figures. */
abstract class DeliveryJobTests {

    static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());

    static void sandboxProperties(DynamicPropertyRegistry registry, Path rejectsDir) {
        JobTestSupport.sandboxProperties(registry, SANDBOX, rejectsDir);
    }

    @TempDir
    Path dir;

    @Autowired
    Executions runs;

    @Autowired
    JobFileParser parser;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CampaignDelivery delivery;

    @Autowired
    ObjectProvider<MeterRegistry> meters;

    final String db;

    DeliveryJobTests(String db) {
        this.db = db;
    }

    @AfterEach
    void clearFaults() {
        SANDBOX.faults().set(SandboxFaults.Settings.none());
    }

    @Test
    void campaignReportTotalsEqualTheSandboxsStatisticsOfTheRunsTasksPerChannelAndPerStep() throws Exception {
        String p = db + "rep";
        registerUsers(p, 300);
        Path job = JobTestSupport.jobFile(dir, p, """
                  - name: welcome
                    type: push-campaign
                    batch-size: 40
                    segments:
                      - name: vip
                        audience: { csv: %1$s }
                        message: { body: "vip" }
                      - name: everyone
                        audience: { csv: %2$s }
                        message: { body: "all" }
                  - name: reminder
                    type: push-campaign
                    batch-size: 25
                    audience: { csv: %1$s }
                    message: { body: "again" }
                  - name: notice
                    type: send-message
                    audience: { csv: %1$s }
                    message: { content: "a message has no push task" }
                """.formatted(write(p + "-vip.csv", legacyIds(p, 1, 60)), write(p + "-all.csv", legacyIds(p, 1, 300))));
        int before = SANDBOX.state().pushes().size();

        JobExecution execution = runs.run(parser.parse(job), Map.of(), false, n -> { });
        DeliveryReport report = delivery.fetch(execution.getId());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Set<Long> runTasks = tasksSince(before);
        assertThat(report.steps().stream().mapToInt(DeliveryReport.Step::tasks).sum()).as("each push of the run, once").isEqualTo(runTasks.size());
        assertEqual(report.channels(), report.total(), SandboxDelivery.of(SANDBOX.state(), runTasks));
        assertThat(report.total().targets()).as("the sandbox's formula leaves no channel empty here").isPositive();
        assertThat(report.steps()).extracting(DeliveryReport.Step::name).containsExactly("reminder", "welcome");
        for (DeliveryReport.Step step : report.steps()) {
            Set<Long> tasks = Set.copyOf(jdbc.queryForList("SELECT DISTINCT task_id FROM send_ledger WHERE job_name = ? AND step_name = ?",
                    Long.class, p, step.name()));
            assertThat(step.tasks()).isEqualTo(tasks.size());
            // The sandbox answers in the reverse of the order asked: a step's figures are right only when matched by task id.
            assertEqual(step.channels(), step.total(), SandboxDelivery.of(SANDBOX.state(), tasks));
        }
        assertThat(report.unknown().batches()).isZero();
        assertThat(delivery.stored(execution.getId())).contains(report);
        assertThat(delivery.storedRecent()).as("what the dashboard reads").contains(report);
        DeliveryReport.Figures apns = report.channels().get("apns");
        assertThat(apns.unreachable()).isEqualTo(apns.targets() - apns.sent());
        assertThat(apns.deliveryRate()).isEqualTo((double) apns.delivered() / apns.targets());
    }

    @Test
    void afterACrashAndAResumeNoTaskIsCountedTwiceOrLost() throws Exception {
        String p = db + "crash";
        registerUsers(p, 600);
        Path job = JobTestSupport.jobFile(dir, p, """
                  - name: welcome
                    type: push-campaign
                    audience: { csv: %s }
                    message: { body: "once" }
                    batch-size: 20
                    chunk-size: 40
                """.formatted(write(p + "-all.csv", legacyIds(p, 1, 600))));
        int before = SANDBOX.state().pushes().size();
        SANDBOX.faults().set(new SandboxFaults.Settings(5, 0, 0.03, 0.02, 0.1, null, 7, 0, 0, 0, 0));
        // A fatal code from the 11th push on: set before the run, so that the run cannot finish before it.
        SANDBOX.faults().forceCodeAfter("/push/notify", 10, 10008);
        JobExecution failed = runs.run(parser.parse(job), Map.of(), false, n -> { });
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM send_ledger WHERE job_name = ? AND state = 'PENDING'", Integer.class, p))
                .as("the batch refused by the fatal code is left PENDING, for the resume to send again with its request_id").isPositive();
        SANDBOX.faults().set(new SandboxFaults.Settings(0, 0, 0.03, 0.02, 0.1, null, 8, 0, 0, 0, 0));

        JobExecution resumed = runs.run(parser.parse(job), Map.of(), false, n -> { });
        DeliveryReport report = delivery.fetch(resumed.getId());

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Set<Long> runTasks = tasksSince(before);
        assertThat(runTasks).as("600 users in pushes of at most 20").hasSizeGreaterThanOrEqualTo(30);
        assertThat(report.steps()).singleElement().satisfies(step -> assertThat(step.tasks()).isEqualTo(runTasks.size()));
        assertThat(report.unknown().batches()).as("every batch, the resent ones included, has its task").isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM send_ledger WHERE job_name = ? AND task_id IS NULL", Integer.class, p)).isZero();
        assertEqual(report.channels(), report.total(), SandboxDelivery.of(SANDBOX.state(), runTasks));
        assertThat(delivery.fetch(failed.getId()).total()).as("the failed execution's run is the same run").isEqualTo(report.total());
    }

    @Test
    void serveRefreshesTheCampaignsFinishedInTheWindowAndTheGaugesShowTheStoredFigures() throws Exception {
        String p = db + "fresh";
        registerUsers(p, 90);
        Path job = JobTestSupport.jobFile(dir, p, """
                  - name: welcome
                    type: push-campaign
                    audience: { csv: %s }
                    message: { body: "hi" }
                """.formatted(write(p + "-all.csv", legacyIds(p, 1, 90))));
        int before = SANDBOX.state().pushes().size();
        JobExecution execution = runs.run(parser.parse(job), Map.of(), false, n -> { });

        delivery.refreshFinishedSince(LocalDateTime.now().plusMinutes(1));
        assertThat(delivery.stored(execution.getId())).as("finished before the window").isEmpty();
        delivery.refreshFinishedSince(LocalDateTime.now().minusHours(24));

        DeliveryReport stored = delivery.stored(execution.getId()).orElseThrow();
        Map<String, SandboxDelivery.Figures> sandbox = SandboxDelivery.of(SANDBOX.state(), tasksSince(before));
        assertEqual(stored.channels(), stored.total(), sandbox);
        MeterRegistry registry = meters.getIfAvailable(() -> Metrics.globalRegistry);
        for (String channel : SandboxDelivery.CHANNELS) {
            assertThat(registry.get("maxim.batch.push.targets").tags("job", p, "channel", channel).gauge().value())
                    .isEqualTo(sandbox.get(channel).target());
            assertThat(registry.get("maxim.batch.push.sent").tags("job", p, "channel", channel).gauge().value())
                    .isEqualTo(sandbox.get(channel).sent());
            assertThat(registry.get("maxim.batch.push.delivered").tags("job", p, "channel", channel).gauge().value())
                    .isEqualTo(sandbox.get(channel).received());
        }
    }

    static void assertEqual(Map<String, DeliveryReport.Figures> channels, DeliveryReport.Figures total, Map<String, SandboxDelivery.Figures> sandbox) {
        assertThat(channels.keySet()).containsExactlyElementsOf(SandboxDelivery.CHANNELS);
        sandbox.forEach((channel, f) -> assertThat(channels.get(channel)).as(channel)
                .extracting(DeliveryReport.Figures::targets, DeliveryReport.Figures::sent, DeliveryReport.Figures::delivered)
                .containsExactly(f.target(), f.sent(), f.received()));
        assertThat(List.of(total.targets(), total.sent(), total.delivered())).containsExactly(
                sandbox.values().stream().mapToLong(SandboxDelivery.Figures::target).sum(),
                sandbox.values().stream().mapToLong(SandboxDelivery.Figures::sent).sum(),
                sandbox.values().stream().mapToLong(SandboxDelivery.Figures::received).sum());
    }

    static Set<Long> tasksSince(int before) {
        List<SandboxState.PushView> pushes = SANDBOX.state().pushes();
        return pushes.subList(before, pushes.size()).stream().map(SandboxState.PushView::taskId).collect(Collectors.toSet());
    }

    void registerUsers(String p, int n) throws Exception {
        Path users = JobTestSupport.usersCsv(dir, p, n, false).file();
        runs.run(parser.parse(JobTestSupport.jobFile(dir, p + "-users", JobTestSupport.usersStep(users, 100, 500, "reject"))), Map.of(), false, x -> { });
    }

    static String legacyIds(String p, int from, int to) {
        StringBuilder ids = new StringBuilder("legacy_id\n");
        for (int i = from; i <= to; i++) {
            ids.append(p).append("-L").append(i).append('\n');
        }
        return ids.toString();
    }

    Path write(String name, CharSequence text) {
        Path file = dir.resolve(name);
        JobTestSupport.write(file, text.toString());
        return file.toAbsolutePath();
    }
}
