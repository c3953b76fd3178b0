package io.maximbatch;

import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The shipped jobs' dry runs against their runs, the job database on H2. */
@SpringBootTest
class ShippedJobsDryRunH2Test extends ShippedJobsDryRunTests {

    private static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());

    @TempDir
    static Path dir;

    ShippedJobsDryRunH2Test() {
        super(SANDBOX, dir);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        properties(registry, SANDBOX, dir);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:shipped-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }
}
