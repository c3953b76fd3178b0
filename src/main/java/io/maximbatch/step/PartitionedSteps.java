package io.maximbatch.step;

import java.util.function.Supplier;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.step.Step;

/**
 * Builds the manager step of a `partitions: N` step: it splits the source and has each partition run, in this
 * process or in worker processes. Implemented by the partition package, which also runs partitions for workers.
 */
public interface PartitionedSteps {

    /**
     * @param name        the job file's step name; partition executions are named name:partition0..N-1
     * @param worker      a new step that runs one partition (a fresh one per partition: steps keep per-run state)
     * @param rate        the job's requests/second; each partition gets rate / partitions of it
     * @param listeners   listeners of the manager step (the reject report of all partitions)
     */
    Step managerStep(String name, int partitions, Partitioner partitioner, Supplier<Step> worker, double rate,
                     StepExecutionListener... listeners);
}
