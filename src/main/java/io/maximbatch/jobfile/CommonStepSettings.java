package io.maximbatch.jobfile;

/** Keys every step accepts: how many records a chunk holds, how many rejects are tolerated (-1: no limit). */
public record CommonStepSettings(int chunkSize, long skipLimit) {
}
