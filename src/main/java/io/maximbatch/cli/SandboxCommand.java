package io.maximbatch.cli;

import io.maximbatch.sandbox.SandboxFaults;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.convert.DurationStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Serves the MaxIM sandbox alone, until stopped (Ctrl-C).",
                "Point maxim-batch at it with MAXIM_API_ENDPOINT=http://127.0.0.1:<port> MAXIM_APP_ID=sandbox MAXIM_ACCESS_TOKEN=sandbox-token.",
                "GET /sandbox/state shows what it holds; PUT /sandbox/faults changes the fault switches."})
final class SandboxCommand extends CliCommand {

    @Option(names = "--port", defaultValue = "8089", description = "port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--app-id", defaultValue = "sandbox", description = "app_id the sandbox accepts (default: ${DEFAULT-VALUE})")
    String appId;

    @Option(names = "--access-token", description = "access-token the sandbox accepts (default: sandbox-token; env SANDBOX_ACCESS_TOKEN)",
            defaultValue = "${env:SANDBOX_ACCESS_TOKEN:-sandbox-token}")
    String accessToken;

    @Option(names = "--latency-ms", defaultValue = "0", description = "delay of every answer")
    long latencyMs;

    @Option(names = "--rate-limit", defaultValue = "0", description = "requests/second before HTTP 429 (0: none)")
    int rateLimit;

    @Option(names = "--p503", defaultValue = "0", description = "probability of HTTP 503 (nothing done)")
    double p503;

    @Option(names = "--p20000", defaultValue = "0", description = "probability of code 20000 (nothing done)")
    double p20000;

    @Option(names = "--pdrop", defaultValue = "0", description = "probability of dropping the answer after doing the work")
    double pdrop;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the fault dice")
    long seed;

    @Option(names = "--transaction-window", defaultValue = "60s", converter = DurationConverter.class,
            description = "how long a /message/send transaction_id is remembered, e.g. 60s, 5m (default: ${DEFAULT-VALUE})")
    Duration transactionWindow;

    @Override
    int run() throws Exception {
        PrintWriter out = out();
        SandboxFaults.Settings faults = new SandboxFaults.Settings(latencyMs, rateLimit, p503, p20000, pdrop, null, seed);
        SandboxServer server = SandboxServer.start(new SandboxOptions(port, appId, accessToken, faults, transactionWindow));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        out.println("MaxIM sandbox listening on " + server.endpoint() + " (app_id " + appId + "); nothing here reaches MaxIM.");
        out.printf("Faults: latency %d ms, rate limit %s, p503 %.3f, p20000 %.3f, pdrop %.3f; transaction_id remembered %d s%n", latencyMs,
                rateLimit == 0 ? "none" : rateLimit + "/s", p503, p20000, pdrop, transactionWindow.toSeconds());
        out.flush();
        stopped.await();
        return MaximBatchCommand.OK;
    }

    /** "60s", "5m", "500ms", as durations are written in the job files. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return DurationStyle.detectAndParse(value);
        }
    }
}
