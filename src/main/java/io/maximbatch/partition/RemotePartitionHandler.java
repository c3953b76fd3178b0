package io.maximbatch.partition;

import io.maximbatch.execution.JobLocks;
import io.maximbatch.report.StepOutcomes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Sends a step's partitions to the workers' queue in the job database and waits until the job repository shows
 * each one ended (Spring Batch's MessageChannelPartitionHandler, polling the repository). Meanwhile it watches for
 * partitions whose worker died: a running partition whose worker lock is gone is marked FAILED, so that the step
 * ends (FAILED) and `restart` runs just those partitions again.
 */
final class RemotePartitionHandler implements PartitionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RemotePartitionHandler.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    /** How long partitions may wait for a worker before the log says that none seems to be running. */
    private static final Duration UNCLAIMED_WARNING = Duration.ofSeconds(60);
    /** How long a partition may be neither queued nor locked nor started before it counts as lost. */
    private static final Duration LOST_REQUEST_GRACE = Duration.ofSeconds(15);

    /** Execution-context key of a partition's share of the job's requests/second, which its worker keeps to. */
    static final String RATE = "maxim.partition.rate";
    /** Where Spring Batch keeps a partitioned step's number of partitions, fixed at its first execution. */
    private static final String GRID_SIZE = "SimpleStepExecutionSplitter.GRID_SIZE";

    private final MessageChannelPartitionHandler messages;
    private final double rate;
    private final JdbcChannelMessageStore queue;
    /** When each partition was first seen waiting with the queue empty: taken by a worker that then died, if it lasts. */
    private final Map<Long, Instant> unclaimedSince = new HashMap<>();
    private final JobRepository repository;
    private final JobLocks locks;

    RemotePartitionHandler(String stepName, int partitions, double rate, QueueChannel requests, JdbcChannelMessageStore queue,
                           JobRepository repository, JobLocks locks) {
        this.rate = rate;
        this.queue = queue;
        this.repository = repository;
        this.locks = locks;
        MessagingTemplate template = new MessagingTemplate();
        template.setDefaultChannel(requests);
        messages = new MessageChannelPartitionHandler();
        messages.setMessagingOperations(template);
        messages.setStepName(stepName);
        messages.setJobRepository(repository);
        messages.setPollInterval(POLL.toMillis());
        messages.setGridSize(partitions);
        try {
            messages.afterPropertiesSet();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution manager) throws Exception {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("partition-watch-");
        threads.setDaemon(true);
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(threads);
        Instant since = Instant.now();
        watch.scheduleWithFixedDelay(() -> check(manager, since), POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return messages.handle(withShares(splitter), manager);
        } finally {
            watch.shutdownNow();
        }
    }

    /**
     * Tells each partition, as it is sent, its share of the job's rate as it is now (a restart after the rate-limit
     * was lowered must not keep the old shares), divided among the step's partitions as first split.
     */
    private StepExecutionSplitter withShares(StepExecutionSplitter splitter) {
        return new StepExecutionSplitter() {
            @Override
            public String getStepName() {
                return splitter.getStepName();
            }

            @Override
            public Set<StepExecution> split(StepExecution manager, int gridSize) throws JobExecutionException {
                Set<StepExecution> partitions = splitter.split(manager, gridSize);
                long partitionCount = manager.getExecutionContext().getLong(GRID_SIZE, gridSize);
                double share = rate / partitionCount;
                if (share < 1) {
                    // The step was first split into more partitions than the rate now allows (see Partitioning).
                    throw new JobExecutionException("step " + manager.getStepName() + " has " + partitionCount + " partitions, more"
                            + " than its rate-limit of " + rate + " requests/second allows (at least one each); raise the rate-limit");
                }
                for (StepExecution partition : partitions) {
                    partition.getExecutionContext().putDouble(RATE, share);
                    repository.updateExecutionContext(partition);
                }
                return partitions;
            }
        };
    }

    private Instant warned = Instant.EPOCH;

    private void check(StepExecution manager, Instant since) {
        try {
            JobExecution job = repository.getJobExecution(manager.getJobExecutionId());
            boolean stopping = job.getStatus() == BatchStatus.STOPPING || job.getStatus() == BatchStatus.STOPPED;
            int unclaimed = 0;
            for (StepExecution partition : job.getStepExecutions()) {
                if (!StepOutcomes.isPartition(partition) || !StepOutcomes.jobFileStep(partition.getStepName()).equals(manager.getStepName())) {
                    continue;
                }
                if (partition.getStatus() == BatchStatus.STARTING) {
                    unclaimed++;
                    if (stopping) {
                        // No worker is to start it now; a worker that takes its request later finds it stopped.
                        end(partition.getId(), BatchStatus.STARTING, BatchStatus.STOPPED, ExitStatus.STOPPED,
                                "the job was stopped before a worker started this partition");
                    } else {
                        failIfTakenAndLost(partition.getId());
                    }
                } else if (partition.getStatus() == BatchStatus.STARTED || partition.getStatus() == BatchStatus.STOPPING) {
                    failIfWorkerGone(partition.getId());
                }
            }
            if (unclaimed > 0 && !stopping && Duration.between(since, Instant.now()).compareTo(UNCLAIMED_WARNING) > 0
                    && Duration.between(warned, Instant.now()).compareTo(UNCLAIMED_WARNING) > 0) {
                warned = Instant.now();
                LOG.warn("{} partitions of step {} have waited over {} s for a worker: is a `maxim-batch worker` running on this job"
                        + " database?", unclaimed, manager.getStepName(), UNCLAIMED_WARNING.toSeconds());
            }
        } catch (Exception e) {
            // The next check tries again; the job must not fail because one look-up did.
            LOG.debug("partition check failed", e);
        }
    }

    /**
     * A partition not started, not locked, while no request at all waits in the queue: a worker took its request and
     * died before starting it (a worker takes a request and its lock in one transaction, so that is the only way).
     * Failed after a grace period, so that a worker between its commit and its first update is not mistaken for dead.
     */
    private void failIfTakenAndLost(long stepExecutionId) throws Exception {
        if (locks.partitionHeld(stepExecutionId) || queue.messageGroupSize(PartitionQueue.QUEUE) > 0) {
            unclaimedSince.remove(stepExecutionId);
            return;
        }
        Instant first = unclaimedSince.computeIfAbsent(stepExecutionId, id -> Instant.now());
        if (Duration.between(first, Instant.now()).compareTo(LOST_REQUEST_GRACE) >= 0) {
            end(stepExecutionId, BatchStatus.STARTING, BatchStatus.FAILED, ExitStatus.FAILED, "the worker that took this partition"
                    + " stopped before it started it; restart the job to run this partition again");
        }
    }

    /** The lock first, then the status: a worker releases its lock only after it has saved the partition's end. */
    private void failIfWorkerGone(long stepExecutionId) throws Exception {
        if (!locks.partitionHeld(stepExecutionId)) {
            end(stepExecutionId, BatchStatus.STARTED, BatchStatus.FAILED, ExitStatus.FAILED, "the worker running it stopped (its"
                    + " database session ended) before the partition did; restart the job to run this partition again");
        }
    }

    /** Ends a partition still in the given state (STOPPING counts as STARTED), unless its worker saved it meanwhile. */
    private void end(long stepExecutionId, BatchStatus expected, BatchStatus status, ExitStatus exit, String why) {
        StepExecution partition = repository.getStepExecution(stepExecutionId);
        BatchStatus now = partition == null ? null : partition.getStatus() == BatchStatus.STOPPING ? BatchStatus.STARTED
                : partition.getStatus();
        if (now != expected) {
            return;
        }
        if (partition.getStartTime() == null) {
            partition.setStartTime(LocalDateTime.now());
        }
        partition.setStatus(status);
        partition.setExitStatus(exit.addExitDescription(why));
        partition.setEndTime(LocalDateTime.now());
        try {
            repository.update(partition);
            LOG.warn("{}: {}", partition.getStepName(), why);
        } catch (OptimisticLockingFailureException e) {
            // The worker saved the partition meanwhile: it is alive after all.
        }
    }
}
