package io.maximbatch;

import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample migration with the job database on PostgreSQL. */
@SpringBootTest
class SampleMigrationPostgresTest extends SampleMigrationTests {

    private static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());
    private static final String JOB_DB_URL = TestPostgres.newDatabaseUrl("sample");

    @TempDir
    static Path dir;

    SampleMigrationPostgresTest() {
        super(SANDBOX);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        properties(registry, SANDBOX, dir);
        JobTestSupport.postgresJobDatabase(registry, JOB_DB_URL);
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }
}
