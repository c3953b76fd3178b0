package io.maximbatch.admin;

import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.JobRuns;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/** Runs launches and restarts of the API on a small bounded pool, and answers once the execution has started. */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
final class Launcher implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);
    private static final int RUNS = 4;
    private static final long START_WAIT_SECONDS = 60;
    private static final long STOP_WAIT_SECONDS = 60;

    private final JobRuns runs;
    private final JobOperator operator;
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(RUNS, RUNS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
            new CustomizableThreadFactory("api-run-"));
    private final Set<JobExecution> running = ConcurrentHashMap.newKeySet();

    Launcher(JobRuns runs, JobOperator operator) {
        this.runs = runs;
        this.operator = operator;
    }

    /** What a run does, given the callback to call with its execution once it starts. */
    private interface Run {
        JobExecution run(Consumer<JobExecution> started) throws Exception;
    }

    JobExecution launch(JobFile file, Map<String, String> parameters) {
        return submit(file.name(), started -> runs.run(file, parameters, false,
                notice -> LOG.info("{}: {}", file.name(), notice), started));
    }

    JobExecution restart(long executionId, String job) {
        return submit(job, started -> runs.restart(executionId, notice -> LOG.info("{}: {}", job, notice), started));
    }

    private JobExecution submit(String job, Run run) {
        CompletableFuture<JobExecution> started = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                JobExecution[] mine = new JobExecution[1];
                try {
                    JobExecution end = run.run(execution -> {
                        mine[0] = execution;
                        running.add(execution);
                        started.complete(execution);
                    });
                    // A run that ends without starting (nothing to do) still answers with its execution.
                    started.complete(end);
                    LOG.info("{}: execution {} ended {}", job, end.getId(), end.getStatus());
                } catch (Exception | Error e) {
                    started.completeExceptionally(e);
                    LOG.warn("{}: run ended with an error: {}", job, e.toString());
                } finally {
                    if (mine[0] != null) {
                        running.remove(mine[0]);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, RUNS + " runs started through the API are still running; try again when one has ended");
        }
        try {
            return started.get(START_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException
                    || cause instanceof org.springframework.batch.core.launch.JobExecutionAlreadyRunningException
                    || cause instanceof org.springframework.batch.core.launch.JobRestartException) {
                throw ApiProblem.conflict(job + ": " + cause.getMessage());
            }
            throw new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, job + " could not be started: " + cause);
        } catch (TimeoutException e) {
            throw new ApiProblem(HttpStatus.GATEWAY_TIMEOUT, job + " did not start within " + START_WAIT_SECONDS
                    + " s (waiting for the job's lock?); see GET /api/executions?job=" + job);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "interrupted while " + job + " was starting");
        }
    }

    /** Stops the runs started here at their next chunk boundary and waits for them, before the job database closes. */
    @Override
    public void destroy() throws InterruptedException {
        for (JobExecution execution : running) {
            try {
                operator.stop(execution);
            } catch (Exception e) {
                LOG.warn("could not stop execution {}: {}", execution.getId(), e.toString());
            }
        }
        pool.shutdown();
        if (!pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
            LOG.warn("a run started through the API did not stop within {} s; restart it later", STOP_WAIT_SECONDS);
        }
    }
}
