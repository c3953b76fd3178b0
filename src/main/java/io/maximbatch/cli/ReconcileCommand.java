package io.maximbatch.cli;

import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.JobFileException;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.reconcile.ReconcileReport;
import io.maximbatch.reconcile.ReconcileService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Compares a job file's friendship and group sources with what MaxIM holds and writes a report.",
                "Exit code: 0 nothing missing, 1 something the sources expect is missing, 2 bad usage or configuration."})
final class ReconcileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<job-file>")
    Path jobFile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ConfigurableApplicationContext context = BatchContext.start(Map.of())) {
            JobFile file;
            try {
                file = context.getBean(JobFileParser.class).parse(jobFile);
                context.getBean(MaximClient.class);
            } catch (JobFileException e) {
                e.problems().forEach(err::println);
                return MaximBatchCommand.USAGE;
            } catch (RuntimeException e) {
                err.println("maxim-batch: " + Messages.of(e));
                return MaximBatchCommand.USAGE;
            }
            ReconcileReport report = context.getBean(ReconcileService.class).reconcile(file);
            report.summary().forEach(out::println);
            out.println("Report: " + report.file());
            return report.complete() ? MaximBatchCommand.OK : MaximBatchCommand.FAILED;
        }
    }
}
