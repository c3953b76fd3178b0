package io.maximbatch.cli;

import io.maximbatch.execution.DryRuns;
import io.maximbatch.execution.Executions;
import io.maximbatch.jobfile.JobFile;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a job file. Running it again with the same parameters resumes its last unfinished execution.",
                "Exit code: 0 completed, 1 failed or stopped (resumable), 2 bad usage, job file or configuration."})
final class RunCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "<job-file>", description = "the job file, e.g. jobs/legacy-migration.yml")
    Path jobFile;

    @Parameters(index = "1..*", paramLabel = "name=value", description = "job parameters (identify the run)")
    List<String> parameters = List.of();

    @Option(names = "--sandbox", description = "run against an in-process MaxIM sandbox with an in-memory job database: nothing reaches MaxIM")
    boolean sandbox;

    @Option(names = "--new", description = "start a new run even if an unfinished one with the same parameters exists")
    boolean fresh;

    @Option(names = "--dry-run", description = "read and resolve everything and print what would be sent, how many calls and how long; sends nothing, writes nothing")
    boolean dryRun;

    @Option(names = "--json", description = "with --dry-run: the plan as one JSON document on standard output (text on standard error)")
    boolean json;

    @Option(names = "--test-to", paramLabel = "<legacy_id,...>", split = ",", description = "a test send: the campaign steps' messages,"
            + " filled as a run fills them, to these people only; not recorded in the run's send ledger (a run still reaches them once)")
    List<String> testTo;

    @Override
    int run() throws Exception {
        PrintWriter out = out();
        PrintWriter err = err();
        Map<String, String> jobParameters = jobParameters(parameters);
        Map<String, Object> overrides = new HashMap<>();
        SandboxServer server = null;
        if (sandbox) {
            server = SandboxServer.start(SandboxOptions.defaults());
            overrides.put("maxim.api-endpoint", server.endpoint().toString());
            overrides.put("maxim.app-id", SandboxOptions.defaults().appId());
            overrides.put("maxim.access-token", SandboxOptions.defaults().accessToken());
            // A rehearsal must never touch the real ID map: its user ids exist only in this sandbox.
            overrides.put("spring.datasource.url", "jdbc:h2:mem:sandbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            overrides.put("spring.datasource.username", "sa");
            overrides.put("spring.datasource.password", "");
            // Worker processes cannot reach an in-memory job database: partitions run on threads here.
            overrides.put("maxim.workers", "local");
            if (dryRun) {
                // The job database is in memory and thrown away: the dry run runs in this very context.
                overrides.put(DryRuns.DRY_RUN, "true");
            }
            // With --json, standard output holds the plan alone.
            (json ? err : out).println("SANDBOX: calls go to an in-process MaxIM sandbox at " + server.endpoint()
                    + "; nothing reaches MaxIM. Job state is kept in memory and discarded at exit.");
        }
        try (ConfigurableApplicationContext context = BatchContext.start(overrides)) {
            JobFile file = jobFile(context, jobFile);
            if (testTo != null) {
                if (dryRun || json || fresh) {
                    throw new Usage(List.of("maxim-batch: --test-to does not go with --dry-run, --json or --new"));
                }
                needsMaxim(context);
                return TestSendPrint.send(context, file, jobParameters, testTo, out, err);
            }
            if (dryRun) {
                try {
                    return DryRun.print(jobFile, jobParameters, fresh, json, context, out, err);
                } catch (IllegalArgumentException | IllegalStateException e) {
                    throw new Usage(e);
                }
            }
            if (json) {
                throw new Usage(new IllegalArgumentException("--json goes with --dry-run"));
            }
            needsMaxim(context);
            Executions runs = context.getBean(Executions.class);
            try (JobProgress progress = JobProgress.start(context, file.name(), err);
                 StopOnSignal signals = new StopOnSignal(runs, err)) {
                JobExecution execution;
                JobExecution[] started = {null};
                try {
                    execution = runs.run(file, jobParameters, fresh, out::println, run -> {
                        started[0] = run;
                        signals.started(run);
                    });
                } catch (IllegalArgumentException | IllegalStateException e) {
                    // The job could not be built or launched as asked (a template without its parameter, a job running elsewhere).
                    progress.close();
                    throw new Usage(e);
                } catch (RuntimeException e) {
                    // The run could not record its end: what it did is kept (ledgers commit first), and a resume finds its place.
                    progress.close();
                    return jobDatabaseLost(e, resumeHint(started[0]).replaceFirst("^Resume", "resume"));
                }
                progress.close();
                return Summary.print(execution, out, resumeHint(execution));
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private String resumeHint(JobExecution execution) {
        if (sandbox) {
            return "This was a sandbox run: its state is gone. Fix the cause and run it again.";
        }
        StringBuilder command = new StringBuilder("java -jar target/maxim-batch.jar run ").append(jobFile);
        parameters.forEach(p -> command.append(' ').append(p));
        return "Resume with: " + command + (execution == null ? "" : "   (or: java -jar target/maxim-batch.jar restart " + execution.getId() + ")");
    }
}
