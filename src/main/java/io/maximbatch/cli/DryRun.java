package io.maximbatch.cli;

import io.maximbatch.jobfile.JobFile;
import io.maximbatch.execution.Executions;
import io.maximbatch.jobfile.StepDefinition;
import io.maximbatch.step.Plan;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/** `run --dry-run`: each step's plan, the calls it takes and the time at the configured rate; nothing is sent or written. */
final class DryRun {

    private DryRun() {
    }

    static int print(JobFile file, Map<String, String> parameters, ConfigurableApplicationContext context, PrintWriter out, PrintWriter err) {
        Executions executions = context.getBean(Executions.class);
        double rate = executions.rateOf(file);
        List<Plan> plans;
        try {
            plans = executions.plan(file, parameters);
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("maxim-batch: " + Messages.of(e));
            return MaximBatchCommand.USAGE;
        }
        long calls = 0;
        for (int i = 0; i < plans.size(); i++) {
            StepDefinition<?> step = file.steps().get(i);
            out.println("Step " + step.name() + " (" + step.type() + "):");
            plans.get(i).lines().forEach(line -> out.println("  " + line));
            calls += plans.get(i).calls();
        }
        Duration time = Duration.ofMillis(Math.round(calls * 1000 / rate));
        out.printf("Dry run: %d calls, about %s at %.0f requests/second. Nothing was sent.%n", calls, readable(time), rate);
        return MaximBatchCommand.OK;
    }

    private static String readable(Duration time) {
        long s = time.toSeconds();
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60) : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60)
                : String.format("%.1f s", time.toMillis() / 1000.0);
    }
}
