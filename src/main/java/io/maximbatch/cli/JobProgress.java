package io.maximbatch.cli;

import io.maximbatch.maxim.CallGuard;
import io.maximbatch.report.StepOutcomes;
import io.maximbatch.source.SourceProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * A progress line while a job runs, read from the job repository (what has been committed): on a terminal it
 * is redrawn every second, otherwise a line is printed every 30 seconds.
 */
final class JobProgress implements AutoCloseable {

    private final ScheduledExecutorService timer;
    private final boolean terminal;
    private final PrintWriter err;
    private final CallGuard calls;
    private boolean drawn;
    private double callsBefore;
    private long nanosBefore = System.nanoTime();

    private JobProgress(ScheduledExecutorService timer, boolean terminal, PrintWriter err, CallGuard calls) {
        this.timer = timer;
        this.terminal = terminal;
        this.err = err;
        this.calls = calls;
    }

    static JobProgress start(ConfigurableApplicationContext context, String jobName, PrintWriter err) {
        boolean terminal = System.console() != null;
        CustomizableThreadFactory threads = new CustomizableThreadFactory("progress-");
        threads.setDaemon(true);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(threads);
        JobProgress progress = new JobProgress(timer, terminal, err, context.getBeanProvider(CallGuard.class).getIfAvailable());
        JobRepository repository = context.getBean(JobRepository.class);
        long period = terminal ? 1 : 30;
        timer.scheduleAtFixedRate(() -> progress.show(repository, jobName), period, period, TimeUnit.SECONDS);
        return progress;
    }

    private synchronized void show(JobRepository repository, String jobName) {
        try {
            String calls = calls();
            Set<JobExecution> running = repository.findRunningJobExecutions(jobName);
            for (JobExecution execution : running) {
                for (StepExecution step : execution.getStepExecutions()) {
                    if (step.getStatus().isRunning() && !StepOutcomes.isPartition(step)) {
                        List<StepExecution> partitions = StepOutcomes.partitionsOf(step);
                        print(step, partitions.isEmpty() ? List.of(step) : partitions, calls);
                    }
                }
            }
        } catch (RuntimeException e) {
            // Progress is a courtesy: a failed look-up must never disturb the job.
        }
    }

    /** One line for the step: its own counts, or the sums of its partitions' (each saved by whichever process runs it). */
    private void print(StepExecution step, List<StepExecution> parts, String calls) {
        StepOutcomes o = StepOutcomes.sumOf(step, parts);
        double seconds = step.getStartTime() == null ? 0
                : Duration.between(step.getStartTime(), LocalDateTime.now()).toMillis() / 1000.0;
        double rate = seconds > 0 ? o.read() / seconds : 0;
        String eta = SourceProgress.sumOf(parts.stream().map(StepExecution::getExecutionContext).toList()).filter(p -> rate > 0)
                .map(p -> String.format(", %d%%, ETA %s", Math.round(p.fraction() * 100), duration((long) (p.remaining() / rate))))
                .orElse("");
        String line = String.format("%s: %d read, %d written, %d updated, %d already done, %d rejected, %.0f items/s%s%s",
                o.step(), o.read(), o.written(), o.updated(), o.alreadyDone(), o.rejected(), rate, eta, calls);
        if (terminal) {
            err.print("\r" + line + "   ");
            drawn = true;
        } else {
            err.println(line);
        }
        err.flush();
    }

    /**
     * This process's MaxIM calls so far and their pace since the last line: the only sign of progress of a step that
     * counts no rows until it ends (reconcile, the rewrite pass's look-ups).
     */
    private String calls() {
        if (calls == null) {
            return "";
        }
        double total = calls.attempts();
        long now = System.nanoTime();
        double pace = (total - callsBefore) / Math.max(1e-3, (now - nanosBefore) / 1e9);
        callsBefore = total;
        nanosBefore = now;
        return String.format("; MaxIM calls: %.0f, %.0f/s", total, pace);
    }

    private static String duration(long seconds) {
        long s = Math.max(0, seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60) : String.format("%dm%02ds", s / 60, s % 60);
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
        if (drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }
}
