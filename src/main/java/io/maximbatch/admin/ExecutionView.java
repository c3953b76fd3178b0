package io.maximbatch.admin;

import io.maximbatch.report.StepOutcomes;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/** An execution as the API shows it; status names are Spring Batch's. */
record ExecutionView(long id, String job, String status, String exitCode, LocalDateTime startTime, LocalDateTime endTime,
                     boolean restartable, List<StepView> steps) {

    /** One step's counts; progress (0..1), rate (records/second) and eta are null when unknown. */
    record StepView(String name, String status, long read, long written, long alreadyDone, long rejected,
                    Double progress, Double rate, Duration eta) {

        static StepView of(StepExecution step, LocalDateTime now) {
            StepOutcomes outcomes = StepOutcomes.of(step);
            return new StepView(outcomes.step(), outcomes.status(), outcomes.read(), outcomes.written(),
                    outcomes.alreadyDone(), outcomes.rejected(), progress(step), rate(step, now), null);
        }

        private static Double progress(StepExecution step) {
            // The number of records to come is not known while a step reads; only a finished step is known to be whole.
            return step.getStatus() == BatchStatus.COMPLETED ? 1.0 : null;
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

    static boolean restartable(BatchStatus status) {
        return status == BatchStatus.FAILED || status == BatchStatus.STOPPED;
    }

    static ExecutionView of(JobExecution execution) {
        LocalDateTime now = LocalDateTime.now();
        return new ExecutionView(execution.getId(), execution.getJobInstance().getJobName(), execution.getStatus().name(),
                execution.getExitStatus().getExitCode(), execution.getStartTime(), execution.getEndTime(),
                restartable(execution.getStatus()),
                execution.getStepExecutions().stream()
                        .sorted(java.util.Comparator.comparingLong(StepExecution::getId))
                        .map(step -> StepView.of(step, now)).toList());
    }
}
