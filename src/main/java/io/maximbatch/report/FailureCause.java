package io.maximbatch.report;

import java.util.List;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Stores a failed job's cause in one readable line as its exit description, instead of Spring Batch's stack
 * trace, which is cut at 2500 characters before the cause that matters.
 */
public final class FailureCause implements JobExecutionListener {

    /** The message that says what went wrong: the deepest cause of ours or a driver's, not Spring's wrappers. */
    public static String describe(Throwable failure) {
        Throwable useful = failure;
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getClass().getName().startsWith("org.springframework")) {
                useful = cause;
            }
        }
        String message = useful.getMessage();
        return message == null ? useful.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }

    /** The failure to report: ours say what happened (which partitions failed, and why) better than Spring Batch's. */
    public static Throwable mostTelling(List<Throwable> failures) {
        return failures.stream().filter(PartitionOutcomes.PartitionsFailedException.class::isInstance).findFirst()
                .or(() -> failures.stream().filter(f -> f.getClass().getName().startsWith("io.maximbatch.")).findFirst())
                .orElse(failures.get(0));
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        List<Throwable> failures = jobExecution.getAllFailureExceptions();
        if (!failures.isEmpty()) {
            jobExecution.setExitStatus(new ExitStatus(jobExecution.getExitStatus().getExitCode(), describe(mostTelling(failures))));
        }
    }
}
