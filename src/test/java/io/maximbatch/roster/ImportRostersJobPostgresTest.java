package io.maximbatch.roster;

import io.maximbatch.JobTestSupport;
import io.maximbatch.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest
class ImportRostersJobPostgresTest extends ImportRostersJobTests {

    @TempDir
    static Path rejects;

    static final String JOB_DB_URL = TestPostgres.newDatabaseUrl("rosters");

    ImportRostersJobPostgresTest() {
        super("p");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        sandboxProperties(registry, rejects);
        JobTestSupport.postgresJobDatabase(registry, JOB_DB_URL);
    }
}
