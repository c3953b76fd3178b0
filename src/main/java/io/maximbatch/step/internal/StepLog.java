package io.maximbatch.step.internal;

import io.maximbatch.report.StepOutcomes;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * A step's start, its counts every 10 seconds, and its end, as log lines for whoever tails a service's log
 * (the job, execution and step come from the log context). Quiet on the command line, which prints its own.
 */
public final class StepLog implements StepExecutionListener, ChunkListener<Object, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(StepLog.class);
    private static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private StepExecution step;
    private long loggedAt;

    @Override
    public void beforeStep(StepExecution stepExecution) {
        step = stepExecution;
        loggedAt = System.nanoTime();
        LOG.info("step {} started", stepExecution.getStepName());
    }

    @Override
    public void afterChunk(Chunk<Object> chunk) {
        if (step != null && System.nanoTime() - loggedAt >= EVERY_NANOS) {
            loggedAt = System.nanoTime();
            LOG.info("step {}: {}", step.getStepName(), counts(step));
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        LOG.info("step {} ended {}: {}", stepExecution.getStepName(), stepExecution.getStatus(), counts(stepExecution));
        step = null;
        return null;
    }

    private static String counts(StepExecution step) {
        StepOutcomes outcomes = StepOutcomes.of(step);
        long seconds = step.getStartTime() == null ? 0 : Duration.between(step.getStartTime(), LocalDateTime.now()).toSeconds();
        return "read " + outcomes.read() + ", written " + outcomes.written() + ", already done " + outcomes.alreadyDone()
                + ", rejected " + outcomes.rejected() + (seconds > 0 ? String.format(", %.1f records/s", (double) outcomes.read() / seconds) : "");
    }
}
