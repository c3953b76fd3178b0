package io.maximbatch.report;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Counts of a step execution by outcome, kept in its execution context so that they are saved with each chunk.
 * Together with Spring Batch's read and filter counts: read = written + already done + rejected + filtered.
 */
public record StepOutcomes(String step, String status, long read, long written, long alreadyDone, long rejected,
                           long filtered, String rejectFile, String summary) {

    static final String WRITTEN = "maxim.written";
    static final String ALREADY_DONE = "maxim.already-done";
    static final String REJECTED = "maxim.rejected";
    static final String REJECT_FILE = "maxim.reject-file";
    /** A step that checks rather than writes (reconcile) says what it found here instead of record counts. */
    public static final String SUMMARY = "maxim.summary";

    /** Starts the counts of a step execution at zero: a restart inherits the context of the execution it resumes. */
    public static void start(StepExecution execution) {
        ExecutionContext context = execution.getExecutionContext();
        context.putLong(WRITTEN, 0);
        context.putLong(ALREADY_DONE, 0);
        context.putLong(REJECTED, 0);
        context.remove(REJECT_FILE);
    }

    /** Adds one chunk's outcomes; called once the chunk's writes are decided. */
    public static void add(StepExecution execution, long written, long alreadyDone, long rejected) {
        ExecutionContext context = execution.getExecutionContext();
        context.putLong(WRITTEN, context.getLong(WRITTEN, 0) + written);
        context.putLong(ALREADY_DONE, context.getLong(ALREADY_DONE, 0) + alreadyDone);
        context.putLong(REJECTED, context.getLong(REJECTED, 0) + rejected);
    }

    /** Rejected records of this step execution so far. */
    public static long rejected(StepExecution execution) {
        return execution.getExecutionContext().getLong(REJECTED, 0);
    }

    public static StepOutcomes of(StepExecution execution) {
        ExecutionContext context = execution.getExecutionContext();
        return new StepOutcomes(execution.getStepName(), execution.getStatus().name(), execution.getReadCount(),
                context.getLong(WRITTEN, 0), context.getLong(ALREADY_DONE, 0), context.getLong(REJECTED, 0),
                execution.getFilterCount(), context.containsKey(REJECT_FILE) ? context.getString(REJECT_FILE) : null,
                context.containsKey(SUMMARY) ? context.getString(SUMMARY) : null);
    }

    /** True when every record read has an outcome. */
    public boolean balanced() {
        return read == written + alreadyDone + rejected + filtered;
    }
}
