package io.maximbatch.cli;

import io.maximbatch.execution.RunParameters;
import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.JobFileException;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.maxim.MaximClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every command has: its output streams, and the way it refuses bad usage, a bad job file or bad configuration:
 * the problem in plain lines and exit code 2, never a stack trace.
 */
abstract class CliCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", description = "print log lines of every library and stack traces on the console too (they are always in the log file)")
    boolean debug;

    /** The command's work; its exit code. */
    abstract int run() throws Exception;

    @Override
    public final Integer call() throws Exception {
        if (debug) {
            System.setProperty(ConsoleLog.DEBUG, "true");
            System.setProperty(ConsoleLog.EXCEPTIONS, "%wEx");
        }
        try {
            return run();
        } catch (Usage usage) {
            usage.lines.forEach(err()::println);
            return MaximBatchCommand.USAGE;
        } finally {
            if (debug) {
                System.clearProperty(ConsoleLog.DEBUG);
                System.clearProperty(ConsoleLog.EXCEPTIONS);
            }
        }
    }

    /** The command cannot go on as asked (exit code 2); lines say why. */
    static final class Usage extends RuntimeException {
        private final List<String> lines;

        Usage(List<String> lines) {
            super(String.join("; ", lines));
            this.lines = lines;
        }

        Usage(Throwable cause) {
            this(List.of("maxim-batch: " + Messages.of(cause)));
        }
    }

    /**
     * Ends a run whose job database went away under it: one line that says so and how to resume, exit code 1 (the
     * stack trace goes to the log file); any other failure is thrown on.
     */
    int jobDatabaseLost(RuntimeException e, String resume) {
        if (!Messages.jobDatabaseLost(e)) {
            throw e;
        }
        ConsoleLog.record(e);
        err().println("maxim-batch: the job database was lost during the run (" + Messages.of(e) + "). Once it is back, " + resume);
        return MaximBatchCommand.FAILED;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The job file, read and checked; its problems end the command with exit code 2. */
    static JobFile jobFile(ConfigurableApplicationContext context, Path path) {
        try {
            return context.getBean(JobFileParser.class).parse(path);
        } catch (JobFileException e) {
            throw new Usage(e.problems());
        }
    }

    /** The job file, read and checked but for the environment it needs (a key): for commands that never use it. */
    static JobFile jobFileWithoutEnvironment(ConfigurableApplicationContext context, Path path) {
        try {
            return context.getBean(JobFileParser.class).parseWithoutEnvironment(path);
        } catch (JobFileException e) {
            throw new Usage(e.problems());
        }
    }

    /** name=value job parameters as given on the command line, checked as a run checks them; a bad one is exit code 2. */
    static Map<String, String> jobParameters(List<String> given) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String parameter : given) {
            int equals = parameter.indexOf('=');
            if (equals < 0) {
                throw new Usage(List.of("maxim-batch: job parameters are name=value, got: " + parameter));
            }
            parameters.put(parameter.substring(0, equals), parameter.substring(equals + 1));
        }
        try {
            return RunParameters.checked(parameters);
        } catch (IllegalArgumentException e) {
            throw new Usage(e);
        }
    }

    /** Makes sure MaxIM's settings are complete before anything starts; a missing one ends the command with exit code 2. */
    static void needsMaxim(ConfigurableApplicationContext context) {
        try {
            context.getBean(MaximClient.class);
        } catch (RuntimeException e) {
            throw new Usage(e);
        }
    }
}
