package io.maximbatch.cli;

import io.maximbatch.delivery.CampaignDelivery;
import io.maximbatch.delivery.DeliveryReport;
import io.maximbatch.maxim.MaximException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "campaign-report", mixinStandardHelpOptions = true,
        description = {"Fetches the delivery of a campaign execution's run from MaxIM (/push/task/detail for the tasks of its push"
                + " batches, a resumed run's included) and prints per channel and in total: targets, sent, delivered, unreachable"
                + " (targets - sent) and the delivery rate (delivered / targets), and per push step. The figures are stored as the"
                + " execution's latest (the API and the dashboard show them).",
                "Exit code: 0 done, 1 MaxIM did not answer, 2 bad usage or no push in that execution."})
final class CampaignReportCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "<execution-id>", description = "any execution of the campaign's run (see `status`)")
    long executionId;

    @Option(names = "--json", description = "print the report as one JSON document")
    boolean json;

    @Override
    int run() {
        try (ConfigurableApplicationContext context = BatchContext.start(Map.of())) {
            needsMaxim(context);
            DeliveryReport report;
            try {
                report = context.getBean(CampaignDelivery.class).fetch(executionId);
            } catch (CampaignDelivery.NoDelivery e) {
                throw new Usage(List.of("maxim-batch: " + e.getMessage()));
            } catch (MaximException e) {
                err().println("maxim-batch: the delivery could not be fetched: " + Messages.of(e));
                return MaximBatchCommand.FAILED;
            }
            if (json) {
                out().println(report.json());
            } else {
                print(out(), report);
            }
            return MaximBatchCommand.OK;
        }
    }

    /** A small table: the channels with targets or sends, the total, then one line per push step. */
    static void print(PrintWriter out, DeliveryReport report) {
        out.printf("Delivery of execution %d (job %s), fetched %s%n", report.execution(), report.job(), report.fetchedAt());
        String row = "%-10s %10s %10s %10s %12s %8s%n";
        out.printf(row, "channel", "targets", "sent", "delivered", "unreachable", "rate");
        report.channels().forEach((channel, f) -> {
            if (f.targets() > 0 || f.sent() > 0) {
                out.printf(row, channel, f.targets(), f.sent(), f.delivered(), f.unreachable(), rate(f));
            }
        });
        DeliveryReport.Figures t = report.total();
        out.printf(row, "total", t.targets(), t.sent(), t.delivered(), t.unreachable(), rate(t));
        for (DeliveryReport.Step step : report.steps()) {
            out.printf("step %s: %d task(s), %d target(s), %d sent, %d delivered (%s)%s%n", step.name(), step.tasks(), step.total().targets(),
                    step.total().sent(), step.total().delivered(), rate(step.total()), step.unknown().batches() == 0 ? ""
                            : "; unknown: " + step.unknown().batches() + " batch(es) of " + step.unknown().audience()
                            + " target(s) with no task id or not reported by MaxIM");
        }
    }

    private static String rate(DeliveryReport.Figures figures) {
        return figures.deliveryRate() == null ? "-" : String.format("%.1f %%", figures.deliveryRate() * 100);
    }
}
