package io.maximbatch.cli;

import io.maximbatch.jobfile.JobRuns;
import io.maximbatch.report.StepOutcomes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Lists recent executions, or shows one: status, per-step counts, reject file.")
final class StatusCommand implements Callable<Integer> {

    private static final int RECENT = 20;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<execution-id>")
    Long executionId;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ConfigurableApplicationContext context = BatchContext.start(Map.of())) {
            JobRepository repository = context.getBean(JobRepository.class);
            if (executionId != null) {
                JobExecution execution = repository.getJobExecution(executionId);
                if (execution == null) {
                    spec.commandLine().getErr().println("maxim-batch: no execution " + executionId);
                    return MaximBatchCommand.USAGE;
                }
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
            List<JobExecution> executions = new ArrayList<>();
            for (String job : repository.getJobNames()) {
                for (JobInstance instance : repository.getJobInstances(job, 0, RECENT)) {
                    executions.addAll(repository.getJobExecutions(instance));
                }
            }
            if (executions.isEmpty()) {
                out.println("No executions yet.");
            }
            executions.stream().sorted(Comparator.comparingLong(JobExecution::getId).reversed()).limit(RECENT)
                    .forEach(e -> out.println(header(e)));
            return MaximBatchCommand.OK;
        }
    }

    private static String header(JobExecution e) {
        Map<String, String> parameters = JobRuns.userParameters(e.getJobParameters());
        return String.format("%d  %-24s %-10s started %s  ended %s%s", e.getId(), e.getJobInstance().getJobName(),
                e.getStatus(), e.getStartTime() == null ? "-" : e.getStartTime().withNano(0),
                e.getEndTime() == null ? "-" : e.getEndTime().withNano(0),
                parameters.isEmpty() ? "" : "  " + parameters);
    }
}
