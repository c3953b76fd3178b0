package io.maximbatch.partition;

import io.maximbatch.jobfile.JobFactory;
import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.jobfile.JobRuns;
import io.maximbatch.ledger.JobLocks;
import io.maximbatch.maxim.CallGuard;
import io.maximbatch.report.StepOutcomes;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * What `maxim-batch worker` does: takes partition requests from the queue in the job database, one at a time, and
 * runs each with the step its job file describes (the file the execution was started from, read on this machine),
 * at the partition's share of the job's rate, holding the partition's lock so the manager can tell if it dies.
 */
@Component
public class PartitionWorker {

    private static final long RECEIVE_MILLIS = 1000;

    private final QueueChannel requests;
    private final JobRepository repository;
    private final JobFileParser parser;
    private final JobFactory factory;
    private final JobLocks locks;
    private final CallGuard guard;

    PartitionWorker(QueueChannel partitionRequests, JobRepository repository, JobFileParser parser, JobFactory factory,
                    JobLocks locks, CallGuard guard) {
        this.requests = partitionRequests;
        this.repository = repository;
        this.parser = parser;
        this.factory = factory;
        this.locks = locks;
        this.guard = guard;
    }

    /** Runs partitions as they come until running says no (checked between partitions and every second while idle). */
    public void run(BooleanSupplier running, Consumer<String> notices) throws Exception {
        while (running.getAsBoolean()) {
            Message<?> message = requests.receive(RECEIVE_MILLIS);
            if (message != null && message.getPayload() instanceof StepExecutionRequest request) {
                try {
                    handle(request, notices);
                } catch (RuntimeException e) {
                    // The manager sees the partition unfinished and its lock gone: it fails it, restart runs it again.
                    notices.accept("Partition request " + request + " could not be run: " + e.getMessage());
                }
            }
        }
    }

    void handle(StepExecutionRequest request, Consumer<String> notices) throws Exception {
        StepExecution partition = repository.getStepExecution(request.getStepExecutionId());
        if (partition == null || partition.getStatus() != BatchStatus.STARTING) {
            // A request left from an earlier execution (its manager resent the partition since): nothing to do.
            notices.accept("Skipped a request for step execution " + request.getStepExecutionId() + " ("
                    + (partition == null ? "not in the job database" : "already " + partition.getStatus()) + ")");
            return;
        }
        JobExecution job = partition.getJobExecution();
        String what = partition.getStepName() + " of " + job.getJobInstance().getJobName() + " (execution " + job.getId() + ")";
        JobLocks.Lock lock;
        try {
            lock = locks.acquirePartition(partition.getId());
        } catch (IllegalStateException held) {
            notices.accept("Skipped " + what + ": another worker runs it");
            return;
        }
        try (lock) {
            if (job.getStatus() == BatchStatus.STOPPING || job.getStatus() == BatchStatus.STOPPED) {
                end(partition, BatchStatus.STOPPED, ExitStatus.STOPPED, "the job was stopped before this partition started");
                notices.accept("Skipped " + what + ": the job was stopped");
                return;
            }
            Step step;
            try {
                step = step(job, request.getStepName());
            } catch (RuntimeException e) {
                end(partition, BatchStatus.FAILED, ExitStatus.FAILED, "worker cannot run it: " + e.getMessage());
                notices.accept("Failed " + what + ": " + e.getMessage());
                return;
            }
            guard.setRate(partition.getExecutionContext().getDouble(Partitioning.RATE, guard.rate()));
            notices.accept("Running " + what + " at " + guard.rate() + " requests/s");
            try {
                step.execute(partition);
            } catch (JobInterruptedException e) {
                partition.setStatus(BatchStatus.STOPPED);
                repository.update(partition);
            }
            StepOutcomes o = StepOutcomes.of(partition);
            notices.accept("Ended " + what + ": " + partition.getStatus() + ", read " + o.read() + ", written " + o.written()
                    + ", already done " + o.alreadyDone() + ", rejected " + o.rejected());
        }
    }

    /** The partition's step, from the job file the execution was started with (which must be at that path here too). */
    private Step step(JobExecution job, String stepName) {
        String path = job.getJobParameters().getString(JobRuns.JOB_FILE);
        if (path == null) {
            throw new IllegalArgumentException("the execution does not name its job file");
        }
        JobFile file = parser.parse(Path.of(path));
        if (!file.name().equals(job.getJobInstance().getJobName())) {
            throw new IllegalArgumentException(path + " names job " + file.name() + " on this machine, not "
                    + job.getJobInstance().getJobName());
        }
        return factory.partitionWorker(file, stepName, JobRuns.userParameters(job.getJobParameters()));
    }

    private void end(StepExecution partition, BatchStatus status, ExitStatus exit, String why) {
        if (partition.getStartTime() == null) {
            partition.setStartTime(LocalDateTime.now());
        }
        partition.setStatus(status);
        partition.setExitStatus(exit.addExitDescription(why));
        partition.setEndTime(LocalDateTime.now());
        repository.update(partition);
    }
}
