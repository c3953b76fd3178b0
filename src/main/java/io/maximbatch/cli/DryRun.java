package io.maximbatch.cli;

import io.maximbatch.execution.DryRunPlan;
import io.maximbatch.execution.DryRuns;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * `run --dry-run`: the run with MaxIM's writes recorded instead of sent and its job database a throwaway copy; per step
 * the outcomes and the calls by endpoint, and the time at the job's rate. With --json, the plan is one JSON document on
 * standard output and the text goes to standard error.
 */
final class DryRun {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private DryRun() {
    }

    static int print(Path jobFile, Map<String, String> parameters, boolean fresh, boolean json, ConfigurableApplicationContext context,
                     PrintWriter out, PrintWriter err) throws Exception {
        PrintWriter text = json ? err : out;
        DryRunPlan plan = context.getBean(DryRuns.class).plan(jobFile, parameters, fresh, text::println);
        for (DryRunPlan.Step step : plan.steps()) {
            text.println(line(step));
            step.calls().forEach((endpoint, calls) -> text.printf("  %s: %d calls, %d items%n", endpoint, calls, step.items().get(endpoint)));
        }
        text.printf("Dry run: %d calls, about %s at %.0f requests/second. Nothing was sent.%n", plan.total().allCalls(),
                readable(Duration.ofSeconds(plan.seconds())), plan.rate());
        if (json) {
            out.println(JSON.writeValueAsString(plan));
        }
        if (plan.cause() != null) {
            text.println("The dry run ended " + plan.status() + ": " + plan.cause());
            return MaximBatchCommand.FAILED;
        }
        return MaximBatchCommand.OK;
    }

    private static String line(DryRunPlan.Step s) {
        return String.format("Step %s (%s): read %d, written %d, updated %d, already done %d, rejected %d, filtered %d%s", s.name(),
                s.type(), s.read(), s.written(), s.updated(), s.alreadyDone(), s.rejected(), s.filtered(),
                (s.pending() > 0 ? ", pending " + s.pending() : "") + (s.capped() > 0 ? ", capped " + s.capped() : "") + (s.rejects() == null ? "" : "  (rejects it foresees: " + s.rejects() + ")"));
    }

    private static String readable(Duration time) {
        long s = time.toSeconds();
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60) : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60)
                : s + " s";
    }
}
