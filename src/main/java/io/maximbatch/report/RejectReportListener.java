package io.maximbatch.report;

import java.nio.file.Path;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Writes the step's reject report when the step ends, however it ends. The file holds every reject of the
 * job instance's step, over all its executions, so the last execution's file is the complete list. A report that
 * cannot be written fails the step with the file and the reason: the run is resumed once the folder is fixed.
 *
 * @param dryRun a dry run's reports are named as such, beside the real ones: its execution ids are its own
 */
public record RejectReportListener(RejectStore store, Path rejectsDir, boolean dryRun) implements StepExecutionListener {

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        long instanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        if (store.count(instanceId, stepExecution.getStepName()) > 0) {
            RejectReport.Rejects rejects = store.forStep(instanceId, stepExecution.getStepName());
            String jobName = stepExecution.getJobExecution().getJobInstance().getJobName();
            Path file = dryRun ? rejectsDir.resolve(jobName + "-dry-run-" + stepExecution.getStepName() + ".csv")
                    : RejectReport.fileFor(rejectsDir, jobName, stepExecution.getJobExecutionId(), stepExecution.getStepName());
            try {
                RejectReport.write(file, rejects);
            } catch (RejectReport.NotWritten e) {
                // Spring Batch would only log a listener's exception: a report lost must fail the step (and the run), resumably.
                stepExecution.setStatus(BatchStatus.FAILED);
                stepExecution.addFailureException(e);
                return ExitStatus.FAILED.addExitDescription(e.getMessage());
            }
            stepExecution.getExecutionContext().putString(StepOutcomes.REJECT_FILE, file.toString());
        }
        return null;
    }
}
