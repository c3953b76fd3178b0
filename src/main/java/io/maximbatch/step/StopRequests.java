package io.maximbatch.step;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether an operator (this process's API or another process) has asked an execution to stop. Spring Batch 6
 * marks it STOPPING, or STOPPED at once, while its step is still running.
 */
@Component
public final class StopRequests {

    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final JdbcTemplate jdbc;

    public StopRequests(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** A check for one execution that asks the job database at most twice a second, however many threads ask it. */
    public BooleanSupplier of(long jobExecutionId) {
        return new BooleanSupplier() {
            private long checkedAt = System.nanoTime();
            private boolean requested;

            @Override
            public synchronized boolean getAsBoolean() {
                if (!requested && System.nanoTime() - checkedAt >= RECHECK_NANOS) {
                    checkedAt = System.nanoTime();
                    String status = jdbc.queryForList("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                            String.class, jobExecutionId).stream().findFirst().orElse("");
                    requested = status.equals(BatchStatus.STOPPING.name()) || status.equals(BatchStatus.STOPPED.name());
                }
                return requested;
            }
        };
    }
}
