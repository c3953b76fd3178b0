package io.maximbatch.cli;

import io.maximbatch.maxim.MaximClient;
import io.maximbatch.schedule.ScheduledJobs;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the scheduled jobs of maxim.jobs-dir (default ./jobs; env MAXIM_JOBS_DIR) until stopped (Ctrl-C or SIGTERM).",
                "Each slot of a job's `schedule:` is its own job instance: it runs once, even with several serve processes on one"
                        + " PostgreSQL job database. After downtime only the latest missed slot runs, once.",
                "Serves the HTTP admin API on --port (on 127.0.0.1 unless server.address says otherwise; HTTPS with server.ssl.*), with the bearer token maxim.admin.token"
                        + " (env MAXIM_ADMIN_TOKEN, at least 32 characters); when none is set, one is generated into ./data/admin-token (readable by you only).",
                "Exit code: 2 bad configuration."})
final class ServeCommand extends CliCommand {

    @Option(names = "--port", defaultValue = "8080", description = "port of the admin API (default: ${DEFAULT-VALUE})")
    int port;

    @Override
    int run() throws Exception {
        PrintWriter out = out();
        PrintWriter err = err();
        BatchContext.Server server = BatchContext.startServer(Map.of(ScheduledJobs.ENABLED, "true"), port);
        ConfigurableApplicationContext context = server.context();
        CountDownLatch stopped = new CountDownLatch(1);
        ScheduledJobs.Started started;
        try {
            context.getBean(MaximClient.class);
            started = context.getBean(ScheduledJobs.class).schedule();
        } catch (RuntimeException e) {
            context.close();
            err.println("maxim-batch: " + Messages.of(e));
            return MaximBatchCommand.USAGE;
        }
        // Closing the context stops a running slot at its next chunk boundary and waits for it (ScheduledJobs.stop).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            stopped.countDown();
        }, "serve-shutdown"));
        started.skipped().forEach(problem -> err.println("maxim-batch: skipped " + problem));
        if (started.scheduled().isEmpty()) {
            out.println("No job file in " + started.jobsDir() + " has a schedule; nothing to run.");
        }
        for (ScheduledJobs.Scheduled job : started.scheduled()) {
            out.println("Scheduled " + job.job() + " (" + job.file() + ") at \"" + job.schedule() + "\"; next slot "
                    + (job.nextSlot() == null ? "none" : DateTimeFormatter.ISO_INSTANT.format(job.nextSlot())));
        }
        if (server.tokenFile() != null) {
            out.println("Admin token written to " + server.tokenFile() + " (readable by you only; a new one at each start)");
            out.println("  (set maxim.admin.token / MAXIM_ADMIN_TOKEN, at least 32 characters, to choose your own)");
        }
        out.println("Admin API on port " + localPort(context) + " (Authorization: Bearer <token>). Serving scheduled jobs until stopped (Ctrl-C).");
        out.flush();
        stopped.await();
        return MaximBatchCommand.OK;
    }

    private int localPort(ConfigurableApplicationContext context) {
        return context instanceof WebServerApplicationContext web ? web.getWebServer().getPort() : port;
    }
}
