package io.maximbatch.maxim;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Process-wide guard in front of every MaxIM call: one rate limiter shared by all steps, then retry of
 * retryable answers only, with backoff that honours Retry-After and a cap on the total time spent.
 */
public final class CallGuard {

    private static final Duration MIN_PERMIT_TIMEOUT = Duration.ofSeconds(30);
    private static final int DEFAULT_CALLERS = 64;

    private final AtomicReference<RateLimiter> limiter = new AtomicReference<>();
    private volatile SendWindow window;
    private final RetrySettings retrySettings;
    private final Retry retry;
    private final int callers;
    private final MeterRegistry meters;
    private final Timer permitWait;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Attempts sent by this process, for the progress line (the CLI has no metrics registry). */
    private final java.util.concurrent.atomic.LongAdder attempts = new java.util.concurrent.atomic.LongAdder();
    private static final double MIN_RATE = 0.1;
    private static final double MAX_RATE = 100_000;

    private volatile double rate;
    private volatile Duration permitTimeout;

    public CallGuard(double requestsPerSecond, RetrySettings retrySettings) {
        this(requestsPerSecond, retrySettings, DEFAULT_CALLERS);
    }

    /** callers: how many threads may wait for a permit at once (the calls in flight), so that none times out in the queue. */
    public CallGuard(double requestsPerSecond, RetrySettings retrySettings, int callers) {
        this(requestsPerSecond, retrySettings, callers, Metrics.globalRegistry);
    }

    /** meters: where calls, retries, rate-limiter waits and calls in flight are counted. */
    public CallGuard(double requestsPerSecond, RetrySettings retrySettings, int callers, MeterRegistry meters) {
        this.retrySettings = retrySettings;
        this.callers = callers;
        this.meters = meters;
        // Retry counts the attempts; the wait between them is ours, so that a stop cuts it short.
        this.retry = Retry.of("maxim", RetryConfig.custom()
                .maxAttempts(retrySettings.maxAttempts())
                .retryOnException(e -> e instanceof MaximException m && m.errorClass() == ErrorClass.RETRYABLE)
                .intervalBiFunction((attempt, either) -> 0L)
                .build());
        this.permitWait = Timer.builder("maxim.ratelimiter.wait")
                .description("time calls waited for a permit of the rate limiter").register(meters);
        Gauge.builder("maxim.calls.inflight", inFlight, AtomicInteger::get)
                .description("MaxIM calls sent and not yet answered").register(meters);
        // The limit beside the calls' rate, so that a board shows how close to it the process runs.
        Gauge.builder("maxim.ratelimiter.limit", this, CallGuard::rate)
                .description("the rate limiter's requests per second, as changed live").register(meters);
        setRate(requestsPerSecond);
    }

    /** Why a rate cannot be used, or null: below one call in 10 s or above 100,000 a second it is a typo, not a limit. */
    public static String rateProblem(double requestsPerSecond) {
        return requestsPerSecond >= MIN_RATE && requestsPerSecond <= MAX_RATE ? null
                : "a rate limit must be from 0.1 to 100000 requests per second, got " + requestsPerSecond;
    }

