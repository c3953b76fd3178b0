package io.maximbatch.execution;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * The threads that run jobs in the background of `serve`, for the admin API and the scheduler alike: it knows every
 * execution they run, so that stopping the process stops each at its next chunk boundary and waits for it.
 */
@Component
public class RunExecutor implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(RunExecutor.class);
    /** Runs started through the API at once; scheduled slots come on top (one per scheduled job at most). */
    public static final int API_RUNS = 4;
    private static final long STOP_WAIT_SECONDS = 60;

    private final Executions executions;
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
            new CustomizableThreadFactory("run-"));
    private final Semaphore apiRuns = new Semaphore(API_RUNS);
    private final Set<JobExecution> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    RunExecutor(Executions executions) {
        this.executions = executions;
    }

    /** A run, given the callback to tell its execution once it starts. */
    @FunctionalInterface
    public interface Run {
        JobExecution run(Consumer<JobExecution> started) throws Exception;
    }

    /** Why a run could not be started in the background. */
    public static final class NotStarted extends RuntimeException {
        NotStarted(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Starts a run of the API in the background and answers its execution once it has started (or ended, when it had
     * nothing to do); at most API_RUNS at a time. Throws NotStarted (busy, timed out) or the run's own failure.
     */
    public JobExecution start(String job, Run run, long waitSeconds) throws Exception {
        if (closing || !apiRuns.tryAcquire()) {
            throw new NotStarted(API_RUNS + " runs started through the API are still running; try again when one has ended", null);
        }
        CompletableFuture<JobExecution> started = new CompletableFuture<>();
        pool.execute(() -> {
            try {
                JobExecution end = tracked(run, started::complete);
                // A run that ends without starting (nothing to do) still answers with its execution.
                started.complete(end);
                LOG.info("{}: execution {} ended {}", job, end.getId(), end.getStatus());
            } catch (Exception | Error e) {
                started.completeExceptionally(e);
                LOG.warn("{}: run ended with an error: {}", job, e.toString());
            } finally {
                apiRuns.release();
            }
        });
        try {
            return started.get(waitSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new NotStarted(job + " did not start within " + waitSeconds + " s (waiting for the job's lock?)", e);
        }
    }

    /** Runs in the calling thread (a scheduled slot), the execution known while it runs so that shutdown stops it. */
    public JobExecution tracked(Run run, Consumer<JobExecution> started) throws Exception {
        JobExecution[] mine = new JobExecution[1];
        try {
            return run.run(execution -> {
                mine[0] = execution;
                running.add(execution);
                if (closing) {
                    // Stopping began while this run was starting: it stops at its first chunk boundary.
                    stop(execution);
                }
                started.accept(execution);
            });
        } finally {
            if (mine[0] != null) {
                running.remove(mine[0]);
            }
        }
    }

    public boolean closing() {
        return closing;
    }

    /** Stops every run of this process at its next chunk boundary; no new run starts. */
    public void stopAll() {
        closing = true;
        running.forEach(this::stop);
    }

    private void stop(JobExecution execution) {
        try {
            LOG.info("{}: stopping execution {} at its next chunk boundary", execution.getJobInstance().getJobName(), execution.getId());
            executions.stop(execution);
        } catch (Exception e) {
            LOG.warn("could not stop execution {}: {}", execution.getId(), e.toString());
        }
    }

    /** Stops the runs and waits for them, before the job database closes. */
    @Override
    public void destroy() throws InterruptedException {
        stopAll();
        pool.shutdown();
        if (!pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
            LOG.warn("a run did not stop within {} s; it is recovered and resumed by the next run", STOP_WAIT_SECONDS);
        }
    }
}
