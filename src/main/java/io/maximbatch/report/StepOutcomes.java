package io.maximbatch.report;

import io.maximbatch.outcome.Tally;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Counts of a step execution by outcome, kept in its execution context so that they are saved with each chunk.
 * Together with Spring Batch's read and filter counts: read = written + updated + already done + pending + rejected +
 * filtered + capped (campaign targets the frequency cap skipped, listed in cappedFile).
 */
public record StepOutcomes(String step, String status, long read, long written, long updated, long alreadyDone, long pending,
                           long rejected, long filtered, String rejectFile, String summary, long capped, String cappedFile) {

    /** The outcome counts kept in a step execution's context, each under its key. */
    private enum Counter {
        WRITTEN("maxim.written"), UPDATED("maxim.updated"), ALREADY_DONE("maxim.already-done"), PENDING("maxim.pending"),
        REJECTED("maxim.rejected"), CAPPED("maxim.capped");

        private final String key;

        Counter(String key) {
            this.key = key;
        }

        long in(ExecutionContext context) {
            return context.getLong(key, 0);
        }

        void add(ExecutionContext context, long records) {
            context.putLong(key, in(context) + records);
        }

        long of(Tally tally) {
            return switch (this) {
                case WRITTEN -> tally.written();
                case UPDATED -> tally.updated();
                case ALREADY_DONE -> tally.alreadyDone();
                case PENDING -> tally.pending();
                case REJECTED -> tally.rejected();
                case CAPPED -> tally.capped();
            };
        }

        long of(StepOutcomes outcomes) {
            return switch (this) {
                case WRITTEN -> outcomes.written();
                case UPDATED -> outcomes.updated();
                case ALREADY_DONE -> outcomes.alreadyDone();
                case PENDING -> outcomes.pending();
                case REJECTED -> outcomes.rejected();
                case CAPPED -> outcomes.capped();
            };
        }
    }

    static final String REJECT_FILE = "maxim.reject-file";
    static final String CAPPED_FILE = "maxim.capped-file";
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
        for (Counter counter : Counter.values()) {
            result.getExecutionContext().putLong(counter.key, counter.of(total));
        }
    }

    /** Starts the counts of a step execution at zero: a restart inherits the context of the execution it resumes. */
    public static void start(StepExecution execution) {
        ExecutionContext context = execution.getExecutionContext();
        for (Counter counter : Counter.values()) {
            context.putLong(counter.key, 0);
        }
        context.remove(REJECT_FILE);
        context.remove(CAPPED_FILE);
    }

    /** Adds one chunk's outcomes; called once the chunk's writes are decided. */
    public static void add(StepExecution execution, Tally tally) {
        for (Counter counter : Counter.values()) {
            counter.add(execution.getExecutionContext(), counter.of(tally));
        }
    }

    /** Adds records written by a step without a writer (a tasklet that counts as it goes). */
    public static void addWritten(StepExecution execution, long records) {
        Counter.WRITTEN.add(execution.getExecutionContext(), records);
    }

    /** Adds records found already done before they reached the step's writer, to the reads as well. */
    static void addAlreadyDoneAhead(StepExecution execution, long records) {
        Counter.ALREADY_DONE.add(execution.getExecutionContext(), records);
        execution.setReadCount(execution.getReadCount() + records);
    }

    /** Rejected records of this step execution so far. */
    public static long rejected(StepExecution execution) {
        return Counter.REJECTED.in(execution.getExecutionContext());
    }

    public static StepOutcomes of(StepExecution execution) {
        ExecutionContext context = execution.getExecutionContext();
        return new StepOutcomes(execution.getStepName(), execution.getStatus().name(), execution.getReadCount(),
                Counter.WRITTEN.in(context), Counter.UPDATED.in(context), Counter.ALREADY_DONE.in(context), Counter.PENDING.in(context),
                Counter.REJECTED.in(context),
                execution.getFilterCount(), context.containsKey(REJECT_FILE) ? context.getString(REJECT_FILE) : null,
                context.containsKey(SUMMARY) ? context.getString(SUMMARY) : null, Counter.CAPPED.in(context),
                context.containsKey(CAPPED_FILE) ? context.getString(CAPPED_FILE) : null);
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
        long capped = 0;
        for (StepExecution partition : partitions) {
            StepOutcomes o = of(partition);
            read += o.read();
            written += o.written();
            updated += o.updated();
            alreadyDone += o.alreadyDone();
            pending += o.pending();
            rejected += o.rejected();
            filtered += o.filtered();
            capped += o.capped();
        }
        return new StepOutcomes(step.getStepName(), step.getStatus().name(), read, written, updated, alreadyDone, pending, rejected, filtered,
                null, null, capped, null);
    }

    /** The partitions of a partitioned step in its job execution, as loaded with it (none for other steps). */
    public static java.util.List<StepExecution> partitionsOf(StepExecution step) {
        return step.getJobExecution().getStepExecutions().stream().filter(StepOutcomes::isPartition)
                .filter(p -> jobFileStep(p.getStepName()).equals(step.getStepName())).toList();
    }

    /** True when every record read has an outcome. */
    public boolean balanced() {
        return read == written + updated + alreadyDone + pending + rejected + filtered + capped;
    }
}
