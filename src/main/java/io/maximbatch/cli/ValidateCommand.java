package io.maximbatch.cli;

import io.maximbatch.execution.Executions;
import io.maximbatch.jobfile.JobFile;
import io.maximbatch.step.Check;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks a job file, its inputs (files present, headers, databases reachable) and every row with the",
                "steps' own rules, listing every problem (the first 20 per rule). No call to MaxIM.",
                "Exit 0: nothing would be rejected; 1: rows would be rejected; 2: the job file cannot be used."})
final class ValidateCommand extends CliCommand {

    private static final int SHOWN_PER_RULE = 20;

    @Mixin
    JobFileArguments arguments;

    @Override
    int run() {
        Path jobFile = arguments.jobFile;
        Map<String, String> given = arguments.checkedParameters();
        // Validation reads no job state: an in-memory database keeps it from touching (or locking) the real one.
        Map<String, Object> overrides = Map.of("spring.datasource.url", "jdbc:h2:mem:validate-" + UUID.randomUUID(),
                "spring.datasource.username", "sa", "spring.datasource.password", "");
        try (ConfigurableApplicationContext context = BatchContext.start(overrides)) {
            JobFile file = jobFile(context, jobFile);
            Check check;
            try {
                check = context.getBean(Executions.class).check(file, given);
            } catch (RuntimeException e) {
                // A source that cannot be read at all (a database that does not answer, a query that fails).
                throw new Usage(List.of(jobFile + ": " + Messages.of(e)));
            }
            PrintWriter out = out();
            check.warnings().forEach(warning -> out.println(jobFile + ": warning: " + warning));
            if (check.problems().isEmpty()) {
                out.println(jobFile + ": OK (job " + file.name() + ", " + file.steps().size() + " step(s)); no row would be rejected");
                return MaximBatchCommand.OK;
            }
            print(check.problems(), out);
            out.println(jobFile + ": " + check.problems().size() + " row(s) would be rejected; a run writes them to the reject reports");
            return MaximBatchCommand.FAILED;
        }
    }

    /** By source, then by rule in order of first appearance: the first rows of each rule, then how many more. */
    static void print(List<Check.Problem> problems, PrintWriter out) {
        Map<String, Map<String, List<Check.Problem>>> bySource = new LinkedHashMap<>();
        for (Check.Problem problem : problems) {
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
