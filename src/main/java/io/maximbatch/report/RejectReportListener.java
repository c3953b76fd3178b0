package io.maximbatch.report;

import java.nio.file.Path;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Writes the step's reject report when the step ends, however it ends. The file holds every reject of the
 * job instance's step, over all its executions, so the last execution's file is the complete list. A report that
 * cannot be written fails the step with the file and the reason: the run is resumed once the folder is fixed. The
 * campaign targets the frequency cap skipped go, in the same form, to a capped report beside it (`...-capped.csv`).
 *
 * @param dryRun a dry run's reports are named as such, beside the real ones: its execution ids are its own
 */
public record RejectReportListener(RejectStore store, Path rejectsDir, boolean dryRun) implements StepExecutionListener {

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        long instanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        String step = stepExecution.getStepName();
        ExitStatus rejects = store.count(instanceId, step) > 0
                ? write(stepExecution, "", store.forStep(instanceId, step), StepOutcomes.REJECT_FILE) : null;
        ExitStatus capped = rejects == null && store.countCapped(instanceId, step) > 0
                ? write(stepExecution, "-capped", store.cappedForStep(instanceId, step), StepOutcomes.CAPPED_FILE) : null;
        return rejects != null ? rejects : capped;
    }

    /** Writes one report (suffix: "" for the rejects, "-capped"); its path goes to the step's context under key. */
    private ExitStatus write(StepExecution stepExecution, String suffix, RejectReport.Rejects records, String key) {
        String jobName = stepExecution.getJobExecution().getJobInstance().getJobName();
        Path rejectsFile = dryRun ? rejectsDir.resolve(jobName + "-dry-run-" + stepExecution.getStepName() + ".csv")
                : RejectReport.fileFor(rejectsDir, jobName, stepExecution.getJobExecutionId(), stepExecution.getStepName());
        String name = rejectsFile.getFileName().toString();
        Path file = rejectsFile.resolveSibling(name.substring(0, name.length() - ".csv".length()) + suffix + ".csv");
        try {
            RejectReport.write(file, records);
        } catch (RejectReport.NotWritten e) {
            // Spring Batch would only log a listener's exception: a report lost must fail the step (and the run), resumably.
            stepExecution.setStatus(BatchStatus.FAILED);
            stepExecution.addFailureException(e);
            return ExitStatus.FAILED.addExitDescription(e.getMessage());
        }
        stepExecution.getExecutionContext().putString(key, file.toString());
        return null;
    }
}
