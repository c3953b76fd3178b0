package io.maximbatch.partition;

import io.maximbatch.step.PartitionedSteps;
import io.maximbatch.execution.JobLocks;
import io.maximbatch.report.PartitionOutcomes;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import java.util.function.Supplier;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.PartitionStep;
import org.springframework.batch.core.partition.support.SimpleStepExecutionSplitter;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.stereotype.Component;

/**
 * Partitioned steps: with `maxim.workers=local` (the default) the partitions run on threads of this process and
 * share its rate limiter; with `maxim.workers=remote` they are sent to `maxim-batch worker` processes through the
 * shared PostgreSQL job database, each partition limited to its share of the job's rate.
 */
@Component
class Partitioning implements PartitionedSteps {

    private final JobRepository repository;
    private final QueueChannel requests;
    private final JdbcChannelMessageStore queue;
    private final JobLocks locks;
    private final boolean remote;
    private final DataSource dataSource;

    Partitioning(JobRepository repository, QueueChannel partitionRequests, JdbcChannelMessageStore partitionRequestStore,
                 JobLocks locks, DataSource dataSource,
                 @Value("${maxim.workers:local}") String workers) {
        this.repository = repository;
        this.dataSource = dataSource;
        this.requests = partitionRequests;
        this.queue = partitionRequestStore;
        this.locks = locks;
        if (!workers.equals("local") && !workers.equals("remote")) {
            throw new IllegalArgumentException("maxim.workers: expected local or remote, got " + workers);
        }
        this.remote = workers.equals("remote");
    }

    @Override
    public Step managerStep(String name, int partitions, Partitioner partitioner, Supplier<Step> worker, double rate,
                            StepExecutionListener... listeners) {
        PartitionHandler handler;
        if (remote) {
            requirePostgres();
            if (rate / partitions < 1) {
                // A worker's limiter cannot keep to less than one request per second.
                throw new IllegalStateException("step " + name + ": " + partitions + " partitions at a rate-limit of " + rate
                        + " requests/second leave each partition less than one request per second; use at most "
                        + (int) rate + " partitions, or a higher rate-limit");
            }
            handler = new RemotePartitionHandler(name, partitions, rate, requests, queue, repository, locks);
        } else {
            TaskExecutorPartitionHandler local = new TaskExecutorPartitionHandler();
            local.setStep(new FreshStep(name, worker));
            local.setGridSize(partitions);
            SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor(name + "-partition-");
            threads.setConcurrencyLimit(partitions);
            local.setTaskExecutor(threads);
            handler = local;
        }
        ManagerStep step = new ManagerStep(repository);
        step.setName(name);
        step.setPartitionHandler(handler);
        step.setStepExecutionSplitter(new SimpleStepExecutionSplitter(repository, name, partitioner));
        step.setStepExecutionAggregator(new PartitionOutcomes(repository));
        for (StepExecutionListener listener : listeners) {
            step.registerStepExecutionListener(listener);
        }
        try {
            step.afterPropertiesSet();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return step;
    }

    /**
     * Spring Batch's PartitionStep, except that a step whose partitions were stopped (none failed) ends STOPPED, as
     * a step that is not partitioned does, rather than FAILED.
     */
    static final class ManagerStep extends PartitionStep {

        ManagerStep(JobRepository repository) {
            super(repository);
        }

        @Override
        protected void doExecute(StepExecution stepExecution) throws Exception {
            try {
                super.doExecute(stepExecution);
            } catch (JobExecutionException unsuccessful) {
                if (stepExecution.getStatus() == BatchStatus.STOPPED) {
                    throw new JobInterruptedException("partitions of step " + stepExecution.getStepName() + " were stopped",
                            BatchStatus.STOPPED);
                }
                throw unsuccessful;
            }
        }
    }

    private void requirePostgres() {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            if (!"PostgreSQL".equals(product)) {
                throw new IllegalStateException("maxim.workers=remote needs a PostgreSQL job database shared with the workers"
                        + " (this one is " + product + "); set maxim.workers=local to run partitions in this process");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the job database: " + e.getMessage(), e);
        }
    }

}
