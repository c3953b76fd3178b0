package io.maximbatch.partition;

import io.maximbatch.jobfile.PartitionedSteps;
import io.maximbatch.ledger.JobLocks;
import io.maximbatch.report.PartitionOutcomes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import java.util.function.Supplier;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.PartitionStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.stereotype.Component;

/**
 * Partitioned steps: with `maxim.workers=local` (the default) the partitions run on threads of this process and
 * share its rate limiter; with `maxim.workers=remote` they are sent to `maxim-batch worker` processes through the
 * shared PostgreSQL job database, each partition limited to its share of the job's rate.
 */
@Component
class Partitioning implements PartitionedSteps {

    /** Execution-context key of a partition's share of the job's requests/second, which its worker keeps to. */
    static final String RATE = "maxim.partition.rate";

    private final JobRepository repository;
    private final QueueChannel requests;
    private final JobLocks locks;
    private final boolean remote;
    private final DataSource dataSource;

    Partitioning(JobRepository repository, QueueChannel partitionRequests, JobLocks locks, DataSource dataSource,
                 @Value("${maxim.workers:local}") String workers) {
        this.repository = repository;
        this.dataSource = dataSource;
        this.requests = partitionRequests;
        this.locks = locks;
        if (!workers.equals("local") && !workers.equals("remote")) {
            throw new IllegalArgumentException("maxim.workers: expected local or remote, got " + workers);
        }
        this.remote = workers.equals("remote");
    }

    @Override
    public Step managerStep(String name, int partitions, Partitioner partitioner, Supplier<Step> worker, double rate,
                            StepExecutionListener... listeners) {
        PartitionStepBuilder builder = new StepBuilder(name, repository)
                .partitioner(name, withRate(partitioner, rate / partitions))
                .gridSize(partitions)
                .aggregator(new PartitionOutcomes(repository));
        for (StepExecutionListener listener : listeners) {
            builder.listener(listener);
        }
        if (remote) {
            requirePostgres();
            return builder.partitionHandler(new RemotePartitionHandler(name, partitions, requests, repository, locks)).build();
        }
        TaskExecutorPartitionHandler local = new TaskExecutorPartitionHandler();
        local.setStep(new FreshStep(name, worker));
        local.setGridSize(partitions);
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor(name + "-partition-");
        threads.setConcurrencyLimit(partitions);
        local.setTaskExecutor(threads);
        return builder.partitionHandler(local).build();
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

    /** Each partition's context says its share of the rate: a worker process knows nothing else of the job's rate. */
    private static Partitioner withRate(Partitioner partitioner, double share) {
        return gridSize -> {
            Map<String, ExecutionContext> partitions = partitioner.partition(gridSize);
            partitions.values().forEach(context -> context.putDouble(RATE, share));
            return partitions;
        };
    }
}
