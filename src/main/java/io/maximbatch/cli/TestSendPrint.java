package io.maximbatch.cli;

import io.maximbatch.campaign.TestSendReport;
import io.maximbatch.campaign.TestSends;
import io.maximbatch.jobfile.JobFile;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.ConfigurableApplicationContext;

/** `run <campaign-job> --test-to L1,L2`: the test send, and what it sent to whom, what it could not, and the pushes' delivery. */
final class TestSendPrint {

    private TestSendPrint() {
    }

    static int send(ConfigurableApplicationContext context, JobFile file, Map<String, String> parameters, List<String> to, PrintWriter out,
                    PrintWriter err) throws InterruptedException {
        TestSendReport report;
        try {
            report = context.getBean(TestSends.class).send(file, parameters, to, err::println);
        } catch (IllegalArgumentException e) {
            throw new CliCommand.Usage(e);
        }
        out.println("Test send of " + report.job() + ": not recorded in the run's send ledger (a run still reaches these people once)"
                + " and not counted by any frequency cap.");
        for (TestSendReport.Sent sent : report.sent()) {
            String texts = sent.message().entrySet().stream().map(e -> e.getKey() + " \"" + e.getValue() + "\"").collect(Collectors.joining(", "));
            String answer = sent.failure() != null ? "  FAILED: " + sent.failure()
                    : sent.taskId() != null ? "  (task " + sent.taskId() + ")"
                    : sent.messageIds().isEmpty() ? "" : "  (message ids " + join(sent.messageIds()) + ")";
            out.println((sent.failure() != null ? "Not sent " : "Sent ") + sent.step() + "/" + sent.segment() + " to " + String.join(", ", sent.to())
                    + " (user ids " + join(sent.userIds()) + "): " + texts + answer);
        }
        report.notSent().forEach(n -> out.println("Not sent to " + n.legacyId() + ": " + n.code() + " " + n.reason()));
        report.delivery().forEach(d -> out.println("Delivery of task " + d.taskId() + ": " + figures(d.figures())));
        if (report.deliveryProblem() != null) {
            out.println("Delivery not available: " + report.deliveryProblem());
        }
        if (report.sent().isEmpty()) {
            err.println("maxim-batch: nothing was sent: none of the named people is in the ID map (see the lines above)");
            return MaximBatchCommand.USAGE;
        }
        return report.failed() ? MaximBatchCommand.FAILED : MaximBatchCommand.OK;
    }

    /** The channels' non-zero figures as MaxIM names them; all zero is said so. */
    private static String figures(Map<String, Long> figures) {
        String nonZero = figures.entrySet().stream().filter(e -> e.getValue() != 0).map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        return nonZero.isEmpty() ? "no target, sent or received counted yet" : nonZero;
    }

    private static String join(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
