package io.maximbatch.jobfile;

/**
 * Keys every step accepts: how many records a chunk holds (null: derived from the rate), how many rejects a run
 * tolerates before it fails, and how many partitions split it.
 */
public record CommonSettings(Integer chunkSize, long skipLimit, int partitions) {

    /** The most partitions a step may have: each one is a step execution and, remotely, a worker's whole attention. */
    static final int MAX_PARTITIONS = 256;

    static CommonSettings of(StepSpec spec) {
        Integer chunkSize = spec.has("chunk-size") ? spec.wholeNumber("chunk-size", 100, 1, 100_000) : null;
        return new CommonSettings(chunkSize, spec.wholeNumber("skip-limit", Integer.MAX_VALUE, 0, Integer.MAX_VALUE),
                spec.wholeNumber("partitions", 1, 1, MAX_PARTITIONS));
    }
}
