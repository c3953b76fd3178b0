package io.maximbatch.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maximbatch.TestPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** On PostgreSQL a job runs in one process at a time: a second run of the same job is refused while the first holds it. */
class JobLocksTest {

    private static final String URL = TestPostgres.newDatabaseUrl("job_locks");

    private final JobLocks first = new JobLocks(dataSource());
    private final JobLocks second = new JobLocks(dataSource());

    @Test
    void aSecondProcessCannotTakeARunningJobButCanTakeItOnceReleased() throws Exception {
        try (JobLocks.Lock held = first.acquire("legacy-migration");
             JobLocks.Lock other = second.acquire("welcome-campaign")) {
            assertThat(other).isNotNull();
            assertThat(second.heldByAnyone("legacy-migration")).isTrue();
            assertThat(second.heldByAnyone("welcome-campaign")).isTrue();
            assertThat(second.heldByAnyone("nightly-push")).isFalse();
            assertThatThrownBy(() -> second.acquire("legacy-migration"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("job legacy-migration is running in another maxim-batch process");
        }
        assertThat(first.heldByAnyone("legacy-migration")).isFalse();
        try (JobLocks.Lock again = second.acquire("legacy-migration")) {
            assertThat(again).isNotNull();
        }
    }

    private static DataSource dataSource() {
        // Each DriverManagerDataSource connection is its own session, as two processes' would be.
        return new DriverManagerDataSource(URL, "postgres", "");
    }
}
