package io.maximbatch.cli;

import io.maximbatch.execution.ExecutionQueries;
import io.maximbatch.execution.JobLocks;
import io.maximbatch.execution.RunParameters;
import io.maximbatch.campaign.SendLedger;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "campaign-batches", mixinStandardHelpOptions = true,
        description = {"Lists the campaign batches of an execution's run that were recorded but never confirmed sent (PENDING),"
                + " and lets you decide about them: --resend sends them again with their keys on the next resume (MaxIM may"
                + " deliver a message batch twice once its resend window has passed); --forget counts them delivered (their"
                + " targets are not sent again by this run). A decision acts on the batches listed (or those named with --batch)"
                + " and is refused while a run of the job executes.",
                "Exit code: 0 done, 2 bad usage or the job running."})
final class CampaignBatchesCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "<execution-id>", description = "any execution of the run (see `status`)")
    long executionId;

    @ArgGroup(exclusive = true)
    Decision decision;

    static final class Decision {
        @Option(names = "--resend", required = true, description = "send the pending batches again on the next resume")
        boolean resend;

        @Option(names = "--forget", required = true, description = "count the pending batches delivered")
        boolean forget;
    }

    @Option(names = "--batch", paramLabel = "KEY", split = ",", description = "with --resend or --forget: only these batch keys (as listed)")
    List<String> only = List.of();

    @Override
    int run() throws SQLException {
        try (ConfigurableApplicationContext context = BatchContext.start(Map.of())) {
            JobExecution execution = context.getBean(ExecutionQueries.class).find(executionId).orElseThrow(() ->
                    new Usage(List.of("maxim-batch: no execution " + executionId + " (see `status` for the list)")));
            String job = execution.getJobInstance().getJobName();
            if (decision == null && !only.isEmpty()) {
                throw new Usage(List.of("maxim-batch: --batch goes with --resend or --forget"));
            }
            // A decision is taken while no run of the job executes: the batches it decides about are the ones it lists.
            try (JobLocks.Lock lock = decision == null ? () -> { } : lock(context, job)) {
                return listAndDecide(context.getBean(SendLedger.class), job, RunParameters.runKey(execution.getJobParameters()));
            }
        }
    }

    private static JobLocks.Lock lock(ConfigurableApplicationContext context, String job) throws SQLException {
        try {
            return context.getBean(JobLocks.class).acquire(job);
        } catch (IllegalStateException e) {
            throw new Usage(e);
        }
    }

    private int listAndDecide(SendLedger ledger, String job, String runKey) {
        List<SendLedger.PendingBatch> pending = ledger.pendingBatches(job, runKey);
        Set<String> unknown = new LinkedHashSet<>(only);
        pending.forEach(batch -> unknown.remove(batch.batchKey()));
        if (!unknown.isEmpty()) {
            throw new Usage(List.of("maxim-batch: no PENDING batch " + String.join(", ", unknown) + " in job " + job + ", run " + runKey
                    + " (run campaign-batches " + executionId + " for the list)"));
        }
        out().printf("%s, run %s: %d batch(es) recorded and never confirmed sent%n", job, runKey, pending.size());
        long now = System.currentTimeMillis();
        for (SendLedger.PendingBatch batch : pending) {
            out().printf("  %s  %s  %d target(s), recorded %s (%d min ago)%s%n", batch.stepName(), batch.batchKey(), batch.targets(),
                    Instant.ofEpochMilli(batch.recordedAt()), Duration.ofMillis(now - batch.recordedAt()).toMinutes(),
                    batch.resendApproved() ? ", resend approved" : "");
        }
        List<SendLedger.PendingBatch> chosen = pending.stream().filter(b -> only.isEmpty() || only.contains(b.batchKey())).toList();
        if (decision != null && decision.resend) {
            out().printf("Approved to go out again with their keys: %d batch(es), %d row(s). Resume the job to send them.%n",
                    chosen.size(), ledger.approveResend(job, runKey, chosen));
        } else if (decision != null && decision.forget) {
            out().printf("Counted delivered: %d batch(es), %d row(s); this run will not send them again. Resume the job to go on.%n",
                    chosen.size(), ledger.countDelivered(job, runKey, chosen));
        }
        return MaximBatchCommand.OK;
    }
}
