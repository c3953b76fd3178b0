package io.maximbatch.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobTestSupport;
import io.maximbatch.TestPostgres;
import io.maximbatch.report.StepOutcomes;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import io.maximbatch.sandbox.SandboxFaults;

/** The register-users job with its job database on PostgreSQL, and users read from a legacy PostgreSQL database. */
@SpringBootTest
class RegisterUsersJobPostgresTest extends RegisterUsersJobTests {

    @TempDir
    static Path rejects;

    RegisterUsersJobPostgresTest() {
        super("p");
    }

    static final String LEGACY_URL = TestPostgres.newDatabaseUrl("legacy_chat");
    static final String JOB_DB_URL = TestPostgres.newDatabaseUrl("maxim_batch");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        sandboxProperties(registry, rejects);
        JobTestSupport.postgresJobDatabase(registry, JOB_DB_URL);
    }

    @Test
    void readsUsersFromALegacyDatabaseAndResumesAfterTheLastCommittedKey() throws Exception {
        JdbcTemplate legacy = new JdbcTemplate(new DriverManagerDataSource(LEGACY_URL, "postgres", ""));
        legacy.execute("CREATE TABLE accounts (id INT PRIMARY KEY, login VARCHAR(100), pass VARCHAR(100))");
        Map<String, String> valid = new LinkedHashMap<>();
        for (int i = 1; i <= 300; i++) {
            String login = i % 50 == 0 ? "bad login " + i : "pg_" + i;
            legacy.update("INSERT INTO accounts VALUES (?, ?, ?)", i, login, "pw" + i);
            if (i % 50 != 0) {
                valid.put("pg-L" + i, login);
            }
        }
        Path job = JobTestSupport.jobFile(dir, "from-postgres", """
                  - name: users
                    type: register-users
                    source:
                      jdbc:
                        url: %s
                        username: postgres
                        query: SELECT 'pg-L' || id AS legacy_id, id, login, pass FROM accounts
                        sort-key: id
                      columns: { username: login, password: pass }
                    chunk-size: 25
                """.formatted(LEGACY_URL));
        // One call per chunk of 25: a fatal code from the fourth on, set before the run so that it cannot finish first.
        SANDBOX.faults().forceCodeAfter("/user/register/batch", 3, 40000);
        JobExecution first = run(job);
        assertThat(first.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(registered("pg_")).isPositive().isLessThanOrEqualTo(75);

        SANDBOX.faults().set(SandboxFaults.Settings.none());
        JobExecution resumed = run(job);

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        StepOutcomes outcomes = outcomes(resumed);
        assertThat(outcomes.balanced()).isTrue();
        assertThat(outcomes.read()).isLessThan(300);
        assertRegisteredExactlyOnce(new JobTestSupport.UsersFile(null, valid, java.util.List.of()));
        assertThat(java.nio.file.Files.readString(Path.of(outcomes.rejectFile())))
                .contains("\"id=50\"", "\"id=300\"", "INVALID_USERNAME").doesNotContain("pw50");
    }
}