    /** Changes the rate for calls that ask for a permit from now on (live, while jobs run). */
    public synchronized void setRate(double requestsPerSecond) {
        String problem = rateProblem(requestsPerSecond);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (requestsPerSecond == rate && window != null) {
            // The same rate again (each run of a job file with rate-limit sets it): keep the limiter's and window's history.
            return;
        }
        // One permit per 1/rate seconds: smooth spacing keeps a server with its own per-second limit happy.
        long periodNanos = Math.max(1, Math.round(1_000_000_000d / requestsPerSecond));
        // Waiting callers queue for permits: the last of them waits callers/rate seconds, which must not count as a failure.
        Duration queue = Duration.ofMillis(Math.round(2000d * callers / requestsPerSecond));
        permitTimeout = queue.compareTo(MIN_PERMIT_TIMEOUT) > 0 ? queue : MIN_PERMIT_TIMEOUT;
        limiter.set(RateLimiter.of("maxim", RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofNanos(periodNanos))
                .timeoutDuration(permitTimeout)
                .build()));
        window = new SendWindow(requestsPerSecond);
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
        return call(endpoint, attempt, trace, true);
    }

    /**
     * As {@link #call(String, Supplier, CallTrace)}; with retryWhenMaybeExecuted false, a failure after which the
     * server may have done the work is thrown at once, for calls that must never run twice (no idempotency key).
     */
    public <T> T call(String endpoint, Supplier<T> attempt, CallTrace trace, boolean retryWhenMaybeExecuted) {
        return call(endpoint, attempt, trace, retryWhenMaybeExecuted, null);
    }

    /**
     * As {@link #call(String, Supplier, CallTrace, boolean)} with retryWhenMaybeExecuted false, for a call that MaxIM
     * can be asked about: after a failure that leaves it unknown whether the server did the work, carriedOut is asked
     * (its own calls retried as reads), and the call is sent again, within the same attempts and time, only when it
     * says no. Returns null when carriedOut said yes.
     */
    public <T> T callUnlessCarriedOut(String endpoint, Supplier<T> attempt, CallTrace trace, BooleanSupplier carriedOut) {
        return call(endpoint, attempt, trace, false, carriedOut);
    }

    private <T> T call(String endpoint, Supplier<T> attempt, CallTrace trace, boolean retryWhenMaybeExecuted, BooleanSupplier carriedOut) {
        CallScope scope = CallScope.current();
        Retry.Context<T> context = retry.context();
        long deadline = System.nanoTime() + retrySettings.totalCap().toNanos();
        for (int attempts = 1; ; attempts++) {
            scope.throwIfStopRequested(endpoint);
            acquirePermit(endpoint);
            try {
                T result = attempted(endpoint, attempt);
                context.onComplete();
                return result;
            } catch (MaximException e) {
                if (e.errorClass() != ErrorClass.RETRYABLE) {
                    throw e;
                }
                if (e.mayHaveBeenExecuted()) {
                    trace.markMaybeExecuted();
                }
                // Only a 429 surely did nothing; a proxy's 503 may follow a forwarded request: a call that must never
                // run twice leaves every other retry to its caller, who looks before calling again.
                if (!retryWhenMaybeExecuted && (e.mayHaveBeenExecuted() || e.httpStatus() != 429)) {
                    trace.markMaybeExecuted();
                    if (carriedOut == null) {
                        throw e;
                    }
                    if (carriedOut.getAsBoolean()) {
                        return null;
                    }
                }
                long wait = e.retryAfter().map(Duration::toNanos).orElse(0L);
                if (System.nanoTime() + wait > deadline) {
                    throw e.withMessage(e.getMessage() + " (gave up after " + retrySettings.totalCap().toSeconds() + " s of retries)");
                }
                try {
                    context.onError(e);
                } catch (MaximException exhausted) {
                    throw exhausted.withMessage(exhausted.getMessage() + " (gave up after " + retrySettings.maxAttempts() + " attempts)");
                } catch (Exception other) {
                    throw new IllegalStateException(other);
                }
                trace.countRetry();
                Counter.builder("maxim.call.retries").description("MaxIM calls sent again after a retryable answer")
                        .tag("endpoint", endpoint).register(meters).increment();
                scope.pause(Math.min(TimeUnit.MILLISECONDS.toNanos(backoff(attempts, e)), Math.max(0, deadline - System.nanoTime())),
                        endpoint);
            }
        }
    }

    private void acquirePermit(String endpoint) {
        long start = System.nanoTime();
        boolean permitted = limiter.get().acquirePermission();
        if (permitted) {
            try {
                window.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CallStoppedException("interrupted while waiting to call " + endpoint);
            }
        }
        permitWait.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        if (!permitted) {
            throw new MaximException("rate limiter gave no permit within " + permitTimeout.toSeconds()
                    + " s for " + endpoint, ErrorClass.FATAL, 0, 0, null, false, null);
        }
    }

    /** Call attempts this process has sent (retries included). */
    public long attempts() {
        return attempts.sum();
    }

    /** One attempt, counted by endpoint and outcome (the error class and its code). */
    private <T> T attempted(String endpoint, Supplier<T> attempt) {
        inFlight.incrementAndGet();
        attempts.increment();
        long start = System.nanoTime();
        try {
            T result = attempt.get();
            count(endpoint, ErrorClass.SUCCESS, "OK", start);
            return result;
        } catch (MaximException e) {
            count(endpoint, e.errorClass(), e.reasonCode(), start);
            throw e;
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void count(String endpoint, ErrorClass outcome, String code, long start) {
        String name = outcome.name().toLowerCase(Locale.ROOT);
        Counter.builder("maxim.calls").description("MaxIM call attempts by endpoint and outcome")
                .tag("endpoint", endpoint).tag("outcome", name).tag("code", code)
                .register(meters).increment();
        // A histogram from 5 ms to the 60 s a call may take, for latency percentiles per endpoint.
        Timer.builder("maxim.call.duration").description("time from sending a MaxIM call attempt to its answer (or failure)")
                .tag("endpoint", endpoint).tag("outcome", name).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(meters).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private long backoff(int attempt, Throwable failure) {
        if (failure instanceof MaximException m && m.retryAfter().isPresent()) {
            // The server said how long to wait: honour it in full (the total cap decides whether to wait at all).
            return Math.min(m.retryAfter().get().toMillis(), retrySettings.totalCap().toMillis());
        }
        double ceiling = retrySettings.baseDelay().toMillis() * Math.pow(retrySettings.multiplier(), attempt - 1);
        long capped = (long) Math.min(ceiling, retrySettings.maxDelay().toMillis());
        // Full jitter spreads the retries of many concurrent calls over the whole window.
        return ThreadLocalRandom.current().nextLong(capped + 1);
    }
}
