package io.maximbatch.cli;

import io.maximbatch.report.FailureCause;
import io.maximbatch.report.StepOutcomes;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/** The end-of-run summary: per step, every record's outcome; then the job's status and what to do next. */
final class Summary {

    private Summary() {
    }

    static int print(JobExecution execution, PrintWriter out, String resumeHint) {
        for (StepExecution step : execution.getStepExecutions()) {
            // A partitioned step's line holds its partitions' sums; the partitions themselves are the workers' business.
            if (!StepOutcomes.isPartition(step)) {
                out.println(line(StepOutcomes.of(step), took(step)));
            }
        }
        BatchStatus status = execution.getStatus();
        out.println("Job " + execution.getJobInstance().getJobName() + ", execution " + execution.getId() + ": " + status);
        if (status == BatchStatus.COMPLETED) {
            return MaximBatchCommand.OK;
        }
        failure(execution).ifPresent(reason -> out.println("Cause: " + reason));
        out.println(resumeHint);
        return MaximBatchCommand.FAILED;
    }

    static String line(StepOutcomes o) {
        return line(o, "");
    }

    /** took: the step's duration and pace, or empty. */
    static String line(StepOutcomes o, String took) {
        if (o.summary() != null) {
            return "Step " + o.step() + ": " + o.status() + "  " + o.summary().replace("\n", System.lineSeparator() + "  ");
        }
        long open = o.read() - (o.written() + o.updated() + o.alreadyDone() + o.pending() + o.rejected() + o.filtered() + o.capped());
        // Only invites can be pending: the count is shown where there are some.
        // Only campaign targets can be capped: the count is shown where there are some, as pending.
        return String.format("Step %s: %s  read %d, written %d, updated %d, already done %d, rejected %d, filtered %d%s%s%s%s%s",
                o.step(), o.status(), o.read(), o.written(), o.updated(), o.alreadyDone(), o.rejected(), o.filtered(),
                o.pending() > 0 ? ", pending " + o.pending() + " (invited, waiting for the person's consent)" : "",
                o.capped() > 0 ? ", capped " + o.capped() + " (frequency cap reached)" : "", took,
                open > 0 ? "; " + open + " read in the chunk that did not finish, read again on resume" : "",
                (o.rejectFile() == null ? "" : "  (rejects: " + o.rejectFile() + ")") + (o.cappedFile() == null ? "" : "  (capped: " + o.cappedFile() + ")"));
    }

    /** ", in 8.2 s (2439 records/s)" for a step that has ended. */
    static String took(StepExecution step) {
        if (step.getStartTime() == null || step.getEndTime() == null) {
            return "";
        }
        long millis = Math.max(1, Duration.between(step.getStartTime(), step.getEndTime()).toMillis());
        return String.format(Locale.ROOT, ", in %.1f s (%d records/s)", millis / 1000.0, Math.round(step.getReadCount() * 1000.0 / millis));
    }

    private static Optional<String> failure(JobExecution execution) {
        List<Throwable> failures = execution.getAllFailureExceptions();
        if (!failures.isEmpty()) {
            return Optional.of(Messages.of(FailureCause.mostTelling(failures)));
        }
        String description = execution.getExitStatus().getExitDescription();
        return description == null || description.isBlank() ? Optional.empty()
                : description.lines().findFirst();
    }
}
