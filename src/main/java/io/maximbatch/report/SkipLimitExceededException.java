package io.maximbatch.report;

/** More records were rejected than the step's skip-limit allows: the step fails so that someone looks. */
public final class SkipLimitExceededException extends RuntimeException {
    public SkipLimitExceededException(String message) {
        super(message);
    }
}
