package io.maximbatch.maxim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * A bounded number of MaxIM calls in flight for the whole process, so that a chunk's calls go out together
 * and the configured rate is reachable even when each call takes 100 ms.
 */
public final class ConcurrentCalls implements AutoCloseable {

    /** Seconds of calls at the rate that the pool can hold in flight: calls of up to 250 ms still reach the rate. */
    static final double IN_FLIGHT_SECONDS = 0.25;
    private static final int MOST_IN_FLIGHT = 1000;

    private final ThreadPoolExecutor executor;
    private final int minimum;
    private final DoubleSupplier rate;

    public ConcurrentCalls(int maxInFlight) {
        this(maxInFlight, () -> 0);
    }

    /** At least maxInFlight calls in flight, more when the rate needs them (rate x 250 ms, at most 1000). */
    public ConcurrentCalls(int maxInFlight, DoubleSupplier rate) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxim.max-in-flight must be at least 1, got " + maxInFlight);
        }
        this.minimum = maxInFlight;
        this.rate = rate;
        CustomizableThreadFactory threads = new CustomizableThreadFactory("maxim-call-");
        threads.setDaemon(true);
        GrowingQueue queue = new GrowingQueue();
        this.executor = new ThreadPoolExecutor(1, maxInFlight, 30, TimeUnit.SECONDS, queue, threads, (task, full) -> queue.force(task));
        queue.executor = executor;
    }

    /**
     * Queues a call only when a thread of the pool is idle to take it, else asks for a new thread (up to the bound;
     * beyond it the call waits in the queue). The pool so grows to the calls actually in flight, not to its bound:
     * measured on 1,000,000 users at rate 100,000 with no latency, a pool that started a thread per call up to its
     * bound held 1,000 threads, 119 MB of committed stacks (NMT) out of a 580 MB peak.
     */
    private static final class GrowingQueue extends LinkedBlockingQueue<Runnable> {

        private transient ThreadPoolExecutor executor;

        @Override
        public boolean offer(Runnable task) {
            if (executor != null && executor.getPoolSize() < executor.getMaximumPoolSize()
                    && executor.getActiveCount() + size() >= executor.getPoolSize()) {
                return false;
            }
            return super.offer(task);
        }

        /** A call beyond the bound: it waits for the next free thread. */
        void force(Runnable task) {
            super.offer(task);
        }
    }

    /** The requests/second calls are sent at now. */
    public double rate() {
        return rate.getAsDouble();
    }

    /** Calls in flight at most, for the current rate. */
    public int size() {
        return executor.getMaximumPoolSize();
    }

    private synchronized void fitToRate() {
        int wanted = (int) Math.min(MOST_IN_FLIGHT, Math.max(minimum, Math.ceil(rate.getAsDouble() * IN_FLIGHT_SECONDS)));
        if (wanted != executor.getMaximumPoolSize()) {
            executor.setMaximumPoolSize(wanted);
        }
    }

    /** Runs all tasks concurrently and waits for every one of them; each result holds a value or the failure. */
    public <T> List<Result<T>> runAll(List<Callable<T>> tasks) {
        return submitAll(tasks).join();
    }

    /**
     * Runs read-only tasks concurrently, at most a second of calls at the rate (at least what the pool holds in flight)
     * started and not ended at any time, and returns their values in order. The first failure stops the tasks not yet
     * started and is thrown once those started have ended: a refused token or an unreachable server costs at most a
     * second of calls, not all of them.
     */
    public <T> List<T> valuesOfAll(List<Callable<T>> tasks) {
        fitToRate();
        // A window that moves as each call ends: slices that each waited for their slowest call lost that wait (and the
        // rate limiter's next free permit) once per second of calls.
        Semaphore room = new Semaphore(Math.min(MOST_IN_FLIGHT, Math.max(size(), (int) Math.ceil(rate()))));
        AtomicBoolean failed = new AtomicBoolean();
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        for (Callable<T> task : tasks) {
            room.acquireUninterruptibly();
            if (failed.get()) {
                break;
            }
            Callable<T> carried = CallScope.carried(task);
            futures.add(executor.submit(() -> {
                try {
                    return carried.call();
                } catch (Exception | Error e) {
                    failed.set(true);
                    throw e;
                } finally {
                    room.release();
                }
            }));
        }
        List<T> values = new ArrayList<>(tasks.size());
        for (Result<T> result : new Submitted<>(futures).join()) {
            if (result.failure() instanceof Error error) {
                throw error;
            }
            if (!result.ok()) {
                throw result.uncheckedFailure();
            }
            values.add(result.value());
        }
        return values;
    }

    /** Starts all tasks (queued behind those already started) and returns at once; join() waits for them. */
    public <T> Submitted<T> submitAll(List<Callable<T>> tasks) {
        fitToRate();
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        for (Callable<T> task : tasks) {
            futures.add(executor.submit(CallScope.carried(task)));
        }
        return new Submitted<>(futures);
    }

    /** Tasks started together. */
    public static final class Submitted<T> {

        private final List<Future<T>> futures;

        private Submitted(List<Future<T>> futures) {
            this.futures = futures;
        }

        public boolean isDone() {
            return futures.stream().allMatch(Future::isDone);
        }

        /** Waits for every task; each result holds a value or the failure. */
        public List<Result<T>> join() {
            List<Result<T>> results = new ArrayList<>(futures.size());
            boolean interrupted = false;
            for (Future<T> future : futures) {
                while (true) {
                    try {
                        results.add(new Result<>(future.get(), null));
                        break;
                    } catch (ExecutionException e) {
                        results.add(new Result<>(null, e.getCause()));
                        break;
                    } catch (InterruptedException e) {
                        // Every call must be joined before the writer decides outcomes; remember and keep waiting.
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return results;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** The value of a task, or the exception it ended with. */
    public record Result<T>(T value, Throwable failure) {
        public boolean ok() {
            return failure == null;
        }

        /** The failure, as it was when unchecked. */
        public RuntimeException uncheckedFailure() {
            return failure instanceof RuntimeException e ? e : new IllegalStateException(failure);
        }
    }
}
