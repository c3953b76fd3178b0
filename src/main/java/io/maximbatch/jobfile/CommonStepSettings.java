package io.maximbatch.jobfile;

import java.util.Map;

/**
 * Keys every step accepts (how many records a chunk holds, how many rejects a run tolerates before it fails), and
 * the run's name=value job parameters (for message templates and query parameters; empty while validating).
 */
public record CommonStepSettings(int chunkSize, long skipLimit, Map<String, String> jobParameters) {

    static final int DEFAULT_CHUNK_SIZE = 200;

    static CommonStepSettings of(StepSpec spec) {
        return of(spec, Map.of());
    }

    static CommonStepSettings of(StepSpec spec, Map<String, String> jobParameters) {
        return new CommonStepSettings(spec.wholeNumber("chunk-size", DEFAULT_CHUNK_SIZE, 1, 100_000),
                spec.wholeNumber("skip-limit", Integer.MAX_VALUE, 0, Integer.MAX_VALUE), Map.copyOf(jobParameters));
    }
}
