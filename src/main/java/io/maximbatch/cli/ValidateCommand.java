package io.maximbatch.cli;

import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.JobFileException;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.jobfile.JobRuns;
import io.maximbatch.jobfile.RowCheck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks a job file, its inputs (files present, headers, databases reachable) and every row with the",
                "steps' own rules, listing every problem (the first 20 per rule). No call to MaxIM.",
                "Exit 0: nothing would be rejected; 1: rows would be rejected; 2: the job file cannot be used."})
final class ValidateCommand implements Callable<Integer> {

    private static final int SHOWN_PER_RULE = 20;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<job-file>")
    Path jobFile;

    @Override
    public Integer call() {
        // Validation reads no job state: an in-memory database keeps it from touching (or locking) the real one.
        Map<String, Object> overrides = Map.of("spring.datasource.url", "jdbc:h2:mem:validate-" + UUID.randomUUID(),
                "spring.datasource.username", "sa", "spring.datasource.password", "");
        try (ConfigurableApplicationContext context = BatchContext.start(overrides)) {
            JobFile file = context.getBean(JobFileParser.class).parse(jobFile);
            RowCheck check;
            try {
                check = context.getBean(JobRuns.class).checkRows(file);
            } catch (RuntimeException e) {
                // A source that cannot be read at all (a database that does not answer, a query that fails).
                spec.commandLine().getErr().println(jobFile + ": " + Messages.of(e));
                return MaximBatchCommand.USAGE;
            }
            PrintWriter out = spec.commandLine().getOut();
            if (check.problems().isEmpty()) {
                out.println(jobFile + ": OK (job " + file.name() + ", " + file.steps().size() + " step(s)); no row would be rejected");
                return MaximBatchCommand.OK;
            }
            print(check.problems(), out);
            out.println(jobFile + ": " + check.problems().size() + " row(s) would be rejected; a run writes them to the reject reports");
            return MaximBatchCommand.FAILED;
        } catch (JobFileException e) {
            e.problems().forEach(spec.commandLine().getErr()::println);
            return MaximBatchCommand.USAGE;
        }
    }

    /** By source, then by rule in order of first appearance: the first rows of each rule, then how many more. */
    static void print(List<RowCheck.Problem> problems, PrintWriter out) {
        Map<String, Map<String, List<RowCheck.Problem>>> bySource = new LinkedHashMap<>();
        for (RowCheck.Problem problem : problems) {
            bySource.computeIfAbsent(problem.source(), s -> new LinkedHashMap<>())
                    .computeIfAbsent(problem.rule(), r -> new ArrayList<>()).add(problem);
        }
        bySource.forEach((source, byRule) -> {
            out.println(source + ": " + byRule.values().stream().mapToInt(List::size).sum() + " row(s) would be rejected");
            byRule.forEach((rule, rows) -> {
                out.println("  " + rule + ": " + rows.size() + " row(s)");
                rows.stream().limit(SHOWN_PER_RULE).forEach(p -> out.println("    line " + p.line() + ": " + p.reason()));
                if (rows.size() > SHOWN_PER_RULE) {
                    out.println("    ... and " + (rows.size() - SHOWN_PER_RULE) + " more");
                }
            });
        });
    }
}
