package io.maximbatch.maxim;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.MDC;

/**
 * The step a thread calls MaxIM for: whether an operator has asked it to stop. Carried, with the log context,
 * to the threads that make the calls, so that a stop is honoured between two attempts, not only between chunks.
 */
public final class CallScope {

    private static final ThreadLocal<CallScope> CURRENT = new ThreadLocal<>();
    private static final CallScope NONE = new CallScope(() -> false);
    private static final long SLICE_NANOS = Duration.ofMillis(100).toNanos();

    private final BooleanSupplier stopRequested;

    public CallScope(BooleanSupplier stopRequested) {
        this.stopRequested = stopRequested;
    }

    /** Makes this the scope of the current thread's calls until {@link #leave()}. */
    public static void enter(CallScope scope) {
        CURRENT.set(scope);
    }

    public static void leave() {
        CURRENT.remove();
    }

    static CallScope current() {
        CallScope scope = CURRENT.get();
        return scope == null ? NONE : scope;
    }

    void throwIfStopRequested(String endpoint) {
        if (stopRequested.getAsBoolean()) {
            throw new CallStoppedException("stopped by an operator before calling " + endpoint);
        }
    }

    /** Waits, in short slices so that a stop is seen within a fraction of a second. */
    void pause(long nanos, String endpoint) {
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = end - System.nanoTime()) {
            throwIfStopRequested(endpoint);
            try {
                Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, SLICE_NANOS))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CallStoppedException("interrupted while waiting to retry " + endpoint);
            }
        }
        throwIfStopRequested(endpoint);
    }

    /** The task, run in the submitting thread's scope and log context (job, execution, step). */
    static <T> Callable<T> carried(Callable<T> task) {
        CallScope scope = CURRENT.get();
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        return () -> {
            if (scope != null) {
                CURRENT.set(scope);
            }
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            try {
                return task.call();
            } finally {
                CURRENT.remove();
                MDC.clear();
            }
        };
    }
}
