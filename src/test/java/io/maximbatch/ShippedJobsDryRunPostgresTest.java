package io.maximbatch;

import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The shipped jobs' dry runs against their runs, the job database on PostgreSQL. */
@SpringBootTest
class ShippedJobsDryRunPostgresTest extends ShippedJobsDryRunTests {

    private static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());
    private static final String JOB_DB_URL = TestPostgres.newDatabaseUrl("shipped");

    @TempDir
    static Path dir;

    ShippedJobsDryRunPostgresTest() {
        super(SANDBOX, dir);
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
