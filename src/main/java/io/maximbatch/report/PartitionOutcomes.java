package io.maximbatch.report;

import java.util.Collection;
import org.springframework.batch.core.partition.StepExecutionAggregator;
import org.springframework.batch.core.partition.support.DefaultStepExecutionAggregator;
import org.springframework.batch.core.partition.support.RemoteStepExecutionAggregator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Adds up a partitioned step's partitions as they were saved in the job repository (where a worker process, or
 * the manager on finding its worker gone, left them): Spring Batch's counts and status, and our outcome counts.
 */
public final class PartitionOutcomes implements StepExecutionAggregator {

    private final RemoteStepExecutionAggregator saved;

    public PartitionOutcomes(JobRepository repository) {
        saved = new RemoteStepExecutionAggregator(repository);
        saved.setDelegate(new StepExecutionAggregator() {
            private final DefaultStepExecutionAggregator counts = new DefaultStepExecutionAggregator();

            @Override
            public void aggregate(StepExecution result, Collection<StepExecution> executions) {
                counts.aggregate(result, executions);
                StepOutcomes.sum(result, executions);
            }
        });
    }

    @Override
    public void aggregate(StepExecution result, Collection<StepExecution> executions) {
        saved.aggregate(result, executions);
    }
}
