package io.maximbatch.admin;

import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.JobFileException;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.jobfile.JobRuns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The job files of maxim.jobs-dir, and launching them. */
@RestController
@RequestMapping("/api/jobs")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
final class JobsController {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|passwd|secret|token|credential).*");

    private final JobFileParser parser;
    private final JobRepository repository;
    private final Launcher launcher;
    private final RestartPolicy restarts;
    private final Path jobsDir;

    JobsController(JobFileParser parser, JobRepository repository, Launcher launcher, RestartPolicy restarts,
                   @Value("${maxim.jobs-dir}") Path jobsDir) {
        this.parser = parser;
        this.repository = repository;
        this.launcher = launcher;
        this.restarts = restarts;
        this.jobsDir = jobsDir;
    }

    /** A job file; name is null and problems say why when the file cannot be read. */
    record JobView(String name, String file, String schedule, List<String> problems, ExecutionView lastExecution) {
    }

    @GetMapping
    List<JobView> jobs() {
        return jobFiles().stream().map(path -> {
            try {
                JobFile file = parser.parse(path);
                return new JobView(file.name(), path.getFileName().toString(), file.schedule(), List.of(), lastExecution(file.name()));
            } catch (JobFileException e) {
                return new JobView(null, path.getFileName().toString(), null, e.problems(), null);
            }
        }).toList();
    }

    @PostMapping("/{name}/executions")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ExecutionView launch(@PathVariable String name, @RequestBody(required = false) Map<String, String> parameters) {
        Map<String, String> checked = checked(parameters == null ? Map.of() : parameters);
        JobFile file = find(name);
        return restarts.view(launcher.launch(file, checked));
    }

    private static Map<String, String> checked(Map<String, String> parameters) {
        Map<String, String> checked = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (name == null || !NAME.matcher(name).matches()) {
                throw ApiProblem.badRequest("parameter names start with a letter and hold letters, digits, _ . -; got: " + name);
            }
            if (SECRET_NAME.matcher(name).matches()) {
                throw ApiProblem.badRequest("parameter " + name + " looks like a secret; job parameters are stored in the job"
                        + " database, so pass secrets through environment variables instead");
            }
            if (name.equals(JobRuns.RUN_ID) || name.equals(JobRuns.JOB_FILE) || name.equals(JobRuns.RUN_KEY)) {
                throw ApiProblem.badRequest("parameter name " + name + " is reserved by maxim-batch");
            }
            if (value == null) {
                throw ApiProblem.badRequest("parameter " + name + " has no value");
            }
            checked.put(name, value);
        });
        return checked;
    }

    private JobFile find(String name) {
        for (Path path : jobFiles()) {
            try {
                JobFile file = parser.parse(path);
                if (file.name().equals(name)) {
                    return file;
                }
            } catch (JobFileException e) {
                // A broken file is listed by GET /api/jobs with its problems; it cannot be the job asked for.
                if (path.getFileName().toString().equals(name + ".yml")) {
                    throw ApiProblem.badRequest(path.getFileName() + " has problems: " + String.join("; ", e.problems()));
                }
            }
        }
        throw ApiProblem.notFound("no job file in " + jobsDir.toAbsolutePath().normalize() + " names job " + name
                + " (see GET /api/jobs)");
    }

    private ExecutionView lastExecution(String job) {
        JobInstance instance = repository.getLastJobInstance(job);
        JobExecution last = instance == null ? null : repository.getLastJobExecution(instance);
        return last == null ? null : restarts.view(last);
    }

    private List<Path> jobFiles() {
        if (!Files.isDirectory(jobsDir)) {
            throw new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "jobs directory " + jobsDir.toAbsolutePath().normalize()
                    + " does not exist (set maxim.jobs-dir / MAXIM_JOBS_DIR)");
        }
        try (Stream<Path> list = Files.list(jobsDir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".yml") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + jobsDir, e);
        }
    }
}
