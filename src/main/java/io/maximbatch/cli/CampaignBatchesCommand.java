package io.maximbatch.cli;

import io.maximbatch.execution.ExecutionQueries;
import io.maximbatch.execution.RunParameters;
import io.maximbatch.campaign.SendLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
                + " targets are not sent again by this run).",
                "Exit code: 0 done, 2 bad usage."})
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

    @Override
    int run() {
        try (ConfigurableApplicationContext context = BatchContext.start(Map.of())) {
            JobExecution execution = context.getBean(ExecutionQueries.class).find(executionId).orElseThrow(() ->
                    new Usage(List.of("maxim-batch: no execution " + executionId + " (see `status` for the list)")));
            String job = execution.getJobInstance().getJobName();
            String runKey = RunParameters.runKey(execution.getJobParameters());
            SendLedger ledger = context.getBean(SendLedger.class);
            List<SendLedger.PendingBatch> pending = ledger.pendingBatches(job, runKey);
            out().printf("%s, run %s: %d batch(es) recorded and never confirmed sent%n", job, runKey, pending.size());
            long now = System.currentTimeMillis();
            for (SendLedger.PendingBatch batch : pending) {
                out().printf("  %s  %s  %d target(s), recorded %s (%d min ago)%s%n", batch.stepName(), batch.batchKey(), batch.targets(),
                        Instant.ofEpochMilli(batch.recordedAt()), Duration.ofMillis(now - batch.recordedAt()).toMinutes(),
                        batch.resendApproved() ? ", resend approved" : "");
            }
            if (decision != null && decision.resend) {
                out().printf("Approved to go out again with their keys: %d row(s). Resume the job to send them.%n",
                        ledger.approveResend(job, runKey));
            } else if (decision != null && decision.forget) {
                out().printf("Counted delivered: %d row(s); this run will not send them again. Resume the job to go on.%n",
                        ledger.countDelivered(job, runKey));
            }
            return MaximBatchCommand.OK;
        }
    }
}
