package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.execution.RunParameters;
import io.maximbatch.maxim.CallTrace;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.maxim.MaximModel.PushMessage;
import io.maximbatch.maxim.MaximModel.PushNotify;
import io.maximbatch.sandbox.SandboxDelivery;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** campaign-report as an operator runs it: the table, --json, a batch without a task id, an execution without pushes. */
class CampaignReportCommandTest {

    private static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());
    private static final Map<String, String> SETTINGS = new LinkedHashMap<>();
    private static ConfigurableApplicationContext context;
    private static JdbcTemplate jdbc;
    private static JobRepository repository;

    @BeforeAll
    static void start() {
        SETTINGS.put("spring.datasource.url", "jdbc:h2:mem:report-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        SETTINGS.put("maxim.api-endpoint", SANDBOX.endpoint().toString());
        SETTINGS.put("maxim.app-id", "sandbox");
        SETTINGS.put("maxim.access-token", "sandbox-token");
        context = BatchContext.start(Map.copyOf(SETTINGS));
        jdbc = context.getBean(JdbcTemplate.class);
        repository = context.getBean(JobRepository.class);
    }

    @AfterAll
    static void close() {
        context.close();
        SANDBOX.close();
    }

    @Test
    void printsTheDeliveryPerChannelAndStepAndCountsABatchWithoutATaskIdAsUnknown() throws Exception {
        MaximClient client = context.getBean(MaximClient.class);
        // apns: 0 and 8 received, 64 unreachable; fcm: 57 sent and not received, 1 and 9 received (SandboxDelivery's formula).
        long first = push(client, List.of(0L, 8L, 57L, 64L), "a");
        long second = push(client, List.of(1L, 9L), "b");
        long execution = execution("weekly", "run-1");
        sent("weekly", "run-1", "welcome", "batch-a", first, 4);
        sent("weekly", "run-1", "welcome", "batch-b", second, 2);
        // MaxIM may answer /push/notify with a bare true: the batch has no task id.
        sent("weekly", "run-1", "welcome", "batch-c", null, 3);
        Map<String, SandboxDelivery.Figures> sandbox = SandboxDelivery.of(SANDBOX.state(), List.of(first, second));

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = command(out, err, "campaign-report", Long.toString(execution));

        assertThat(exit).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).startsWith("Delivery of execution " + execution + " (job weekly), fetched ");
        assertThat(lines.get(1).split(" +")).containsExactly("channel", "targets", "sent", "delivered", "unreachable", "rate");
        SandboxDelivery.Figures apns = sandbox.get("apns");
        assertThat(lines).contains(String.format("%-10s %10s %10s %10s %12s %8s", "apns", apns.target(), apns.sent(), apns.received(),
                apns.target() - apns.sent(), String.format("%.1f %%", apns.received() * 100.0 / apns.target())));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("step welcome: 2 task(s), 6 target(s), 5 sent, 4 delivered (66.7 %); unknown:"
                + " 1 batch(es) of 3 target(s) with no task id or not reported by MaxIM");

        StringWriter json = new StringWriter();
        assertThat(command(json, err, "campaign-report", Long.toString(execution), "--json")).isZero();
        JsonNode report = JsonMapper.builder().build().readTree(json.toString());
        assertThat(report.path("execution").asLong()).isEqualTo(execution);
        assertThat(report.path("job").asString()).isEqualTo("weekly");
        assertThat(report.path("total").path("targets").asLong()).isEqualTo(6);
        assertThat(report.path("total").path("unreachable").asLong()).isEqualTo(1);
        assertThat(report.path("total").path("deliveryRate").asDouble()).isEqualTo(4.0 / 6);
        assertThat(report.path("channels").path("fcm").path("delivered").asLong()).isEqualTo(sandbox.get("fcm").received());
        assertThat(report.path("steps").get(0).path("name").asString()).isEqualTo("welcome");
        assertThat(report.path("unknown").path("batches").asInt()).isEqualTo(1);
        assertThat(report.path("fetchedAt").asString()).endsWith("Z");
    }

    @Test
    void anExecutionThatSentNoPushIsBadUsage() throws Exception {
        long execution = execution("quiet", "run-1");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = command(out, err, "campaign-report", Long.toString(execution));

        assertThat(exit).isEqualTo(MaximBatchCommand.USAGE);
        assertThat(err.toString().lines().toList()).containsExactly("maxim-batch: execution " + execution
                + " (job quiet) sent no push: its run has no push batch marked sent");
        assertThat(command(out, err, "campaign-report", "987654")).isEqualTo(MaximBatchCommand.USAGE);
    }

    private static long push(MaximClient client, List<Long> users, String requestId) {
        return client.pushNotify(new PushNotify(Map.of("user_id", users), new PushMessage("text", null, "hi", null, null),
                Map.of("request_id", requestId + UUID.randomUUID())), new CallTrace());
    }

    private static long execution(String job, String runKey) throws Exception {
        JobParameters parameters = new JobParametersBuilder().addString(RunParameters.RUN_KEY, runKey)
                .addString(RunParameters.JOB_FILE, "/nonexistent/" + job + ".yml").toJobParameters();
        JobInstance instance = repository.createJobInstance(job, parameters);
        return repository.createJobExecution(instance, parameters, new ExecutionContext()).getId();
    }

    private static void sent(String job, String runKey, String step, String batch, Long taskId, int targets) {
        for (int i = 0; i < targets; i++) {
            jdbc.update("INSERT INTO send_ledger (job_name, run_key, step_name, target, segment, batch_key, state, updated_at, task_id)"
                    + " VALUES (?, ?, ?, ?, 'all', ?, 'SENT', ?, ?)", job, runKey, step, batch + "-u" + i, batch, System.currentTimeMillis(), taskId);
        }
    }

    private static int command(StringWriter out, StringWriter err, String... args) {
        SETTINGS.forEach(System::setProperty);
        try {
            return MaximBatchCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            SETTINGS.keySet().forEach(System::clearProperty);
        }
    }
}
