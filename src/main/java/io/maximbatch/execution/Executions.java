package io.maximbatch.execution;

import io.maximbatch.jobfile.JobFile;
import io.maximbatch.maxim.CallGuard;
import io.maximbatch.report.StepOutcomes;
import io.maximbatch.step.Check;
import io.maximbatch.step.Rehearsals;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * The run lifecycle, the only caller of Spring Batch's JobOperator and of the job locks: start or resume a job
 * file's run, a scheduled slot, a restart, a stop, an abandon. Running a file again with the same parameters resumes
 * its last unfinished execution (recovering one left STARTED by a killed process first).
 */
@Service
public class Executions {

    private final JobOperator operator;
    private final JobFactory factory;
    private final JobCatalog catalog;
    private final ExecutionQueries queries;
    private final CallGuard guard;
    private final JobLocks locks;
    private final LiveExecutions live;

    Executions(JobOperator operator, JobFactory factory, JobCatalog catalog, ExecutionQueries queries, CallGuard guard,
               JobLocks locks, LiveExecutions live) {
        this.operator = operator;
        this.factory = factory;
        this.catalog = catalog;
        this.queries = queries;
        this.guard = guard;
        this.locks = locks;
        this.live = live;
    }

    /** Runs the job file to its end in this thread; started (if not null) is told the execution as it starts. */
    public JobExecution run(JobFile file, Map<String, String> parameters, boolean fresh, Consumer<String> notices,
                            Consumer<JobExecution> started) throws Exception {
        parameters = file.withDefaults(parameters);
        try (JobLocks.Lock lock = locks.acquire(file.name())) {
            Job job = build(file, parameters, started);
            Optional<JobExecution> unfinished = fresh ? Optional.empty() : queries.lastOfRun(file.name(), parameters)
                    .filter(last -> last.getStatus() != BatchStatus.COMPLETED && last.getStatus() != BatchStatus.ABANDONED);
            if (unfinished.isPresent()) {
                JobExecution previous = unfinished.get();
                notices.accept("Resuming execution " + previous.getId() + " of " + file.name() + " (" + previous.getStatus() + ")");
                return resume(job, previous, notices);
            }
            return operator.start(job, RunParameters.newRun(parameters, queries.nextRunId(file.name()), jobFile(file), fresh));
        }
    }

    public JobExecution run(JobFile file, Map<String, String> parameters, boolean fresh, Consumer<String> notices) throws Exception {
        return run(file, parameters, fresh, notices, null);
    }

    /** What became of a scheduled slot in this process. */
    public enum SlotOutcome {
        /** This process ran the slot (or resumed it); the execution says how it ended. */
        RAN,
        /** The slot's instance had already completed; nothing was run. */
        ALREADY_COMPLETE,
        /** Another process runs this job (or created the slot's instance first); nothing was run. */
        ALREADY_RUNNING,
        /** The slot's last execution was abandoned by an operator; it is not run again. */
        ABANDONED
    }

    /** A slot's outcome; execution is null when nothing was run. */
    public record SlotRun(SlotOutcome outcome, JobExecution execution) {
    }

