package io.maximbatch.cli;

import io.maximbatch.jobfile.JobFile;
import io.maximbatch.reconcile.ReconcileReport;
import io.maximbatch.reconcile.ReconcileService;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Compares a job file's friendship and group sources with what MaxIM holds and writes a report.",
                "Exit code: 0 nothing missing, 1 something the sources expect is missing, 2 bad usage or configuration."})
final class ReconcileCommand extends CliCommand {

    @Mixin
    JobFileArguments arguments;

    @Override
    int run() {
        Map<String, String> given = arguments.checkedParameters();
        try (ConfigurableApplicationContext context = BatchContext.start(Map.of())) {
            JobFile file = jobFile(context, arguments.jobFile);
            needsMaxim(context);
            ReconcileReport report;
            try {
                report = context.getBean(ReconcileService.class).reconcile(file, given);
            } catch (IllegalArgumentException e) {
                throw new Usage(e);
            }
            report.summary().forEach(out()::println);
            out().println("Report: " + report.file());
            return report.complete() ? MaximBatchCommand.OK : MaximBatchCommand.FAILED;
        }
    }
}
