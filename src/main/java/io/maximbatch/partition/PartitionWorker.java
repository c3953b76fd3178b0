package io.maximbatch.partition;

import io.maximbatch.execution.JobCatalog;
import io.maximbatch.execution.RunParameters;
import io.maximbatch.jobfile.JobFile;
import io.maximbatch.execution.JobFactory;
import io.maximbatch.execution.JobLocks;
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
import org.springframework.dao.DataAccessException;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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
    private final JobCatalog catalog;
    private final JobFactory factory;
    private final JobLocks locks;
    private final CallGuard guard;
    private final TransactionTemplate claims;

    PartitionWorker(QueueChannel partitionRequests, JobRepository repository, JobCatalog catalog, JobFactory factory,
                    JobLocks locks, CallGuard guard, PlatformTransactionManager transactionManager) {
        this.claims = new TransactionTemplate(transactionManager);
        this.requests = partitionRequests;
        this.repository = repository;
        this.catalog = catalog;
        this.factory = factory;
        this.locks = locks;
        this.guard = guard;
    }

    /** Runs partitions as they come until running says no (checked between partitions and every second while idle). */
    public void run(BooleanSupplier running, Consumer<String> notices) throws Exception {
        while (running.getAsBoolean()) {
            Claim claim;
            try {
                claim = claim(notices);
            } catch (RuntimeException e) {
                // The job database is away: the request stays queued; try again shortly.
                notices.accept("Cannot take partition requests from the job database: " + e.getMessage());
                Thread.sleep(RECEIVE_MILLIS);
                continue;
            }
            if (claim == null) {
                continue;
            }
            try {
                handle(claim, notices);
            } catch (Exception e) {
                notices.accept("Partition request " + claim.request() + " could not be run: " + e.getMessage());
                failIfNotStarted(claim.request().getStepExecutionId(), "the worker could not run it: " + e.getMessage());
            } finally {
                if (claim.lock() != null) {
                    claim.lock().close();
                }
            }
        }
    }

    /** A request taken from the queue, with the lock of its partition (null when another worker holds it). */
    record Claim(StepExecutionRequest request, JobLocks.Lock lock) {
    }

    /**
     * Takes the oldest request and its partition's lock in one transaction: a worker that dies before the commit
     * leaves the request in the queue, and after the commit it holds the lock, so no request is ever lost unseen.
     */
    private Claim claim(Consumer<String> notices) throws Exception {
        JobLocks.Lock[] taken = new JobLocks.Lock[1];
        try {
            return claims.execute(status -> {
                Message<?> message;
                try {
                    message = requests.receive(RECEIVE_MILLIS);
                } catch (DataAccessException e) {
                    throw e;
                } catch (RuntimeException unreadable) {
                    // A row that cannot be read back (another version's message): dropped, or it would block the queue.
                    notices.accept("Dropped a partition request that cannot be read: " + unreadable.getMessage());
                    return null;
                }
                if (message == null || !(message.getPayload() instanceof StepExecutionRequest request)) {
                    return null;
                }
                try {
                    taken[0] = locks.acquirePartition(request.getStepExecutionId());
                    return new Claim(request, taken[0]);
                } catch (IllegalStateException held) {
                    return new Claim(request, null);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
        } catch (RuntimeException notCommitted) {
            // The request is back in the queue: the lock must not outlive the claim, or nobody could ever run it.
            if (taken[0] != null) {
                taken[0].close();
            }
            throw notCommitted;
        }
    }

    void handle(Claim claim, Consumer<String> notices) throws Exception {
        StepExecutionRequest request = claim.request();
        // Read under the lock: the manager may have failed or stopped it meanwhile.
        StepExecution partition = repository.getStepExecution(request.getStepExecutionId());
        if (claim.lock() == null || partition == null || partition.getStatus() != BatchStatus.STARTING) {
            // A request left from an earlier execution (its manager resent the partition since): nothing to do.
            notices.accept("Skipped a request for step execution " + request.getStepExecutionId() + " ("
                    + (claim.lock() == null ? "another worker runs it" : partition == null ? "not in the job database"
                    : "already " + partition.getStatus()) + ")");
            return;
        }
        JobExecution job = partition.getJobExecution();
        String what = partition.getStepName() + " of " + job.getJobInstance().getJobName() + " (execution " + job.getId() + ")";
        if (job.getStatus() == BatchStatus.STOPPING || job.getStatus() == BatchStatus.STOPPED) {
            end(partition, BatchStatus.STOPPED, ExitStatus.STOPPED, "the job was stopped before this partition started");
            notices.accept("Skipped " + what + ": the job was stopped");
            return;
        }
        double share = partition.getExecutionContext().getDouble(RemotePartitionHandler.RATE, guard.rate());
        Step step;
        try {
            step = step(job, request.getStepName(), share);
        } catch (RuntimeException e) {
            end(partition, BatchStatus.FAILED, ExitStatus.FAILED, "worker cannot run it: " + e.getMessage());
            notices.accept("Failed " + what + ": " + e.getMessage());
            return;
        }
        guard.setRate(share);
        notices.accept("Running " + what + " at " + guard.rate() + " requests/s");
        try {
            step.execute(partition);
        } catch (JobInterruptedException e) {
            partition.setStatus(BatchStatus.STOPPED);
            repository.update(partition);
        }
        StepOutcomes o = StepOutcomes.of(partition);
        notices.accept("Ended " + what + ": " + partition.getStatus() + ", read " + o.read() + ", written " + o.written()
                + ", updated " + o.updated() + ", already done " + o.alreadyDone() + ", rejected " + o.rejected());
    }

    /** The partition's step, from the job file the execution was started with (which must be at that path here too). */
    private Step step(JobExecution job, String stepName, double share) {
        String path = job.getJobParameters().getString(RunParameters.JOB_FILE);
        if (path == null) {
            throw new IllegalArgumentException("the execution does not name its job file");
        }
        JobFile file = catalog.parse(Path.of(path));
        if (!file.name().equals(job.getJobInstance().getJobName())) {
            throw new IllegalArgumentException(path + " names job " + file.name() + " on this machine, not "
                    + job.getJobInstance().getJobName());
        }
        return factory.partitionWorker(file, stepName, RunParameters.userParameters(job.getJobParameters()), share);
    }

    /** A partition this worker took but could not start ends FAILED, so that its manager does not wait for it. */
    private void failIfNotStarted(long stepExecutionId, String why) {
        try {
            StepExecution partition = repository.getStepExecution(stepExecutionId);
            if (partition != null && partition.getStatus() == BatchStatus.STARTING) {
                end(partition, BatchStatus.FAILED, ExitStatus.FAILED, why);
            }
        } catch (RuntimeException e) {
            // The manager finds it unclaimed and fails it.
        }
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
