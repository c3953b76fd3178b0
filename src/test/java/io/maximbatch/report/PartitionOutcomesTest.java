package io.maximbatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

/** What the job's cause says of a partition a worker saved as failed: its messages, not exception names or traces. */
class PartitionOutcomesTest {

    @Test
    void aWorkersFailedPartitionIsDescribedByItsMessages() {
        assertThat(PartitionOutcomes.why(failed("io.maximbatch.maxim.MaximException: code 10008 invalid access-token\n"
                + "\tat io.maximbatch.maxim.MaximClient.call(MaximClient.java:1)\n")))
                .isEqualTo("partition2 FAILED: code 10008 invalid access-token");
        assertThat(PartitionOutcomes.why(failed("org.springframework.batch.core.job.JobInterruptedException; 45 records rejected,"
                + " more than the step's skip-limit of 20; see the reject report")))
                .isEqualTo("partition2 FAILED: 45 records rejected, more than the step's skip-limit of 20; see the reject report");
        assertThat(PartitionOutcomes.why(failed("the worker running it stopped (its database session ended)")))
                .isEqualTo("partition2 FAILED: the worker running it stopped (its database session ended)");
    }

    private static StepExecution failed(String description) {
        JobExecution job = new JobExecution(1L, new JobInstance(1L, "job"), new JobParameters());
        StepExecution partition = new StepExecution(3L, "users:partition2", job);
        partition.setStatus(BatchStatus.FAILED);
        partition.setExitStatus(ExitStatus.FAILED.addExitDescription(description));
        return partition;
    }
}
