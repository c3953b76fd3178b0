package io.maximbatch.cli;

import io.maximbatch.report.StepOutcomes;
import io.maximbatch.source.SourceProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A progress line while a job runs, read from the job repository (what has been committed): on a terminal it
 * is redrawn every second, otherwise a line is printed every 30 seconds.
 */
final class JobProgress implements AutoCloseable {

    private final ScheduledExecutorService timer;
    private final boolean terminal;
    private final PrintWriter err;
    private boolean drawn;

    private JobProgress(ScheduledExecutorService timer, boolean terminal, PrintWriter err) {
        this.timer = timer;
        this.terminal = terminal;
        this.err = err;
    }

    static JobProgress start(ConfigurableApplicationContext context, String jobName, PrintWriter err) {
        boolean terminal = System.console() != null;
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "progress");
            thread.setDaemon(true);
            return thread;
        });
        JobProgress progress = new JobProgress(timer, terminal, err);
        JobRepository repository = context.getBean(JobRepository.class);
        long period = terminal ? 1 : 30;
        timer.scheduleAtFixedRate(() -> progress.show(repository, jobName), period, period, TimeUnit.SECONDS);
        return progress;
    }

    private synchronized void show(JobRepository repository, String jobName) {
        try {
            Set<JobExecution> running = repository.findRunningJobExecutions(jobName);
            for (JobExecution execution : running) {
                for (StepExecution step : execution.getStepExecutions()) {
                    if (step.getStatus().isRunning() && !StepOutcomes.isPartition(step)) {
                        List<StepExecution> partitions = execution.getStepExecutions().stream().filter(StepOutcomes::isPartition)
                                .filter(p -> StepOutcomes.jobFileStep(p.getStepName()).equals(step.getStepName())).toList();
                        print(step, partitions.isEmpty() ? List.of(step) : partitions);
                    }
                }
            }
        } catch (RuntimeException e) {
            // Progress is a courtesy: a failed look-up must never disturb the job.
        }
    }

    /** One line for the step: its own counts, or the sums of its partitions' (each saved by whichever process runs it). */
    private void print(StepExecution step, List<StepExecution> parts) {
        long read = 0;
        long written = 0;
        long alreadyDone = 0;
        long rejected = 0;
        long position = 0;
        long total = 0;
        for (StepExecution part : parts) {
            StepOutcomes o = StepOutcomes.of(part);
            read += o.read();
            written += o.written();
            alreadyDone += o.alreadyDone();
            rejected += o.rejected();
            Optional<SourceProgress> progress = SourceProgress.of(part.getExecutionContext());
            position += progress.map(SourceProgress::position).orElse(0L);
            total += progress.map(SourceProgress::total).orElse(0L);
        }
        double seconds = step.getStartTime() == null ? 0
                : Duration.between(step.getStartTime(), LocalDateTime.now()).toMillis() / 1000.0;
        double rate = seconds > 0 ? read / seconds : 0;
        SourceProgress progress = new SourceProgress(position, total);
        String eta = total > 0 && rate > 0
                ? String.format(", %d%%, ETA %s", Math.round(progress.fraction() * 100), duration((long) (progress.remaining() / rate)))
                : "";
        String line = String.format("%s: %d read, %d written, %d already done, %d rejected, %.0f items/s%s",
                step.getStepName(), read, written, alreadyDone, rejected, rate, eta);
        if (terminal) {
            err.print("\r" + line + "   ");
            drawn = true;
        } else {
            err.println(line);
        }
        err.flush();
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
