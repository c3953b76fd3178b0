package io.maximbatch.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobTestSupport;
import io.maximbatch.execution.DryRunPlan;
import io.maximbatch.execution.DryRuns;
import io.maximbatch.execution.Executions;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.report.StepOutcomes;
import io.maximbatch.sandbox.SandboxState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;

/**
 * The frequency cap against the sandbox (CampaignJobTests'): across jobs, steps and concurrent runs on one job database,
 * a person gets at most max pushes within the window; the others are capped (counted and listed, never rejected), as the
 * dry run foresees. The configuration's default here is 1 per 24h (maxim.campaigns.frequency-cap).
 */
abstract class FrequencyCapJobTests {

    static final long DAY = 24 * 3600 * 1000L;

    static void properties(DynamicPropertyRegistry registry, Path rejectsDir) {
        CampaignJobTests.sandboxProperties(registry, rejectsDir);
        registry.add("maxim.campaigns.frequency-cap.max", () -> "1");
        registry.add("maxim.campaigns.frequency-cap.per", () -> "24h");
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

    final String db;

    FrequencyCapJobTests(String db) {
        this.db = db;
    }

    @Test
    void twoOverlappingCampaignsPushEachPersonOnceAndTheSecondReportsTheOverlapCappedAsItsDryRunForesaw() throws Exception {
        String p = db + "cap";
        registerUsers(p, 20);
        Path first = campaign(p + "-first", audience(p, 1, 12), "{ max: 1, per: 24h }");
        Path second = campaign(p + "-second", audience(p, 5, 20), "{ max: 1, per: 24h }");
        int before = pushes().size();

        assertThat(runs.run(parser.parse(first), Map.of(), false, n -> { }).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        DryRunPlan.Step planned = dryRuns.plan(second, Map.of(), false, n -> { }).step("news");
        JobExecution execution = runs.run(parser.parse(second), Map.of(), false, n -> { });

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<Long, Integer> times = timesByUser(pushes().subList(before, pushes().size()));
        assertThat(times).hasSize(20);
        assertThat(times.values()).as("each person pushed exactly once").allMatch(n -> n == 1);
        StepOutcomes outcomes = CampaignJobTests.outcomes(execution);
        assertThat(List.of(outcomes.read(), outcomes.written(), outcomes.capped(), outcomes.rejected())).containsExactly(16L, 8L, 8L, 0L);
        assertThat(outcomes.balanced()).isTrue();
        assertThat(List.of(planned.written(), planned.capped(), planned.rejected())).as("the dry run before the run").containsExactly(8L, 8L, 0L);
        assertThat(outcomes.rejectFile()).as("capped is no rejection").isNull();
        List<String> listed = Files.readAllLines(Path.of(outcomes.cappedFile()));
        assertThat(listed.get(0)).isEqualTo("line,reason_code,reason,legacy_id");
        assertThat(listed.subList(1, listed.size())).hasSize(8).allSatisfy(line -> assertThat(line).contains("FREQUENCY_CAP",
                "1 send(s) in the last 24h from campaigns on this job database (frequency cap: 1 per 24h)"));
        assertThat(listed.subList(1, listed.size())).extracting(line -> line.substring(line.lastIndexOf(',') + 1))
                .containsExactlyElementsOf(IntStream.rangeClosed(5, 12).mapToObj(i -> "\"" + p + "-L" + i + "\"").toList());
    }

    @Test
    void stepsOfOneJobUnderTheConfiguredDefaultCapReachEachPersonOnceMessagesIncluded() throws Exception {
        String p = db + "steps";
        registerUsers(p, 10);
        Path audience = audience(p, 1, 10);
        Path job = JobTestSupport.jobFile(dir, p, """
                  - name: morning
                    type: push-campaign
                    audience: { csv: %1$s }
                    message: { title: "Morning", body: "x" }
                  - name: evening
                    type: push-campaign
                    audience: { csv: %1$s }
                    message: { title: "Evening", body: "y" }
                  - name: notice
                    type: send-message
                    audience: { csv: %1$s }
                    message: { content: "Maintenance tonight" }
                """.formatted(audience));
        int before = pushes().size();
        int messagesBefore = CampaignJobTests.SANDBOX.state().messages().size();

        DryRunPlan plan = dryRuns.plan(job, Map.of(), false, n -> { });
        JobExecution execution = runs.run(parser.parse(job), Map.of(), false, n -> { });

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<Long, String> titles = CampaignJobTests.titlesByUser(pushes().subList(before, pushes().size()));
        assertThat(titles).hasSize(10);
        assertThat(titles.values()).containsOnly("Morning");
        StepOutcomes evening = StepOutcomes.of(execution.getStepExecutions().stream().filter(s -> s.getStepName().equals("evening"))
                .findFirst().orElseThrow());
        assertThat(List.of(evening.written(), evening.capped())).containsExactly(0L, 10L);
        assertThat(List.of(plan.step("evening").written(), plan.step("evening").capped())).containsExactly(0L, 10L);
        assertThat(CampaignJobTests.SANDBOX.state().messages()).as("a message step is capped alike").hasSize(messagesBefore);
        assertThat(plan.step("notice").capped()).isEqualTo(10);
    }

    @Test
    void aPersonWhoseSendIsOlderThanTheWindowIsPushedAgain() throws Exception {
        String p = db + "old";
        registerUsers(p, 5);
        Path first = campaign(p + "-first", audience(p, 1, 5), "{ max: 1, per: 24h }");
        Path second = campaign(p + "-second", audience(p, 1, 5), "{ max: 1, per: 24h }");
        assertThat(runs.run(parser.parse(first), Map.of(), false, n -> { }).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // Persons 1 to 3 were pushed 25 hours ago: outside the window.
        for (int i = 1; i <= 3; i++) {
            jdbc.update("UPDATE send_ledger SET updated_at = updated_at - ? WHERE job_name = ? AND target = ?", DAY + 3600_000L,
                    p + "-first", "user:" + CampaignJobTests.userId(p, i));
        }
        int before = pushes().size();

        JobExecution execution = runs.run(parser.parse(second), Map.of(), false, n -> { });

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<Long, Integer> times = timesByUser(pushes().subList(before, pushes().size()));
        assertThat(times).containsOnlyKeys(CampaignJobTests.userId(p, 1), CampaignJobTests.userId(p, 2), CampaignJobTests.userId(p, 3));
        StepOutcomes outcomes = CampaignJobTests.outcomes(execution);
        assertThat(List.of(outcomes.written(), outcomes.capped())).containsExactly(3L, 2L);
    }

    @Test
    void twoCampaignsRunningAtOnceOnTheSameAudiencePushEachPersonOnce() throws Exception {
        String p = db + "race";
        registerUsers(p, 300);
        Path audience = audience(p, 1, 300);
        List<Path> jobs = new ArrayList<>();
        for (String name : List.of("left", "right")) {
            jobs.add(JobTestSupport.jobFile(dir, p + "-" + name, """
                      - name: news
                        type: push-campaign
                        audience: { csv: %s }
                        message: { title: "%s", body: "x" }
                        batch-size: 5
                        chunk-size: 10
                    """.formatted(audience, name)));
        }
        int before = pushes().size();

        List<CompletableFuture<JobExecution>> running = jobs.stream().map(job -> CompletableFuture.supplyAsync(() -> {
            try {
                return runs.run(parser.parse(job), Map.of(), false, n -> { });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).toList();

        long written = 0;
        long capped = 0;
        for (CompletableFuture<JobExecution> run : running) {
            JobExecution execution = run.get();
            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            written += CampaignJobTests.outcomes(execution).written();
            capped += CampaignJobTests.outcomes(execution).capped();
        }
        Map<Long, Integer> times = timesByUser(pushes().subList(before, pushes().size()));
        assertThat(times).hasSize(300);
        assertThat(times.values()).as("the cap's lock: never both").allMatch(n -> n == 1);
        assertThat(List.of(written, capped)).containsExactly(300L, 300L);
    }

    @Test
    void validateWarnsThatTheCapCannotCountATagAudience() throws Exception {
        Path job = JobTestSupport.jobFile(dir, db + "tags", """
                  - name: news
                    type: push-campaign
                    frequency-cap: { max: 2, per: 7d }
                    audience: { tag: [vip] }
                    message: { body: "x" }
                """);

        assertThat(runs.check(parser.parse(job), Map.of()).warnings()).containsExactly("step news: the frequency cap (2 per 7d) does not apply"
                + " to its audience: only an audience of user ids (legacy_id or user_id) names persons it can count; a tag audience is sent as it is");
    }

    private List<SandboxState.PushView> pushes() {
        return CampaignJobTests.SANDBOX.state().pushes();
    }

    private static Map<Long, Integer> timesByUser(List<SandboxState.PushView> pushes) {
        Map<Long, Integer> times = new HashMap<>();
        pushes.forEach(push -> push.audience().path("user_id").forEach((JsonNode id) -> times.merge(id.asLong(), 1, Integer::sum)));
        return times;
    }

    private void registerUsers(String p, int n) throws Exception {
        Path users = JobTestSupport.usersCsv(dir, p, n, false).file();
        assertThat(runs.run(parser.parse(JobTestSupport.jobFile(dir, p + "-users", CampaignJobTests.usersStep(users))), Map.of(), false,
                x -> { }).getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    private Path audience(String p, int from, int to) {
        StringBuilder csv = new StringBuilder("legacy_id\n");
        IntStream.rangeClosed(from, to).forEach(i -> csv.append(p).append("-L").append(i).append('\n'));
        Path file = dir.resolve(p + "-" + from + "-" + to + ".csv");
        JobTestSupport.write(file, csv.toString());
        return file.toAbsolutePath();
    }

    private Path campaign(String job, Path audience, String cap) {
        return JobTestSupport.jobFile(dir, job, """
                  - name: news
                    type: push-campaign
                    frequency-cap: %s
                    audience: { csv: %s }
                    message: { title: "News", body: "x" }
                """.formatted(cap, audience));
    }
}