    /**
     * Runs the slot's own job instance (identified by run-key alone) to its end in this thread, under the job's lock.
     * A completed slot is not run again, a failed, stopped or crashed one is resumed, and a slot another process is
     * running is left to it: those are results, not exceptions.
     */
    public SlotRun runSlot(JobFile file, String runKey, Consumer<String> notices, Consumer<JobExecution> started) throws Exception {
        JobLocks.Lock lock;
        try {
            lock = locks.acquire(file.name());
        } catch (IllegalStateException held) {
            return new SlotRun(SlotOutcome.ALREADY_RUNNING, null);
        }
        try (lock) {
            Job job = build(file, Map.of(RunParameters.RUN_KEY, runKey), started);
            JobExecution last = queries.lastOfSlot(file.name(), runKey).orElse(null);
            if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
                return new SlotRun(SlotOutcome.ALREADY_COMPLETE, last);
            }
            if (last != null && last.getStatus() == BatchStatus.ABANDONED) {
                return new SlotRun(SlotOutcome.ABANDONED, last);
            }
            if (last != null) {
                notices.accept("Resuming execution " + last.getId() + " of " + file.name() + " slot " + runKey + " (" + last.getStatus() + ")");
                return new SlotRun(SlotOutcome.RAN, resume(job, last, notices));
            }
            try {
                return new SlotRun(SlotOutcome.RAN, operator.start(job, RunParameters.slotRun(runKey, jobFile(file))));
            } catch (JobInstanceAlreadyCompleteException e) {
                return new SlotRun(SlotOutcome.ALREADY_COMPLETE, null);
            } catch (JobExecutionAlreadyRunningException | DataIntegrityViolationException | OptimisticLockingFailureException e) {
                // Without a lock (H2) two launchers can race to create the instance; the loser leaves it to the winner.
                return new SlotRun(SlotOutcome.ALREADY_RUNNING, null);
            }
        }
    }

    public SlotRun runSlot(JobFile file, String runKey, Consumer<String> notices) throws Exception {
        return runSlot(file, runKey, notices, null);
    }

    /** Resumes the given execution (failed, stopped, or left running by a process that died); started as for run. */
    public JobExecution restart(long executionId, Consumer<String> notices, Consumer<JobExecution> started) throws Exception {
        JobExecution execution = queries.find(executionId).orElseThrow(() ->
                new IllegalArgumentException("no execution " + executionId + " (see `status` for the list)"));
        String path = execution.getJobParameters().getString(RunParameters.JOB_FILE);
        if (path == null) {
            throw new IllegalArgumentException("execution " + executionId + " does not name its job file");
        }
        JobFile file = catalog.parse(Path.of(path));
        if (!file.name().equals(execution.getJobInstance().getJobName())) {
            throw new IllegalArgumentException(path + " now names job " + file.name() + ", but execution " + executionId
                    + " belongs to " + execution.getJobInstance().getJobName());
        }
        try (JobLocks.Lock lock = locks.acquire(file.name())) {
            Job job = build(file, RunParameters.userParameters(execution.getJobParameters()), started);
            // Read again under the lock: another process may have moved it on meanwhile.
            JobExecution last = queries.lastOf(execution.getJobInstance());
            if (last.getId() != executionId) {
                notices.accept("Execution " + executionId + " was already resumed by execution " + last.getId() + "; resuming that one");
            }
            return resume(job, last, notices);
        }
    }

    public JobExecution restart(long executionId, Consumer<String> notices) throws Exception {
        return restart(executionId, notices, null);
    }

    /** Asks a running execution to stop at its next chunk boundary (its calls give up at their next attempt). */
    public void stop(JobExecution execution) throws JobExecutionNotRunningException {
        operator.stop(execution);
    }

    /** Marks a stopped or failed execution abandoned: it is not resumed again. */
    public JobExecution abandon(JobExecution execution) throws JobExecutionAlreadyRunningException {
        return operator.abandon(execution);
    }

    private JobExecution resume(Job job, JobExecution execution, Consumer<String> notices) throws Exception {
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            throw new IllegalStateException("execution " + execution.getId() + " has already completed");
        }
        if (execution.getStatus() == BatchStatus.ABANDONED) {
            throw new IllegalStateException("execution " + execution.getId() + " was abandoned and cannot be resumed; run with --new");
        }
        if (live.contains(execution.getId())) {
            // On H2 the job lock is the file's, held by this very process: only this set knows the execution runs.
            throw new IllegalStateException("execution " + execution.getId() + " of job " + execution.getJobInstance().getJobName()
                    + " is running in this process; stop it and wait until it has stopped");
        }
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus().isRunning() && StepOutcomes.isPartition(step) && locks.partitionHeld(step.getId())) {
                // Its manager died, but a worker still runs this partition: resending it would run it twice.
                throw new IllegalStateException(step.getStepName() + " of execution " + execution.getId() + " is still running in a"
                        + " worker process; wait until the worker has finished it and run again");
            }
        }
        boolean stepLeftRunning = execution.getStepExecutions().stream().anyMatch(step -> step.getStatus().isRunning());
        if (execution.isRunning() || execution.getStatus() == BatchStatus.UNKNOWN || stepLeftRunning) {
            // We hold the job's lock and it does not run here, so no live process runs it: it was left by one that died.
            notices.accept("Execution " + execution.getId() + " was left " + execution.getStatus()
                    + " by a process that stopped; marking it FAILED before resuming");
            execution = operator.recover(execution);
        }
        // Starting an instance that has a failed or stopped execution is Spring Batch's restart of that instance.
        return operator.start(job, execution.getJobParameters());
    }

    /** The job, with the process's rate set to the job file's rate-limit first. */
    private Job build(JobFile file, Map<String, String> parameters, Consumer<JobExecution> started) {
        sendAtRateOf(file);
        AbstractJob job = (AbstractJob) factory.build(file, parameters, guard.rate());
        job.registerJobExecutionListener(live);
        if (started != null) {
            job.registerJobExecutionListener(new JobExecutionListener() {
                @Override
                public void beforeJob(JobExecution execution) {
                    started.accept(execution);
                }
            });
        }
        return job;
    }

    /**
     * The limiter is process-wide, and a job file's own rate-limit applies again whenever that job is launched or
     * rehearsed (docs/operations.md, the admin API's rate).
     */
    private void sendAtRateOf(JobFile file) {
        if (file.rateLimit() != null) {
            guard.setRate(file.rateLimit());
        }
    }

    /** Every row the job's steps would reject, checked in step order without a run (for `validate`). */
    public Check check(JobFile file, Map<String, String> parameters) {
        return Rehearsals.check(file, file.withDefaults(parameters));
    }

    /** The rate a run of the file sends at: its own rate-limit, or the process's. */
    public double rateOf(JobFile file) {
        return file.rateLimit() != null ? file.rateLimit() : guard.rate();
    }

    private static String jobFile(JobFile file) {
        return file.path().toAbsolutePath().normalize().toString();
    }
}
