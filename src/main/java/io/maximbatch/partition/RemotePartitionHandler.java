package io.maximbatch.partition;

import io.maximbatch.ledger.JobLocks;
import io.maximbatch.report.StepOutcomes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.core.MessagingTemplate;

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

    private final MessageChannelPartitionHandler messages;
    private final JobRepository repository;
    private final JobLocks locks;

    RemotePartitionHandler(String stepName, int partitions, QueueChannel requests, JobRepository repository, JobLocks locks) {
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
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "partition-watch");
            thread.setDaemon(true);
            return thread;
        });
        Instant since = Instant.now();
        watch.scheduleWithFixedDelay(() -> check(manager, since), POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return messages.handle(splitter, manager);
        } finally {
            watch.shutdownNow();
        }
    }

    private Instant warned = Instant.EPOCH;

    private void check(StepExecution manager, Instant since) {
        try {
            JobExecution job = repository.getJobExecution(manager.getJobExecutionId());
            int unclaimed = 0;
            for (StepExecution partition : job.getStepExecutions()) {
                if (!StepOutcomes.isPartition(partition) || !StepOutcomes.jobFileStep(partition.getStepName()).equals(manager.getStepName())) {
                    continue;
                }
                if (partition.getStatus() == BatchStatus.STARTING) {
                    unclaimed++;
                } else if (partition.getStatus() == BatchStatus.STARTED || partition.getStatus() == BatchStatus.STOPPING) {
                    failIfWorkerGone(partition.getId());
                }
            }
            if (unclaimed > 0 && Duration.between(since, Instant.now()).compareTo(UNCLAIMED_WARNING) > 0
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

    /** The lock first, then the status: a worker releases its lock only after it has saved the partition's end. */
    private void failIfWorkerGone(long stepExecutionId) throws Exception {
        if (locks.partitionHeld(stepExecutionId)) {
            return;
        }
        StepExecution partition = repository.getStepExecution(stepExecutionId);
        if (partition == null || !(partition.getStatus() == BatchStatus.STARTED || partition.getStatus() == BatchStatus.STOPPING)) {
            return;
        }
        String message = "the worker running " + partition.getStepName() + " stopped (its database session ended) before the"
                + " partition did; restart the job to run this partition again";
        partition.setStatus(BatchStatus.FAILED);
        partition.setExitStatus(ExitStatus.FAILED.addExitDescription(message));
        partition.setEndTime(LocalDateTime.now());
        try {
            repository.update(partition);
            LOG.warn("{}", message);
        } catch (OptimisticLockingFailureException e) {
            // The worker saved the partition meanwhile: it is alive after all.
        }
    }
}
