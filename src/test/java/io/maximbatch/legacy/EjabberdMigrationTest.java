package io.maximbatch.legacy;

import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** jobs/ejabberd-migration.yml on Ejabberd's tables (see XmppMigrationTests). */
@SpringBootTest
class EjabberdMigrationTest extends XmppMigrationTests {

    private static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        properties(registry, SANDBOX, dir);
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void theShippedJobFileMigratesTheServerExactlyOnce() throws Exception {
        String url = database("ejabberd_all", XmppServerFixture::ejabberd);
        migrates(SANDBOX, dir, jobFile(dir, "ejabberd-migration", url, "EJABBERD"), false);
    }
}
