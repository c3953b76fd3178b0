package io.maximbatch.cli;

import io.maximbatch.execution.Executions;
import io.maximbatch.jobfile.JobFileException;
import java.util.Map;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Resumes a failed, stopped or crashed execution from where it stopped.")
final class RestartCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "<execution-id>")
    long executionId;

    @Override
    int run() throws Exception {
        try (ConfigurableApplicationContext context = BatchContext.start(Map.of())) {
            JobExecution execution;
            try {
                execution = context.getBean(Executions.class).restart(executionId, out()::println);
            } catch (JobFileException e) {
                throw new Usage(e.problems());
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new Usage(e);
            } catch (RuntimeException e) {
                return jobDatabaseLost(e, "resume with: java -jar target/maxim-batch.jar restart " + executionId);
            }
            return Summary.print(execution, out(), "Resume with: java -jar target/maxim-batch.jar restart " + execution.getId());
        }
    }
}
