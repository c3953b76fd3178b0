package io.maximbatch.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.source.CsvSource;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

/** What the API (and the dashboard) shows of a partitioned step while its partitions run elsewhere. */
class ExecutionViewTest {

    @Test
    void aRunningPartitionedStepShowsItsPartitionsSums() {
        JobExecution job = new JobExecution(7L, new JobInstance(1L, "big"), new JobParameters());
        StepExecution manager = new StepExecution(10L, "users", job);
        manager.setStatus(BatchStatus.STARTED);
        manager.setStartTime(LocalDateTime.now().minusSeconds(10));
        job.addStepExecution(manager);
        job.addStepExecution(partition(job, 11L, 0, 300, 500));
        job.addStepExecution(partition(job, 12L, 1, 100, 500));

        ExecutionView.StepView users = ExecutionView.of(job, false).steps().stream().filter(s -> s.name().equals("users")).findFirst()
                .orElseThrow();

        assertThat(users.read()).isEqualTo(400);
        assertThat(users.written()).isEqualTo(390);
        assertThat(users.rejected()).isEqualTo(10);
        assertThat(users.progress()).isEqualTo(0.4);
        assertThat(users.rate()).isBetween(30.0, 41.0);
        assertThat(users.eta()).isNotNull();
    }

    private static StepExecution partition(JobExecution job, long id, int index, int read, long size) {
        StepExecution partition = new StepExecution(id, "users:partition" + index, job);
        partition.setStatus(BatchStatus.STARTED);
        partition.setReadCount(read);
        partition.getExecutionContext().putLong("maxim.written", read - 5);
        partition.getExecutionContext().putLong("maxim.rejected", 5);
        partition.getExecutionContext().putLong(CsvSource.FIRST, index * size);
        partition.getExecutionContext().putInt(CsvSource.POSITION, (int) (index * size + read));
        partition.getExecutionContext().putLong(CsvSource.TOTAL_ESTIMATE, size);
        return partition;
    }
}
