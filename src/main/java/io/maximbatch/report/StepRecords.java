package io.maximbatch.report;

import io.maximbatch.outcome.Tally;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * What every writing step does with its records' outcomes: counts per execution, rejects into the run's reject
 * store (in the chunk's transaction), and the step's skip-limit over the whole run. Register it as a listener.
 */
public final class StepRecords implements StepExecutionListener {

    private final RejectStore rejectStore;
    private final long skipLimit;
    private StepExecution stepExecution;
    /** Rejects that earlier executions of this run recorded: skip-limit counts the whole run. */
    private long rejectsBefore;

    public StepRecords(RejectStore rejectStore, long skipLimit) {
        this.rejectStore = rejectStore;
        this.skipLimit = skipLimit;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.stepExecution = stepExecution;
        StepOutcomes.start(stepExecution);
        rejectsBefore = rejectStore.count(instanceId(), stepName());
    }

    public long instanceId() {
        return stepExecution.getJobExecution().getJobInstance().getInstanceId();
    }

    public long executionId() {
        return stepExecution.getJobExecutionId();
    }

    /** The job file's step name: a partition's execution ("users:partition3") counts and reports as its step. */
    public String stepName() {
        return StepOutcomes.jobFileStep(stepExecution.getStepName());
    }

    public String jobName() {
        return stepExecution.getJobExecution().getJobInstance().getJobName();
    }

    public JobParameters jobParameters() {
        return stepExecution.getJobParameters();
    }

    /** Saves a chunk's outcomes; past the skip-limit the step stops after this chunk commits, and afterStep fails it. */
    public void save(Tally tally) {
        rejectStore.add(instanceId(), executionId(), stepName(), tally.rejects());
        rejectStore.addCapped(instanceId(), executionId(), stepName(), tally.cappedRecords());
        StepOutcomes.add(stepExecution, tally);
        count("written", tally.written());
        count("updated", tally.updated());
        count("already_done", tally.alreadyDone());
        count("pending", tally.pending());
        count("rejected", tally.rejects().size());
        count("capped", tally.capped());
        if (rejectedInRun() > skipLimit) {
            stepExecution.setTerminateOnly();
        }
    }

    /**
     * Counts records a step's reader found already done and never passed on (read and already done), as a chunk
     * commits; the reader calls it, having no StepRecords of its own.
     */
    public static void alreadyDoneAhead(StepExecution execution, long records) {
        StepOutcomes.addAlreadyDoneAhead(execution, records);
        count(execution.getJobExecution().getJobInstance().getJobName(), StepOutcomes.jobFileStep(execution.getStepName()),
                "already_done", records);
    }

    /** Items by job, step and outcome, for /actuator/prometheus (Spring Boot adds its registries to the global one). */
    private void count(String outcome, long items) {
        count(jobName(), stepName(), outcome, items);
    }

    private static void count(String job, String step, String outcome, long items) {
        if (items > 0) {
            Counter.builder("maxim.items").description("records by outcome: written, updated, already done, rejected")
                    .tag("job", job).tag("step", step).tag("outcome", outcome)
                    .register(Metrics.globalRegistry).increment(items);
        }
    }

    /**
     * Rejects of the step over the whole run; a partition counts its step's (every partition's, as committed so far,
     * plus its own chunk's), so that skip-limit holds for the step, not for each partition.
     */
    private long rejectedInRun() {
        if (StepOutcomes.isPartition(stepExecution)) {
            // A partition without rejects of its own goes on: its records are not what broke the limit.
            return StepOutcomes.rejected(stepExecution) == 0 ? 0 : rejectStore.count(instanceId(), stepName());
        }
        return rejectsBefore + StepOutcomes.rejected(stepExecution);
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        long rejected = rejectedInRun();
        if (rejected <= skipLimit) {
            return null;
        }
        String message = rejected + " records rejected, more than the step's skip-limit of " + skipLimit
                + "; see the reject report, and raise skip-limit in the job file to go on";
        stepExecution.setStatus(BatchStatus.FAILED);
        stepExecution.addFailureException(new SkipLimitExceededException(message));
        return ExitStatus.FAILED.addExitDescription(message);
    }
}
