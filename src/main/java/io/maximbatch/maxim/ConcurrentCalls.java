package io.maximbatch.maxim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded number of MaxIM calls in flight for the whole process, so that a chunk's calls go out together
 * and the configured rate is reachable even when each call takes 100 ms.
 */
public final class ConcurrentCalls implements AutoCloseable {

    private final ExecutorService executor;

    public ConcurrentCalls(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxim.max-in-flight must be at least 1, got " + maxInFlight);
        }
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(maxInFlight, runnable -> {
            Thread thread = new Thread(runnable, "maxim-call-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs all tasks concurrently and waits for every one of them; each result holds a value or the failure. */
    public <T> List<Result<T>> runAll(List<Callable<T>> tasks) {
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        for (Callable<T> task : tasks) {
            futures.add(executor.submit(CallScope.carried(task)));
        }
        List<Result<T>> results = new ArrayList<>(tasks.size());
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

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** The value of a task, or the exception it ended with. */
    public record Result<T>(T value, Throwable failure) {
        public boolean ok() {
            return failure == null;
        }
    }
}
