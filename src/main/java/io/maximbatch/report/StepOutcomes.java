package io.maximbatch.report;

import io.maximbatch.outcome.Tally;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Counts of a step execution by outcome, kept in its execution context so that they are saved with each chunk.
 * Together with Spring Batch's read and filter counts: read = written + updated + already done + pending + rejected +
 * filtered.
 */
public record StepOutcomes(String step, String status, long read, long written, long updated, long alreadyDone, long pending,
                           long rejected, long filtered, String rejectFile, String summary) {

    static final String WRITTEN = "maxim.written";
    static final String UPDATED = "maxim.updated";
    static final String ALREADY_DONE = "maxim.already-done";
    static final String REJECTED = "maxim.rejected";
    static final String PENDING = "maxim.pending";
    static final String REJECT_FILE = "maxim.reject-file";
    /** A step that checks rather than writes (reconcile) says what it found here instead of record counts. */
    public static final String SUMMARY = "maxim.summary";

    /** The job file's step of a step execution name: a partition's ("users:partition3") is its partitioned step's. */
    public static String jobFileStep(String stepExecutionName) {
        int separator = stepExecutionName.indexOf(':');
        return separator < 0 ? stepExecutionName : stepExecutionName.substring(0, separator);
    }

    /** True for the execution of one partition of a partitioned step (its step name is "step:partitionN"). */
    public static boolean isPartition(StepExecution execution) {
        return execution.getStepName().indexOf(':') >= 0;
    }

    /** Sets a partitioned step's counts to the sums of its partitions' (Spring Batch sums read, write and skip counts). */
    static void sum(StepExecution result, java.util.Collection<StepExecution> partitions) {
        StepOutcomes total = sumOf(result, java.util.List.copyOf(partitions));
        ExecutionContext context = result.getExecutionContext();
        context.putLong(WRITTEN, total.written());
        context.putLong(UPDATED, total.updated());
        context.putLong(ALREADY_DONE, total.alreadyDone());
        context.putLong(PENDING, total.pending());
        context.putLong(REJECTED, total.rejected());
    }

    /** Starts the counts of a step execution at zero: a restart inherits the context of the execution it resumes. */
    public static void start(StepExecution execution) {
        ExecutionContext context = execution.getExecutionContext();
        context.putLong(WRITTEN, 0);
        context.putLong(UPDATED, 0);
        context.putLong(ALREADY_DONE, 0);
        context.putLong(PENDING, 0);
        context.putLong(REJECTED, 0);
        context.remove(REJECT_FILE);
    }

    /** Adds one chunk's outcomes; called once the chunk's writes are decided. */
    public static void add(StepExecution execution, Tally tally) {
        ExecutionContext context = execution.getExecutionContext();
        context.putLong(WRITTEN, context.getLong(WRITTEN, 0) + tally.written());
        context.putLong(UPDATED, context.getLong(UPDATED, 0) + tally.updated());
        long alreadyDone = tally.alreadyDone();
        long rejected = tally.rejected();
        context.putLong(ALREADY_DONE, context.getLong(ALREADY_DONE, 0) + alreadyDone);
        context.putLong(REJECTED, context.getLong(REJECTED, 0) + rejected);
        context.putLong(PENDING, context.getLong(PENDING, 0) + tally.pending());
    }

    /** Adds records written by a step without a writer (a tasklet that counts as it goes). */
    public static void addWritten(StepExecution execution, long records) {
        ExecutionContext context = execution.getExecutionContext();
        context.putLong(WRITTEN, context.getLong(WRITTEN, 0) + records);
    }

    /** Adds records found already done before they reached the step's writer, to the reads as well. */
    static void addAlreadyDoneAhead(StepExecution execution, long records) {
        ExecutionContext context = execution.getExecutionContext();
        context.putLong(ALREADY_DONE, context.getLong(ALREADY_DONE, 0) + records);
        execution.setReadCount(execution.getReadCount() + records);
    }

    /** Rejected records of this step execution so far. */
    public static long rejected(StepExecution execution) {
        return execution.getExecutionContext().getLong(REJECTED, 0);
    }

    public static StepOutcomes of(StepExecution execution) {
        ExecutionContext context = execution.getExecutionContext();
        return new StepOutcomes(execution.getStepName(), execution.getStatus().name(), execution.getReadCount(),
                context.getLong(WRITTEN, 0), context.getLong(UPDATED, 0), context.getLong(ALREADY_DONE, 0), context.getLong(PENDING, 0),
                context.getLong(REJECTED, 0),
                execution.getFilterCount(), context.containsKey(REJECT_FILE) ? context.getString(REJECT_FILE) : null,
                context.containsKey(SUMMARY) ? context.getString(SUMMARY) : null);
    }

    /** The sums of a partitioned step's partitions' counts, under the step's name and status. */
    public static StepOutcomes sumOf(StepExecution step, java.util.List<StepExecution> partitions) {
        long read = 0;
        long written = 0;
        long updated = 0;
        long alreadyDone = 0;
        long pending = 0;
        long rejected = 0;
        long filtered = 0;
        for (StepExecution partition : partitions) {
            StepOutcomes o = of(partition);
            read += o.read();
            written += o.written();
            updated += o.updated();
            alreadyDone += o.alreadyDone();
            pending += o.pending();
            rejected += o.rejected();
            filtered += o.filtered();
        }
        return new StepOutcomes(step.getStepName(), step.getStatus().name(), read, written, updated, alreadyDone, pending, rejected, filtered,
                null, null);
    }

    /** The partitions of a partitioned step in its job execution, as loaded with it (none for other steps). */
    public static java.util.List<StepExecution> partitionsOf(StepExecution step) {
        return step.getJobExecution().getStepExecutions().stream().filter(StepOutcomes::isPartition)
                .filter(p -> jobFileStep(p.getStepName()).equals(step.getStepName())).toList();
    }

    /** True when every record read has an outcome. */
    public boolean balanced() {
        return read == written + updated + alreadyDone + pending + rejected + filtered;
    }
}
