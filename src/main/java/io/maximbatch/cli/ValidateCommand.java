package io.maximbatch.cli;

import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.JobFileException;
import io.maximbatch.jobfile.JobFileParser;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks a job file and its inputs (files present, headers), listing every problem. No call to MaxIM.")
final class ValidateCommand implements Callable<Integer> {

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
            spec.commandLine().getOut().println(jobFile + ": OK (job " + file.name() + ", " + file.steps().size() + " step(s))");
            return MaximBatchCommand.OK;
        } catch (JobFileException e) {
            e.problems().forEach(spec.commandLine().getErr()::println);
            return MaximBatchCommand.USAGE;
        }
    }
}
