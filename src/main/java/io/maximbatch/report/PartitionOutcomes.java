package io.maximbatch.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** The exception's class name that starts a part of an exit description (a stack trace's first line), with ": ". */
    private static final Pattern EXCEPTION_NAME =
            Pattern.compile("[a-z][\\w$]*(\\.[\\w$]+)+(Exception|Error)(: |$)");

    private final RemoteStepExecutionAggregator saved;

    public PartitionOutcomes(JobRepository repository) {
        saved = new RemoteStepExecutionAggregator(repository);
        saved.setDelegate(new StepExecutionAggregator() {
            private final DefaultStepExecutionAggregator counts = new DefaultStepExecutionAggregator();

            @Override
            public void aggregate(StepExecution result, Collection<StepExecution> executions) {
                counts.aggregate(result, executions);
                StepOutcomes.sum(result, executions);
                List<String> failed = executions.stream().filter(p -> p.getStatus().isUnsuccessful())
                        .sorted(Comparator.comparing(StepExecution::getStepName)).map(PartitionOutcomes::why).toList();
                if (!failed.isEmpty()) {
                    // Said before Spring Batch's "Partition handler returned an unsuccessful step", which names none.
                    result.addFailureException(new PartitionsFailedException(String.join("; ", failed)));
                }
            }
        });
    }

    @Override
    public void aggregate(StepExecution result, Collection<StepExecution> executions) {
        saved.aggregate(result, executions);
    }

    /** "partition2 FAILED: why", from the partition's exception (this process) or its saved exit description (a worker's). */
    static String why(StepExecution partition) {
        String name = partition.getStepName().substring(partition.getStepName().indexOf(':') + 1);
        String reason;
        if (!partition.getFailureExceptions().isEmpty()) {
            reason = FailureCause.describe(partition.getFailureExceptions().get(partition.getFailureExceptions().size() - 1));
        } else {
            // A worker's partition: its saved exit description, its messages without exception names and stack traces.
            String description = partition.getExitStatus().getExitDescription();
            List<String> messages = new ArrayList<>();
            for (String part : description == null ? new String[0] : description.split("; ")) {
                Matcher exception = EXCEPTION_NAME.matcher(part);
                String message = (exception.lookingAt() ? part.substring(exception.end()) : part).lines().findFirst().orElse("").strip();
                if (!message.isEmpty()) {
                    messages.add(message);
                }
            }
            reason = String.join("; ", messages);
        }
        return name + " " + partition.getStatus() + (reason.isBlank() ? "" : ": " + reason);
    }

    /** Which partitions of a step did not complete, and why. */
    static final class PartitionsFailedException extends RuntimeException {
        PartitionsFailedException(String message) {
            super(message);
        }
    }
}
