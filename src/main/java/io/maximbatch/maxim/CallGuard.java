package io.maximbatch.maxim;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Process-wide guard in front of every MaxIM call: one rate limiter shared by all steps, then retry of
 * retryable answers only, with backoff that honours Retry-After and a cap on the total time spent.
 */
public final class CallGuard {

    private static final Duration PERMIT_TIMEOUT = Duration.ofSeconds(30);

    private final AtomicReference<RateLimiter> limiter = new AtomicReference<>();
    private final RetrySettings retrySettings;
    private final Retry retry;
    private volatile double rate;

    public CallGuard(double requestsPerSecond, RetrySettings retrySettings) {
        this.retrySettings = retrySettings;
        this.retry = Retry.of("maxim", RetryConfig.custom()
                .maxAttempts(retrySettings.maxAttempts())
                .retryOnException(e -> e instanceof MaximException m && m.errorClass() == ErrorClass.RETRYABLE)
                .intervalBiFunction((attempt, either) -> either.isLeft() ? backoff(attempt, either.getLeft()) : 0L)
                .build());
        setRate(requestsPerSecond);
    }

    /** Changes the rate for calls that ask for a permit from now on (live, while jobs run). */
    public void setRate(double requestsPerSecond) {
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("rate limit must be a positive number of requests per second, got " + requestsPerSecond);
        }
        // One permit per 1/rate seconds: smooth spacing keeps a server with its own per-second limit happy.
        long periodNanos = Math.max(1, Math.round(1_000_000_000d / requestsPerSecond));
        limiter.set(RateLimiter.of("maxim", RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofNanos(periodNanos))
                .timeoutDuration(PERMIT_TIMEOUT)
                .build()));
        this.rate = requestsPerSecond;
    }

    public double rate() {
        return rate;
    }

    /**
     * Runs one logical call: each attempt waits for a permit; retryable failures are retried until the
     * attempts or the total time run out, then the last failure is thrown. The trace records whether an
     * earlier attempt may have been executed by the server although its answer was lost.
     */
    public <T> T call(String endpoint, Supplier<T> attempt, CallTrace trace) {
        Retry.Context<T> context = retry.context();
        long deadline = System.nanoTime() + retrySettings.totalCap().toNanos();
        while (true) {
            if (!limiter.get().acquirePermission()) {
                throw new MaximException("rate limiter gave no permit within " + PERMIT_TIMEOUT.toSeconds()
                        + " s for " + endpoint, ErrorClass.FATAL, 0, 0, null, false, null);
            }
            try {
                T result = attempt.get();
                context.onComplete();
                return result;
            } catch (MaximException e) {
                if (e.errorClass() != ErrorClass.RETRYABLE) {
                    throw e;
                }
                if (e.mayHaveBeenExecuted()) {
                    trace.markMaybeExecuted();
                }
                trace.countRetry();
                if (System.nanoTime() > deadline) {
                    throw e.withMessage(e.getMessage() + " (gave up after " + retrySettings.totalCap().toSeconds() + " s of retries)");
                }
                try {
                    context.onError(e);
                } catch (MaximException exhausted) {
                    throw exhausted.withMessage(exhausted.getMessage() + " (gave up after " + retrySettings.maxAttempts() + " attempts)");
                } catch (Exception other) {
                    throw new IllegalStateException(other);
                }
            }
        }
    }

    private long backoff(int attempt, Throwable failure) {
        if (failure instanceof MaximException m && m.retryAfter().isPresent()) {
            return Math.min(m.retryAfter().get().toMillis(), retrySettings.maxDelay().toMillis());
        }
        double ceiling = retrySettings.baseDelay().toMillis() * Math.pow(retrySettings.multiplier(), attempt - 1);
        long capped = (long) Math.min(ceiling, retrySettings.maxDelay().toMillis());
        // Full jitter spreads the retries of many concurrent calls over the whole window.
        return ThreadLocalRandom.current().nextLong(capped + 1);
    }
}
