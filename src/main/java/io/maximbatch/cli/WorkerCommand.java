package io.maximbatch.cli;

import io.maximbatch.partition.PartitionWorker;
import java.io.PrintWriter;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;

@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Runs partitions of partitioned steps (partitions: N) for a manager, until stopped (Ctrl-C).",
                "The manager is a run, restart or serve with MAXIM_WORKERS=remote on the same PostgreSQL job database;"
                        + " the worker needs that database (SPRING_DATASOURCE_*), the MaxIM settings (MAXIM_*), and the job"
                        + " files and inputs at the same paths as the manager.",
                "A worker that dies fails only the partition it was running; restart the job to run it again."})
final class WorkerCommand extends CliCommand {

    @Override
    int run() throws Exception {
        PrintWriter out = out();
        try (ConfigurableApplicationContext context = BatchContext.start(Map.of())) {
            try (Connection connection = context.getBean(DataSource.class).getConnection()) {
                if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                    err().println("maxim-batch: a worker needs the manager's PostgreSQL job database"
                            + " (set SPRING_DATASOURCE_URL, _USERNAME and _PASSWORD); this one is "
                            + connection.getMetaData().getDatabaseProductName());
                    return MaximBatchCommand.USAGE;
                }
            }
            CountDownLatch ended = new CountDownLatch(1);
            Thread main = Thread.currentThread();
            var running = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread hook = new Thread(() -> {
                running.set(false);
                try {
                    // Between partitions the loop ends within a second; a running partition is lost with the process.
                    ended.await(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    main.interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("Worker ready: waiting for partitions on the job database (Ctrl-C to stop).");
            out.flush();
            try {
                context.getBean(PartitionWorker.class).run(running::get, notice -> {
                    out.println(notice);
                    out.flush();
                });
            } finally {
                ended.countDown();
            }
            return MaximBatchCommand.OK;
        }
    }
}
