package io.maximbatch.step;

import io.maximbatch.jobfile.CommonSettings;
import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.StepDefinition;
import io.maximbatch.source.Sources;
import java.util.Map;

/**
 * One job-file step as a run builds it: its definition, the run's name=value parameters (message templates, query
 * parameters; empty while validating), the requests/second it may send, and whether it runs one partition.
 */
public record StepRun<S>(JobFile job, StepDefinition<S> step, Map<String, String> parameters, double rate, boolean partition) {

    static final int MIN_CHUNK_SIZE = 100;
    static final int MAX_CHUNK_SIZE = 10_000;
    /**
     * Seconds of calls a derived chunk holds: nothing is sent while a chunk waits for its slowest call, which costs
     * latency / 30 s of the rate (measured: 10 s chunks dipped by 20-30 calls at 100 ms and 200/s).
     */
    static final double CHUNK_SECONDS = 30;

    public StepRun {
        parameters = Map.copyOf(parameters);
    }

    public String name() {
        return step.name();
    }

    public S settings() {
        return step.settings();
    }

    public StepType<S> type() {
        return StepType.of(step);
    }

    /** The query parameters of a JDBC source: the run's name=value parameters, bound by name, never spliced into the text. */
    public Map<String, Object> queryParameters() {
        return Sources.queryParameters(parameters);
    }

    /** The same step with chunks of exactly this many records, whatever the job file says. */
    public StepRun<S> withChunkSize(int records) {
        CommonSettings common = new CommonSettings(records, step.common().skipLimit(), step.common().partitions());
        return new StepRun<>(job, new StepDefinition<>(step.name(), step.kind(), common, step.settings()), parameters, rate, partition);
    }

    /** The same step as one of its partitions runs it, at its share of the rate (which sizes its chunks). */
    StepRun<S> partitionAt(double share) {
        return new StepRun<>(job, step, parameters, share, true);
    }

    /**
     * Records per chunk: the job file's chunk-size, or enough records for 30 seconds of calls at the rate when each
     * call carries recordsPerCall records, within 100..10,000.
     */
    public int chunkSize(int recordsPerCall) {
        if (step.common().chunkSize() != null) {
            return step.common().chunkSize();
        }
        double derived = rate * CHUNK_SECONDS * Math.max(1, recordsPerCall);
        return (int) Math.max(MIN_CHUNK_SIZE, Math.min(MAX_CHUNK_SIZE, Math.round(derived)));
    }
}
