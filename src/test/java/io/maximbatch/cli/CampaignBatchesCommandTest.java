package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.TestPostgres;
import io.maximbatch.campaign.SendLedger;
import io.maximbatch.execution.JobLocks;
import io.maximbatch.execution.RunParameters;
import java.io.PrintWriter;
import java.io.StringWriter;
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

/** campaign-batches decides about the batches it lists, and only while no run of the job executes (PostgreSQL). */
class CampaignBatchesCommandTest {

    private static final String JOB = "weekly";
    private static final String RUN = "run-key-1";
    private static String url;
    private static ConfigurableApplicationContext context;
    private static JdbcTemplate jdbc;
    private static long executionId;

    @BeforeAll
    static void jobDatabase() {
        url = TestPostgres.newDatabaseUrl("batches_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        context = BatchContext.start(Map.of("spring.datasource.url", url, "spring.datasource.username", "postgres",
                "spring.datasource.password", "postgres"));
        jdbc = context.getBean(JdbcTemplate.class);
        JobRepository repository = context.getBean(JobRepository.class);
        JobParameters parameters = new JobParametersBuilder().addString(RunParameters.RUN_KEY, RUN).toJobParameters();
        JobInstance instance = repository.createJobInstance(JOB, parameters);
        executionId = repository.createJobExecution(instance, parameters, new ExecutionContext()).getId();
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @Test
    void aDecisionActsOnTheListedBatchesOnlyAndLeavesAPendingRowOfAnotherBatchAlone() {
        pending("push", "batch-a", "u1", "u2");
        pending("push", "batch-b", "u3");
        SendLedger ledger = context.getBean(SendLedger.class);

        List<SendLedger.PendingBatch> listed = ledger.pendingBatches(JOB, RUN);
        pending("push", "batch-c", "u4");
        int counted = ledger.countDelivered(JOB, RUN, listed.stream().filter(b -> b.batchKey().equals("batch-a")).toList());

        assertThat(counted).isEqualTo(2);
        assertThat(states()).containsExactly("u1=SENT", "u2=SENT", "u3=PENDING", "u4=PENDING");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = command(out, err, "--resend", "--batch", "batch-b");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("batch-b", "batch-c", "Approved to go out again with their keys: 1 batch(es), 1 row(s).");
        assertThat(jdbc.queryForList("SELECT target FROM send_ledger WHERE job_name = ? AND resend_approved ORDER BY target", String.class, JOB))
                .containsExactly("u3");
        assertThat(states()).containsExactly("u1=SENT", "u2=SENT", "u3=PENDING", "u4=PENDING");
    }

    @Test
    void aDecisionIsRefusedWithOneLineWhileARunOfTheJobHoldsItsLock() throws Exception {
        pending("push", "batch-locked", "u9");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try (JobLocks.Lock running = context.getBean(JobLocks.class).acquire(JOB)) {
            exit = command(out, err, "--forget");
        }

        assertThat(exit).isEqualTo(MaximBatchCommand.USAGE);
        assertThat(err.toString().lines().toList()).containsExactly("maxim-batch: job " + JOB
                + " is running in another maxim-batch process on this job database; wait for it to end (or stop it) and run again");
        assertThat(jdbc.queryForObject("SELECT state FROM send_ledger WHERE target = 'u9'", String.class)).isEqualTo("PENDING");
    }

    private static int command(StringWriter out, StringWriter err, String... options) {
        System.setProperty("spring.datasource.url", url);
        System.setProperty("spring.datasource.username", "postgres");
        System.setProperty("spring.datasource.password", "postgres");
        try {
            String[] args = new String[options.length + 2];
            args[0] = "campaign-batches";
            args[1] = Long.toString(executionId);
            System.arraycopy(options, 0, args, 2, options.length);
            return MaximBatchCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            System.clearProperty("spring.datasource.url");
            System.clearProperty("spring.datasource.username");
            System.clearProperty("spring.datasource.password");
        }
    }

    private static void pending(String step, String batch, String... targets) {
        for (String target : targets) {
            jdbc.update("INSERT INTO send_ledger (job_name, run_key, step_name, target, segment, batch_key, state, updated_at)"
                    + " VALUES (?, ?, ?, ?, 'all', ?, 'PENDING', ?)", JOB, RUN, step, target, batch, System.currentTimeMillis());
        }
    }

    private static List<String> states() {
        return jdbc.queryForList("SELECT target || '=' || state FROM send_ledger WHERE job_name = ? AND target IN ('u1', 'u2', 'u3', 'u4') ORDER BY target",
                String.class, JOB);
    }
}
