package io.maximbatch.report;

import java.nio.file.Path;
import java.util.List;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Writes the step's reject report when the step ends, however it ends. The file holds every reject of the
 * job instance's step, over all its executions, so the last execution's file is the complete list.
 */
public final class RejectReportListener implements StepExecutionListener {

    private final RejectStore store;
    private final Path rejectsDir;

    public RejectReportListener(RejectStore store, Path rejectsDir) {
        this.store = store;
        this.rejectsDir = rejectsDir;
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        long instanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        if (store.count(instanceId, stepExecution.getStepName()) > 0) {
            RejectReport.Rejects rejects = store.forStep(instanceId, stepExecution.getStepName());
            Path file = RejectReport.fileFor(rejectsDir, stepExecution.getJobExecution().getJobInstance().getJobName(),
                    stepExecution.getJobExecutionId(), stepExecution.getStepName());
            RejectReport.write(file, rejects);
            stepExecution.getExecutionContext().putString(StepOutcomes.REJECT_FILE, file.toString());
        }
        return null;
    }

    /** Writes the rejects a dry run foresees for a step next to the real reports, marked as a dry run; null when none. */
    public Path writeDryRunReport(String jobName, String stepName, List<Reject> rejects) {
        if (rejects.isEmpty()) {
            return null;
        }
        Path report = rejectsDir.resolve(jobName + "-dry-run-" + stepName + ".csv");
        RejectReport.write(report, rejects);
        return report;
    }
}
