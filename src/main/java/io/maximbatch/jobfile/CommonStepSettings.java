package io.maximbatch.jobfile;

/** Keys every step accepts: how many records a chunk holds, and how many rejects a run tolerates before it fails. */
public record CommonStepSettings(int chunkSize, long skipLimit) {

    static final int DEFAULT_CHUNK_SIZE = 200;

    static CommonStepSettings of(StepSpec spec) {
        return new CommonStepSettings(spec.wholeNumber("chunk-size", DEFAULT_CHUNK_SIZE, 1, 100_000),
                spec.wholeNumber("skip-limit", Integer.MAX_VALUE, 0, Integer.MAX_VALUE));
    }
}
