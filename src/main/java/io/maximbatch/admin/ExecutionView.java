package io.maximbatch.admin;

import io.maximbatch.report.StepOutcomes;
import io.maximbatch.source.SourceProgress;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/** An execution as the API shows it; status names are Spring Batch's. */
record ExecutionView(long id, String job, String status, String exitCode, String exitMessage, LocalDateTime startTime,
                     LocalDateTime endTime, boolean restartable, List<StepView> steps) {

    private static final int MESSAGE_LENGTH = 500;

    /** One step's counts (capped: campaign targets the frequency cap skipped); progress (0..1), rate (records/second) and eta are null when unknown. */
    record StepView(String name, String status, long read, long written, long updated, long alreadyDone, long rejected,
                    Double progress, Double rate, Duration eta, long pending, long capped) {

        static StepView of(StepExecution step, LocalDateTime now) {
            StepOutcomes outcomes = StepOutcomes.of(step);
            Double rate = rate(step, now);
            Optional<SourceProgress> read = SourceProgress.of(step.getExecutionContext());
            // A finished step is whole; a running one is as far as its CSV reader got (unknown for other sources).
            Double progress = step.getStatus() == BatchStatus.COMPLETED ? Double.valueOf(1.0) : read.map(SourceProgress::fraction).orElse(null);
            Duration eta = step.getStatus().isRunning() && rate != null && rate > 0 && read.isPresent()
                    ? Duration.ofSeconds(Math.round(read.get().remaining() / rate)) : null;
            return new StepView(outcomes.step(), outcomes.status(), outcomes.read(), outcomes.written(), outcomes.updated(),
                    outcomes.alreadyDone(), outcomes.rejected(), progress, rate, eta, outcomes.pending(), outcomes.capped());
        }

        /** A running step: a partitioned one shows its partitions' sums, saved by whichever process runs each. */
        static StepView running(StepExecution step, LocalDateTime now) {
            List<StepExecution> partitions = StepOutcomes.partitionsOf(step);
            if (partitions.isEmpty()) {
                return of(step, now);
            }
            StepOutcomes sums = StepOutcomes.sumOf(step, partitions);
            Optional<SourceProgress> read = SourceProgress.sumOf(partitions.stream().map(StepExecution::getExecutionContext).toList());
            long millis = step.getStartTime() == null ? 0 : Duration.between(step.getStartTime(), now).toMillis();
            Double rate = millis <= 0 ? null : sums.read() * 1000.0 / millis;
            Duration eta = rate != null && rate > 0 && read.isPresent() ? Duration.ofSeconds(Math.round(read.get().remaining() / rate)) : null;
            return new StepView(sums.step(), sums.status(), sums.read(), sums.written(), sums.updated(), sums.alreadyDone(), sums.rejected(),
                    read.map(SourceProgress::fraction).orElse(null), rate, eta, sums.pending(), sums.capped());
        }

        private static Double rate(StepExecution step, LocalDateTime now) {
            if (step.getStartTime() == null) {
                return null;
            }
            LocalDateTime end = step.getEndTime() != null ? step.getEndTime() : now;
            long millis = Duration.between(step.getStartTime(), end).toMillis();
            return millis <= 0 ? null : step.getReadCount() * 1000.0 / millis;
        }
    }

    /** restartable: as RestartPolicy decided. */
    static ExecutionView of(JobExecution execution, boolean restartable) {
        LocalDateTime now = LocalDateTime.now();
        return new ExecutionView(execution.getId(), execution.getJobInstance().getJobName(), execution.getStatus().name(),
                execution.getExitStatus().getExitCode(), message(execution.getExitStatus().getExitDescription()),
                execution.getStartTime(), execution.getEndTime(), restartable,
                execution.getStepExecutions().stream()
                        .sorted(Comparator.comparingLong(StepExecution::getId))
                        .map(step -> step.getStatus().isRunning() && !StepOutcomes.isPartition(step)
                                ? StepView.running(step, now) : StepView.of(step, now)).toList());
    }

    /** The exit description's first line (the failure cause, never a stack trace), or null. */
    private static String message(String description) {
        if (description == null || description.isBlank()) {
            return null;
        }
        String line = description.strip().lines().findFirst().orElse("");
        return line.length() > MESSAGE_LENGTH ? line.substring(0, MESSAGE_LENGTH) + "..." : line;
    }
}
