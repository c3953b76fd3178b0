package io.maximbatch.jobfile;

import org.hibernate.validator.constraints.Range;

/**
 * Keys every step accepts: how many records a chunk holds (null: derived from the rate), how many rejects a run
 * tolerates before it fails, and how many partitions split it.
 */
public record CommonSettings(@Range(min = 1, max = 100_000, message = "expected a whole number from {min} to {max}") Integer chunkSize,
                             @Range(min = 0, max = Integer.MAX_VALUE, message = "expected a whole number from {min} to {max}") Long skipLimit,
                             @Range(min = 1, max = MAX_PARTITIONS, message = "expected a whole number from {min} to {max}") Integer partitions) {

    /** The most partitions a step may have: each one is a step execution and, remotely, a worker's whole attention. */
    static final int MAX_PARTITIONS = 256;

    public CommonSettings {
        skipLimit = skipLimit == null ? Integer.MAX_VALUE : skipLimit;
        partitions = partitions == null ? 1 : partitions;
    }
}
