package io.maximbatch.cli;

import io.maximbatch.execution.ExecutionQueries;
import io.maximbatch.execution.RunParameters;
import io.maximbatch.report.StepOutcomes;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Lists recent executions, or shows one: status, per-step counts, reject file.")
final class StatusCommand extends CliCommand {

    private static final int RECENT = 20;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<execution-id>")
    Long executionId;

    @Override
    int run() {
        PrintWriter out = out();
        try (ConfigurableApplicationContext context = BatchContext.start(Map.of())) {
            ExecutionQueries queries = context.getBean(ExecutionQueries.class);
            if (executionId != null) {
                JobExecution execution = queries.find(executionId).orElseThrow(() ->
                        new Usage(List.of("maxim-batch: no execution " + executionId)));
                out.println(header(execution));
                execution.getStepExecutions().stream()
                        .sorted(Comparator.comparingLong(StepExecution::getId))
                        .forEach(step -> out.println("  " + Summary.line(StepOutcomes.of(step))));
                String description = execution.getExitStatus().getExitDescription();
                if (description != null && !description.isBlank()) {
                    out.println("  Cause: " + description.lines().findFirst().orElse(""));
                }
                return MaximBatchCommand.OK;
            }
            List<JobExecution> executions = queries.recent(null, null, RECENT);
            if (executions.isEmpty()) {
                out.println("No executions yet.");
            }
            executions.forEach(e -> out.println(header(e)));
            return MaximBatchCommand.OK;
        }
    }

    private static String header(JobExecution e) {
        Map<String, String> parameters = RunParameters.userParameters(e.getJobParameters());
        return String.format("%d  %-24s %-10s started %s  ended %s%s", e.getId(), e.getJobInstance().getJobName(),
                e.getStatus(), e.getStartTime() == null ? "-" : e.getStartTime().withNano(0),
                e.getEndTime() == null ? "-" : e.getEndTime().withNano(0),
                parameters.isEmpty() ? "" : "  " + parameters);
    }
}
