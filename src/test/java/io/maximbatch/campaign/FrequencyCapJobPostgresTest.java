package io.maximbatch.campaign;

import io.maximbatch.JobTestSupport;
import io.maximbatch.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The frequency cap with the job database on PostgreSQL: concurrent runs count each other's sends through it. */
@SpringBootTest
class FrequencyCapJobPostgresTest extends FrequencyCapJobTests {

    @TempDir
    static Path rejects;

    static final String JOB_DB_URL = TestPostgres.newDatabaseUrl("frequency_cap");

    FrequencyCapJobPostgresTest() {
        super("pf");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        properties(registry, rejects);
        JobTestSupport.postgresJobDatabase(registry, JOB_DB_URL);
    }
}
