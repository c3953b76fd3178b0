package io.maximbatch.admin;

import io.maximbatch.campaign.TestSendReport;
import io.maximbatch.campaign.TestSends;
import io.maximbatch.execution.DryRunPlan;
import io.maximbatch.execution.DryRuns;
import io.maximbatch.execution.ExecutionQueries;
import io.maximbatch.execution.JobCatalog;
import io.maximbatch.execution.RestartPolicy;
import io.maximbatch.execution.RunParameters;
import io.maximbatch.jobfile.JobFileException;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.report.IdMapExport;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The job files of maxim.jobs-dir, and launching them. */
@RestController
@RequestMapping("/api/jobs")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
final class JobsController {

    private final JobCatalog catalog;
    private final ExecutionQueries queries;
    private final ApiRuns runs;
    private final RestartPolicy restarts;
    private final UserMap userMap;
    private final DryRuns dryRuns;
    private final TestSends testSends;

    JobsController(JobCatalog catalog, ExecutionQueries queries, ApiRuns runs, RestartPolicy restarts, UserMap userMap, DryRuns dryRuns,
                   TestSends testSends) {
        this.catalog = catalog;
        this.queries = queries;
        this.runs = runs;
        this.restarts = restarts;
        this.userMap = userMap;
        this.dryRuns = dryRuns;
        this.testSends = testSends;
    }

    /** A job file; name is null and problems say why when the file cannot be read. */
    record JobView(String name, String file, String schedule, List<String> problems, ExecutionView lastExecution) {
    }

    @GetMapping
    List<JobView> jobs() {
        List<JobCatalog.Entry> entries = entries();
        Map<String, JobExecution> last = queries.lastOfEach(entries.stream().map(JobCatalog.Entry::file).filter(Objects::nonNull)
                .map(file -> file.name()).toList());
        Map<Long, Boolean> restartable = restarts.restartable(last.values());
        return entries.stream().map(entry -> {
            if (entry.file() == null) {
                return new JobView(null, entry.path().getFileName().toString(), null, entry.problems(), null);
            }
            JobExecution execution = last.get(entry.file().name());
            return new JobView(entry.file().name(), entry.path().getFileName().toString(), entry.file().schedule(), List.of(),
                    execution == null ? null : ExecutionView.of(execution, restartable.get(execution.getId())));
        }).toList();
    }

    @PostMapping("/{name}/executions")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ExecutionView launch(@PathVariable String name, @RequestBody(required = false) Map<String, String> parameters) {
        Map<String, String> checked = RunParameters.checked(parameters == null ? Map.of() : parameters);
        JobExecution execution = runs.launch(readable(name).file(), checked);
        return ExecutionView.of(execution, restarts.refusal(execution).isEmpty());
    }

    /**
     * The job's dry run, as `run --dry-run --json` prints it: what a run with these parameters would do now (fresh: a new
     * run even if one is unfinished). It runs the job with MaxIM's writes recorded, so it takes as long as its look-ups.
     */
    @PostMapping("/{name}/plan")
    DryRunPlan plan(@PathVariable String name, @RequestParam(defaultValue = "false") boolean fresh,
                    @RequestBody(required = false) Map<String, String> parameters) throws Exception {
        Map<String, String> checked = RunParameters.checked(parameters == null ? Map.of() : parameters);
        JobCatalog.Entry entry = readable(name);
        try {
            return dryRuns.plan(entry.path(), checked, fresh, notice -> { });
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
    }

    /** A test send's request: the legacy ids to send to, and the run parameters its templates are filled from. */
    record TestSendRequest(List<String> to, Map<String, String> parameters) {
    }

    /**
     * A test send of the job's campaign messages to the named people only, as `run <job> --test-to` makes it: outside the
     * run's send ledger and any frequency cap. 400 for a job without a campaign step, no one named, or no one known.
     */
    @PostMapping("/{name}/test-send")
    TestSendReport testSend(@PathVariable String name, @RequestBody(required = false) TestSendRequest request) throws InterruptedException {
        Map<String, String> checked = RunParameters.checked(request == null || request.parameters() == null ? Map.of() : request.parameters());
        JobCatalog.Entry entry = readable(name);
        TestSendReport report;
        try {
            report = testSends.send(entry.file(), checked, request == null || request.to() == null ? List.of() : request.to());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        if (report.sent().isEmpty()) {
            throw ApiProblem.badRequest("nothing was sent: none of the named people is in the ID map ("
                    + String.join("; ", report.notSent().stream().map(n -> n.legacyId() + ": " + n.reason()).toList()) + ")");
        }
        return report;
    }

    /** The job's ID map as CSV (as `export-map` writes it), streamed on the request's own thread (no async dispatch). */
    @GetMapping("/{name}/map")
    void map(@PathVariable String name, @RequestParam(name = "spreadsheet-safe", defaultValue = "false") boolean spreadsheetSafe,
             HttpServletResponse response) throws IOException {
        named(name);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "-map.csv\"");
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        IdMapExport.write(userMap, name, writer, spreadsheetSafe);
        writer.flush();
    }

    /** The job file that names the job, read without problems; 404 or 400 otherwise. */
    private JobCatalog.Entry readable(String name) {
        JobCatalog.Entry entry = entries().stream().filter(e -> e.file() != null ? e.file().name().equals(name)
                        : e.path().getFileName().toString().equals(name + ".yml")).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("no job file in "
                        + catalog.jobsDir().toAbsolutePath().normalize() + " names job " + name + " (see GET /api/jobs)"));
        if (entry.file() == null) {
            throw ApiProblem.badRequest(entry.path().getFileName() + " has problems: " + String.join("; ", entry.problems()));
        }
        return entry;
    }

    /** The job file that names the job, read without the environment it needs (the map never uses a key); 404 or 400 otherwise. */
    private void named(String name) {
        for (JobCatalog.Entry entry : entries()) {
            if (entry.file() != null ? entry.file().name().equals(name) : nameWithoutEnvironment(entry).equals(name)) {
                return;
            }
        }
        readable(name);
    }

    /** The job name of a file whose full check failed, when only its environment was missing; "" otherwise. */
    private String nameWithoutEnvironment(JobCatalog.Entry entry) {
        try {
            return catalog.parseWithoutEnvironment(entry.path()).name();
        } catch (JobFileException e) {
            return "";
        }
    }

    private List<JobCatalog.Entry> entries() {
        try {
            return catalog.entries();
        } catch (IllegalStateException e) {
            throw new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage());
        }
    }
}
