package io.maximbatch.jobfile;

import java.util.Map;

/**
 * Keys every step accepts (how many records a chunk holds, how many rejects a run tolerates before it fails), the
 * requests/second the run may send, and the run's name=value job parameters (for message templates and query
 * parameters; empty while validating).
 *
 * @param explicitChunkSize the job file's chunk-size, or null to derive it from the rate
 */
public record CommonStepSettings(Integer explicitChunkSize, double rate, long skipLimit, Map<String, String> jobParameters,
                                 int partitions) {

    /** The most partitions a step may have: each one is a step execution and, remotely, a worker's whole attention. */
    static final int MAX_PARTITIONS = 256;

    static final int MIN_CHUNK_SIZE = 100;
    static final int MAX_CHUNK_SIZE = 10_000;
    /** Seconds of calls a derived chunk holds: a chunk waits for its slowest call, which costs latency / 10 s of the rate. */
    static final double CHUNK_SECONDS = 10;

    static CommonStepSettings of(StepSpec spec) {
        return of(spec, Map.of(), 50);
    }

    static CommonStepSettings of(StepSpec spec, Map<String, String> jobParameters, double rate) {
        Integer chunkSize = spec.has("chunk-size") ? spec.wholeNumber("chunk-size", MIN_CHUNK_SIZE, 1, 100_000) : null;
        return new CommonStepSettings(chunkSize, rate, spec.wholeNumber("skip-limit", Integer.MAX_VALUE, 0, Integer.MAX_VALUE),
                Map.copyOf(jobParameters), spec.wholeNumber("partitions", 1, 1, MAX_PARTITIONS));
    }

    /** The settings of one partition: its share of the job's rate (which sizes its chunks). */
    CommonStepSettings partition(double share) {
        return new CommonStepSettings(explicitChunkSize, share, skipLimit, jobParameters, 1);
    }

    /**
     * Records per chunk: the job file's chunk-size, or enough records for 10 seconds of calls at the rate when each
     * call carries recordsPerCall records, within 100..10,000.
     */
    public int chunkSize(int recordsPerCall) {
        if (explicitChunkSize != null) {
            return explicitChunkSize;
        }
        double derived = rate * CHUNK_SECONDS * Math.max(1, recordsPerCall);
        return (int) Math.max(MIN_CHUNK_SIZE, Math.min(MAX_CHUNK_SIZE, Math.round(derived)));
    }

    /** Records per chunk for a step that sends about one call per record. */
    public int chunkSize() {
        return chunkSize(1);
    }
}
