package io.maximbatch.cli;

import io.maximbatch.jobfile.JobFileException;
import io.maximbatch.jobfile.JobRuns;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Resumes a failed, stopped or crashed execution from where it stopped.")
final class RestartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<execution-id>")
    long executionId;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ConfigurableApplicationContext context = BatchContext.start(Map.of())) {
            JobRuns runs = context.getBean(JobRuns.class);
            JobExecution execution;
            try {
                execution = runs.restart(executionId, out::println);
            } catch (JobFileException e) {
                e.problems().forEach(err::println);
                return MaximBatchCommand.USAGE;
            } catch (IllegalArgumentException | IllegalStateException e) {
                err.println("maxim-batch: " + Messages.of(e));
                return MaximBatchCommand.USAGE;
            }
            return Summary.print(execution, out, "Resume with: java -jar target/maxim-batch.jar restart " + execution.getId());
        }
    }
}
