package io.maximbatch.maxim;

import java.time.Duration;

/** Retry of retryable answers: exponential backoff with full jitter, capped in attempts and total time. */
public record RetrySettings(int maxAttempts, Duration baseDelay, double multiplier, Duration maxDelay, Duration totalCap) {

    public static RetrySettings defaults() {
        return new RetrySettings(6, Duration.ofMillis(200), 2.0, Duration.ofSeconds(10), Duration.ofSeconds(60));
    }
}
