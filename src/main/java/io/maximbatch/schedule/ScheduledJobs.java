package io.maximbatch.schedule;

import io.maximbatch.execution.ExecutionQueries;
import io.maximbatch.execution.Executions;
import io.maximbatch.execution.Executions.SlotRun;
import io.maximbatch.execution.JobCatalog;
import io.maximbatch.execution.RunExecutor;
import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.JobFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.TriggerContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/**
 * Launches the job files of maxim.jobs-dir that have a schedule, one job instance per slot (run-key = slot time),
 * so that a slot runs once even with several `serve` processes on one job database. Only `serve` creates it.
 */
@Component
@ConditionalOnProperty(name = ScheduledJobs.ENABLED, havingValue = "true")
public final class ScheduledJobs implements SmartLifecycle {

    /** Set by `serve` only, so that the other commands never start a scheduler. */
    public static final String ENABLED = "maxim.serve";
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledJobs.class);
    private static final long STOP_WAIT_SECONDS = 60;

    private final Executions executions;
    private final JobCatalog catalog;
    private final ExecutionQueries queries;
    private final RunExecutor runs;
    private final FirstSeen firstSeen;
    private final ZoneId zone = ZoneId.systemDefault();
    private volatile boolean closing;
    private ThreadPoolTaskScheduler scheduler;

    ScheduledJobs(Executions executions, JobCatalog catalog, ExecutionQueries queries, RunExecutor runs, FirstSeen firstSeen) {
        this.executions = executions;
        this.catalog = catalog;
        this.queries = queries;
        this.runs = runs;
        this.firstSeen = firstSeen;
    }

    /** A scheduled job and its next slot. */
    public record Scheduled(String job, String schedule, Path file, Instant nextSlot) {
    }

    /** What start found: the scheduled jobs, and the files skipped with their problems. */
    public record Started(Path jobsDir, List<Scheduled> scheduled, List<String> skipped) {
    }

    /** Reads the job files and schedules those with a schedule; throws IllegalStateException if the directory cannot be read. */
    public synchronized Started schedule() {
        if (scheduler != null) {
            throw new IllegalStateException("the scheduled jobs are already scheduled");
        }
        List<JobFile> files = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (JobCatalog.Entry entry : catalog.entries()) {
            if (entry.file() != null) {
                files.add(entry.file());
            } else {
                LOG.warn("{}: skipped, the job file has problems:{}{}", entry.path(), System.lineSeparator(),
                        String.join(System.lineSeparator(), entry.problems()));
                skipped.add(String.join("; ", entry.problems()));
            }
        }
        List<Scheduled> scheduled = new ArrayList<>();
        List<String> names = new ArrayList<>();
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("slot-");
        scheduler.setPoolSize(Math.max(1, (int) files.stream().filter(f -> f.schedule() != null).count()));
        // A running slot is stopped through Spring Batch at shutdown, never interrupted mid-chunk.
        scheduler.setWaitForTasksToCompleteOnShutdown(true);
        scheduler.initialize();
        // A slot not yet started when serve stops is left for the next serve (the missed-slot rule), not run now.
        scheduler.getScheduledThreadPoolExecutor().setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        for (JobFile file : files) {
            if (file.schedule() == null) {
                continue;
            }
            if (names.contains(file.name())) {
                LOG.warn("{}: skipped, another job file in {} is also called {}", file.path(), catalog.jobsDir(), file.name());
                skipped.add(file.path() + ": another job file is also called " + file.name());
                continue;
            }
            names.add(file.name());
            CronExpression cron = CronExpression.parse(file.schedule());
            ZonedDateTime next = cron.next(ZonedDateTime.now(zone));
            scheduled.add(new Scheduled(file.name(), file.schedule(), file.path(), next == null ? null : next.toInstant()));
            Instant seen = firstSeen.of(file.name(), Instant.now());
            scheduler.execute(() -> catchUpThenSchedule(file, cron, seen));
        }
        return new Started(catalog.jobsDir(), scheduled, skipped);
    }

    /**
     * The latest slot at or before now runs once (not every slot missed while no serve ran, and none from before the
     * job was first seen), then the cron takes over.
     */
    private void catchUpThenSchedule(JobFile file, CronExpression cron, Instant seen) {
        String ran = runLatestIfDue(file, cron, seen, null, "latest slot at start-up, not run yet; running it now");
        // A slot that fell due while the catch-up ran would otherwise wait for the next start of serve.
        runLatestIfDue(file, cron, seen, ran, "came while the start-up slot ran; running it now");
        if (!closing) {
            SlotTrigger trigger = new SlotTrigger(new CronTrigger(file.schedule(), zone));
            scheduler.schedule(() -> {
                String key = Slots.runKey(trigger.scheduled);
                runSlot(file.path(), key);
                // The cron plans from the end of this run: a slot that fell due meanwhile runs now, once.
                runLatestIfDue(file, cron, seen, key, "came while the previous slot ran; running it now");
            }, trigger);
        }
    }

    /** Runs the latest slot at or before now if it is not the one just run and has not completed; returns its key. */
    private String runLatestIfDue(JobFile file, CronExpression cron, Instant seen, String justRan, String why) {
        try {
            return Slots.latestDue(cron, ZonedDateTime.now(zone), seen).map(slot -> {
                String runKey = Slots.runKey(slot.toInstant());
                if (runKey.equals(justRan) || closing) {
                    return runKey;
                }
                JobExecution last = queries.lastOfSlot(file.name(), runKey).orElse(null);
                if (last == null || !(last.getStatus() == BatchStatus.COMPLETED || last.getStatus() == BatchStatus.ABANDONED)) {
                    LOG.info("{} slot {}: {}", file.name(), runKey, why);
                    runSlot(file.path(), runKey);
                }
                return runKey;
            }).orElse(null);
        } catch (RuntimeException e) {
            // The regular slots are still scheduled: one failed look-up must not end the job's schedule.
            LOG.error("{}: could not check the latest slot: {}", file.name(), e.toString());
            return justRan;
        }
    }

    /** Runs one slot in this thread; the next firing of the job is scheduled only after it returns, so runs never stack. */
    private void runSlot(Path path, String runKey) {
        if (closing) {
            return;
        }
        JobFile file;
        try {
            // Read again at each slot, so that an edited job file takes effect without restarting serve.
            file = catalog.parse(path);
        } catch (JobFileException e) {
            LOG.warn("{} slot {}: not run, the job file has problems:{}{}", path, runKey, System.lineSeparator(),
                    String.join(System.lineSeparator(), e.problems()));
            return;
        }
        try {
            SlotRun[] result = new SlotRun[1];
            runs.tracked(started -> {
                result[0] = executions.runSlot(file, runKey, notice -> LOG.info("{} slot {}: {}", file.name(), runKey, notice), started);
                return result[0].execution();
            }, execution -> { });
            LOG.info("{} slot {}: {}", file.name(), runKey, describe(result[0]));
        } catch (Exception e) {
            LOG.error("{} slot {}: could not be run: {}", file.name(), runKey, e.toString());
        }
    }

    private static String describe(SlotRun result) {
        return switch (result.outcome()) {
            case ALREADY_COMPLETE -> "already complete";
            case ALREADY_RUNNING -> "already running in another process";
            case ABANDONED -> "abandoned (execution " + result.execution().getId() + "), not run again";
            case RAN -> switch (result.execution().getStatus()) {
                case COMPLETED -> "completed (execution " + result.execution().getId() + ")";
                case STOPPED -> "stopped (execution " + result.execution().getId() + "); the next serve start resumes it if it is still the latest slot";
                default -> result.execution().getStatus().toString().toLowerCase() + " (execution " + result.execution().getId()
                        + ", exit " + result.execution().getExitStatus().getExitCode() + "); resume with `restart "
                        + result.execution().getId() + "`";
            };
        };
    }

    /** Scheduling starts with {@link #schedule()}, which `serve` calls; never on its own. */
    @Override
    public boolean isAutoStartup() {
        return false;
    }

    @Override
    public void start() {
        // Nothing: only stop() matters to the context; see schedule().
    }

    @Override
    public boolean isRunning() {
        return scheduler != null && !closing;
    }

    /**
     * Stops the slots this process is running at their next chunk boundary and waits for them to end. Called when the
     * context closes, before any bean (the job database's pool included) is destroyed.
     */
    @Override
    public synchronized void stop() {
        if (scheduler == null || closing) {
            return;
        }
        closing = true;
        // The slots run through the run executor, which knows their executions: each stops at its next chunk boundary.
        runs.stopAll();
        scheduler.shutdown();
        try {
            if (!scheduler.getScheduledThreadPoolExecutor().awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("a slot did not stop within {} s; its execution is recovered and resumed by the next run", STOP_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A cron trigger that remembers the time it last scheduled, which is the slot of the firing that follows. */
    private final class SlotTrigger implements Trigger {
        private final CronTrigger cron;
        private volatile Instant scheduled;

        SlotTrigger(CronTrigger cron) {
            this.cron = cron;
        }

        @Override
        public Instant nextExecution(TriggerContext context) {
            scheduled = closing ? null : cron.nextExecution(context);
            return scheduled;
        }
    }
}
