package io.maximbatch.admin;

import io.maximbatch.execution.ExecutionQueries;
import io.maximbatch.execution.Executions;
import io.maximbatch.execution.RestartPolicy;
import io.maximbatch.report.RejectReport;
import io.maximbatch.report.RejectStore;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Executions: their state, restart, stop, abandon, and their reject reports. */
@RestController
@RequestMapping("/api/executions")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
record ExecutionsController(ExecutionQueries queries, Executions executions, ApiRuns runs, RejectStore rejects, RestartPolicy restarts) {

    private static final int MAX_LISTED = 200;

    /** The newest executions first, at most 200, of one job or all, of one status or all; a fixed number of queries. */
    @GetMapping
    List<ExecutionView> executions(@RequestParam(required = false) String job, @RequestParam(required = false) String status) {
        List<JobExecution> found = queries.recent(job == null || job.isBlank() ? null : job,
                status == null || status.isBlank() ? null : status(status), MAX_LISTED);
        Map<Long, Boolean> restartable = restarts.restartable(found);
        return found.stream().map(e -> ExecutionView.of(e, restartable.get(e.getId()))).toList();
    }

    @GetMapping("/{id}")
    ExecutionView execution(@PathVariable long id) {
        return view(find(id));
    }

    /** Restarts a failed or stopped execution, or recovers and restarts one whose process died. */
    @PostMapping("/{id}/restart")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ExecutionView restart(@PathVariable long id) {
        JobExecution execution = find(id);
        restarts.refusal(execution).ifPresent(reason -> {
            throw ApiProblem.conflict(reason);
        });
        return view(runs.restart(id, execution.getJobInstance().getJobName()));
    }

    @PostMapping("/{id}/stop")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ExecutionView stop(@PathVariable long id) {
        JobExecution execution = find(id);
        try {
            executions.stop(execution);
        } catch (JobExecutionNotRunningException e) {
            throw ApiProblem.conflict("execution " + id + " is " + execution.getStatus() + ", not running; there is nothing to stop");
        }
        return view(find(id));
    }

    @PostMapping("/{id}/abandon")
    ExecutionView abandon(@PathVariable long id) {
        JobExecution execution = find(id);
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            throw ApiProblem.conflict("execution " + id + " has completed; there is nothing to abandon");
        }
        if (restarts.finishing(execution)) {
            throw ApiProblem.conflict("execution " + id + " is " + execution.getStatus() + " but its last step is still stopping;"
                    + " try again in a moment");
        }
        try {
            return view(executions.abandon(execution));
        } catch (JobExecutionAlreadyRunningException e) {
            throw ApiProblem.conflict("execution " + id + " is " + execution.getStatus() + "; stop it before abandoning it");
        }
    }

    /**
     * The reject report of the execution's instance as CSV; ?step= chooses the step when several have rejects. Streamed
     * to the response as it is read, page by page, on the request's own thread (no async dispatch).
     */
    @GetMapping("/{id}/rejects")
    void rejects(@PathVariable long id, @RequestParam(required = false) String step, HttpServletResponse response) throws IOException {
        JobExecution execution = find(id);
        long instance = execution.getJobInstance().getInstanceId();
        List<String> steps = execution.getStepExecutions().stream().sorted(Comparator.comparingLong(StepExecution::getId))
                .map(StepExecution::getStepName).distinct().toList();
        String chosen = step;
        if (chosen == null) {
            List<String> withRejects = steps.stream().filter(s -> rejects.count(instance, s) > 0).toList();
            if (withRejects.size() > 1) {
                throw ApiProblem.badRequest("execution " + id + " has rejects in steps " + String.join(", ", withRejects)
                        + "; choose one with ?step=");
            }
            chosen = withRejects.isEmpty() ? null : withRejects.get(0);
        } else if (!steps.contains(chosen)) {
            throw ApiProblem.notFound("execution " + id + " has no step " + chosen + " (its steps: " + String.join(", ", steps) + ")");
        }
        String name = execution.getJobInstance().getJobName() + "-" + id + (chosen == null ? "" : "-" + chosen) + ".csv";
        response.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8).toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9_.-]", "_") + "\"");
        Writer csv = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        RejectReport.write(csv, chosen == null ? each -> { } : rejects.forStep(instance, chosen));
        csv.flush();
    }

    private ExecutionView view(JobExecution execution) {
        return ExecutionView.of(execution, restarts.refusal(execution).isEmpty());
    }

    private JobExecution find(long id) {
        return queries.find(id).orElseThrow(() -> ApiProblem.notFound("no execution " + id + " (see GET /api/executions)"));
    }

    private static BatchStatus status(String status) {
        try {
            return BatchStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("unknown status " + status + "; one of STARTED, COMPLETED, FAILED, STOPPED, ABANDONED");
        }
    }
}
