package io.maximbatch.admin;

import io.maximbatch.execution.Executions;
import io.maximbatch.execution.RunExecutor;
import io.maximbatch.jobfile.JobFile;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Launches and restarts of the API: run in the background by the run executor, answered once the execution has started. */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
final class ApiRuns {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRuns.class);
    private static final long START_WAIT_SECONDS = 60;

    private final Executions executions;
    private final RunExecutor runs;

    ApiRuns(Executions executions, RunExecutor runs) {
        this.executions = executions;
        this.runs = runs;
    }

    JobExecution launch(JobFile file, Map<String, String> parameters) {
        return start(file.name(), started -> executions.run(file, parameters, false, notice -> LOG.info("{}: {}", file.name(), notice), started));
    }

    JobExecution restart(long executionId, String job) {
        return start(job, started -> executions.restart(executionId, notice -> LOG.info("{}: {}", job, notice), started));
    }

    private JobExecution start(String job, RunExecutor.Run run) {
        try {
            return runs.start(job, run, START_WAIT_SECONDS);
        } catch (RunExecutor.NotStarted e) {
            throw new ApiProblem(e.getCause() == null ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.GATEWAY_TIMEOUT,
                    e.getMessage() + (e.getCause() == null ? "" : "; see GET /api/executions?job=" + job));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw e;
        } catch (JobInstanceAlreadyCompleteException | JobExecutionAlreadyRunningException | JobRestartException e) {
            throw ApiProblem.conflict(job + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "interrupted while " + job + " was starting");
        } catch (Exception e) {
            throw new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, job + " could not be started", e);
        }
    }
}
