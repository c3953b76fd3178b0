package io.maximbatch.jobfile;

import io.maximbatch.ledger.JobLocks;
import io.maximbatch.maxim.CallGuard;
import io.maximbatch.report.StepOutcomes;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * Starts or resumes job-file runs. Running a file again with the same parameters resumes its last unfinished
 * execution (recovering one left STARTED by a killed process first); otherwise, or with fresh, a new instance starts.
 */
@Component
public class JobRuns {

    /** Identifying parameter that tells apart runs of the same file with the same parameters. */
    public static final String RUN_ID = "run.id";
    /** Non-identifying parameter: the job file an execution came from, so that `restart <id>` can rebuild it. */
    public static final String JOB_FILE = "job-file";
    /** Identifying parameter of a scheduled run: the slot time, so that each slot is its own job instance. */
    public static final String RUN_KEY = "run-key";
    /** Non-identifying parameter of a run started with --new. */
    public static final String NEW_RUN = "new-run";

    private final JobOperator operator;
    private final JobRepository repository;
    private final JobFactory factory;
    private final JobFileParser parser;
    private final CallGuard guard;
    private final JobLocks locks;
    private final LiveExecutions live;

    JobRuns(JobOperator operator, JobRepository repository, JobFactory factory,
            JobFileParser parser, CallGuard guard, JobLocks locks, LiveExecutions live) {
        this.operator = operator;
        this.repository = repository;
        this.factory = factory;
        this.parser = parser;
        this.guard = guard;
        this.locks = locks;
        this.live = live;
    }

    /** Runs the job file to its end in this thread and returns the execution. */
    public JobExecution run(JobFile file, Map<String, String> parameters, boolean fresh, Consumer<String> notices) throws Exception {
        return run(file, parameters, fresh, notices, null);
    }

    /** As run; started (if not null) is told the execution as soon as it starts, in this thread, before its first step. */
    public JobExecution run(JobFile file, Map<String, String> parameters, boolean fresh, Consumer<String> notices,
                            Consumer<JobExecution> started) throws Exception {
        try (JobLocks.Lock lock = locks.acquire(file.name())) {
            return runLocked(file, parameters, fresh, notices, started);
        }
    }

    private JobExecution runLocked(JobFile file, Map<String, String> parameters, boolean fresh, Consumer<String> notices,
                                   Consumer<JobExecution> started) throws Exception {
        Job job = announcing(build(file, parameters), started);
        Optional<JobExecution> unfinished = fresh ? Optional.empty() : lastUnfinished(file.name(), parameters);
        if (unfinished.isPresent()) {
            JobExecution previous = unfinished.get();
            notices.accept("Resuming execution " + previous.getId() + " of " + file.name() + " (" + previous.getStatus() + ")");
            return resume(job, previous, notices);
        }
        JobParametersBuilder builder = new JobParametersBuilder();
        parameters.forEach((name, value) -> builder.addString(name, value, true));
        builder.addLong(RUN_ID, nextRunId(file.name()), true);
        if (fresh) {
            // Marks a run the operator asked to be new: a campaign then reaches its audience again (see NEW_RUN).
            builder.addString(NEW_RUN, "true", false);
        }
        builder.addString(JOB_FILE, file.path().toAbsolutePath().normalize().toString(), false);
        return operator.start(job, builder.toJobParameters());
    }

    /** The dry-run plan of every step, with the run's parameters (templates, query parameters); nothing is written. */
    public List<StepFactory.Plan> plan(JobFile file, Map<String, String> parameters) {
        // What earlier steps would register or create, for the references of later steps.
        RowCheck planned = new RowCheck();
        return file.steps().stream().map(spec -> {
            StepFactory factory = parser.factory(spec.type());
            return factory.plan(file, spec, factory.settings(spec),
                    CommonStepSettings.of(spec, parameters, file.rateLimit() != null ? file.rateLimit() : guard.rate()), planned);
        }).toList();
    }

    /** Every row the job's steps would reject, checked in step order without a run (for `validate`). */
    public RowCheck checkRows(JobFile file) {
        RowCheck check = new RowCheck();
        for (StepSpec spec : file.steps()) {
            StepFactory factory = parser.factory(spec.type());
            factory.check(file, spec, factory.settings(spec), check);
        }
        return check;
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
    public SlotRun runSlot(JobFile file, String runKey, Consumer<String> notices) throws Exception {
        JobLocks.Lock lock;
        try {
            lock = locks.acquire(file.name());
        } catch (IllegalStateException held) {
            return new SlotRun(SlotOutcome.ALREADY_RUNNING, null);
        }
        try (lock) {
            Job job = build(file, Map.of(RUN_KEY, runKey));
            JobParameters identifying = new JobParametersBuilder().addString(RUN_KEY, runKey, true).toJobParameters();
            JobInstance instance = repository.getJobInstance(file.name(), identifying);
            JobExecution last = instance == null ? null : repository.getLastJobExecution(instance);
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
            JobParameters parameters = new JobParametersBuilder(identifying)
                    .addString(JOB_FILE, file.path().toAbsolutePath().normalize().toString(), false)
                    .toJobParameters();
            try {
                return new SlotRun(SlotOutcome.RAN, operator.start(job, parameters));
            } catch (JobInstanceAlreadyCompleteException e) {
                return new SlotRun(SlotOutcome.ALREADY_COMPLETE, null);
            } catch (JobExecutionAlreadyRunningException | DataIntegrityViolationException | OptimisticLockingFailureException e) {
                // Without a lock (H2) two launchers can race to create the instance; the loser leaves it to the winner.
                return new SlotRun(SlotOutcome.ALREADY_RUNNING, null);
            }
        }
    }

    /** Resumes the given execution (failed, stopped, or left running by a process that died). */
    public JobExecution restart(long executionId, Consumer<String> notices) throws Exception {
        return restart(executionId, notices, null);
    }

    /** As restart; started (if not null) is told the new execution as soon as it starts, in this thread. */
    public JobExecution restart(long executionId, Consumer<String> notices, Consumer<JobExecution> started) throws Exception {
        JobExecution execution = repository.getJobExecution(executionId);
        if (execution == null) {
            throw new IllegalArgumentException("no execution " + executionId + " (see `status` for the list)");
        }
        String path = execution.getJobParameters().getString(JOB_FILE);
        if (path == null) {
            throw new IllegalArgumentException("execution " + executionId + " does not name its job file");
        }
        JobFile file = parser.parse(Path.of(path));
        if (!file.name().equals(execution.getJobInstance().getJobName())) {
            throw new IllegalArgumentException(path + " now names job " + file.name() + ", but execution " + executionId
                    + " belongs to " + execution.getJobInstance().getJobName());
        }
        try (JobLocks.Lock lock = locks.acquire(file.name())) {
            return restartLocked(file, execution, notices, started);
        }
    }

    private JobExecution restartLocked(JobFile file, JobExecution execution, Consumer<String> notices,
                                       Consumer<JobExecution> started) throws Exception {
        Job job = announcing(build(file, userParameters(execution.getJobParameters())), started);
        long asked = execution.getId();
        // Read again under the lock: another process may have moved it on meanwhile.
        execution = repository.getJobExecution(asked);
        JobExecution last = repository.getLastJobExecution(execution.getJobInstance());
        if (last != null && last.getId() != asked) {
            notices.accept("Execution " + asked + " was already resumed by execution " + last.getId() + "; resuming that one");
            execution = last;
        }
        return resume(job, execution, notices);
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

    private static Job announcing(Job job, Consumer<JobExecution> started) {
        if (started != null && job instanceof AbstractJob abstractJob) {
            abstractJob.registerJobExecutionListener(new JobExecutionListener() {
                @Override
                public void beforeJob(JobExecution execution) {
                    started.accept(execution);
                }
            });
        }
        return job;
    }

    private Job build(JobFile file) {
        return build(file, Map.of());
    }

    private Job build(JobFile file, Map<String, String> parameters) {
        if (file.rateLimit() != null) {
            guard.setRate(file.rateLimit());
        }
        return factory.build(file, parameters);
    }

    private Optional<JobExecution> lastUnfinished(String jobName, Map<String, String> parameters) {
        for (JobInstance instance : newestFirst(jobName)) {
            JobExecution last = repository.getLastJobExecution(instance);
            if (last == null || !userParameters(last.getJobParameters()).equals(parameters)) {
                continue;
            }
            BatchStatus status = last.getStatus();
            boolean finished = status == BatchStatus.COMPLETED || status == BatchStatus.ABANDONED;
            return finished ? Optional.empty() : Optional.of(last);
        }
        return Optional.empty();
    }

    private long nextRunId(String jobName) {
        long max = 0;
        for (JobInstance instance : newestFirst(jobName)) {
            JobExecution last = repository.getLastJobExecution(instance);
            if (last != null) {
                max = Math.max(max, last.getJobParameters().getLong(RUN_ID, 0L));
            }
        }
        return max + 1;
    }

    /** Every instance of the job, newest first: schedule slots can outnumber any fixed window of recent runs. */
    private List<JobInstance> newestFirst(String jobName) {
        List<JobInstance> instances = new java.util.ArrayList<>(repository.findJobInstances(jobName));
        instances.sort(java.util.Comparator.comparingLong(JobInstance::getInstanceId).reversed());
        return instances;
    }

    /** The name=value parameters a user gave, without our own. */
    public static Map<String, String> userParameters(JobParameters parameters) {
        Map<String, String> user = new HashMap<>();
        for (JobParameter<?> parameter : parameters.getIdentifyingParameters()) {
            if (!parameter.name().equals(RUN_ID)) {
                user.put(parameter.name(), String.valueOf(parameter.value()));
            }
        }
        return user;
    }
}
