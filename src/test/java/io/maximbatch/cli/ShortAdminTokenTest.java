package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A configured admin token that is too short: `serve` refuses in one line with exit code 2, no stack trace anywhere on the console. */
@ExtendWith(OutputCaptureExtension.class)
class ShortAdminTokenTest {

    @TempDir
    Path dir;

    @Test
    void aFifteenCharacterTokenEndsServeWithOneLineAndExitCode2(CapturedOutput console) throws Exception {
        Path log = dir.resolve("logs/maxim-batch.log");
        Map<String, String> settings = Map.of("maxim.admin.token", "fifteen-chars-x", "spring.datasource.url",
                "jdbc:h2:mem:short-token;DB_CLOSE_DELAY=-1", "maxim.jobs-dir", dir.toString(), "logging.file.name", log.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int before = console.getAll().length();
        settings.forEach(System::setProperty);
        int exit;
        try {
            exit = MaximBatchCommand.execute(new String[] {"serve", "--port", "0"}, new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }

        assertThat(exit).isEqualTo(MaximBatchCommand.USAGE);
        assertThat(err.toString().lines().toList()).containsExactly("maxim-batch: maxim.admin.token (MAXIM_ADMIN_TOKEN) must be at least 32"
                + " characters long, got 15; leave it unset and serve generates one");
        assertThat(out.toString()).isEmpty();
        assertThat(console.getAll().substring(before)).doesNotContain("Exception").doesNotContain("at io.").doesNotContain("fifteen-chars-x");
        // The stack trace is in the log file, which only its owner can read.
        assertThat(Files.readString(log)).contains("IllegalArgumentException: maxim.admin.token", "\tat io.maximbatch.cli.BatchContext")
                .doesNotContain("fifteen-chars-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
    }

    @Test
    void withDebugTheStackTraceIsPrintedToo() {
        StringWriter err = new StringWriter();
        System.setProperty("maxim.admin.token", "fifteen-chars-x");
        System.setProperty("spring.datasource.url", "jdbc:h2:mem:short-token-debug;DB_CLOSE_DELAY=-1");
        int exit;
        try {
            exit = MaximBatchCommand.execute(new String[] {"serve", "--port", "0", "--debug"}, new PrintWriter(new StringWriter(), true),
                    new PrintWriter(err, true));
        } finally {
            System.clearProperty("maxim.admin.token");
            System.clearProperty("spring.datasource.url");
        }

        assertThat(exit).isEqualTo(MaximBatchCommand.USAGE);
        assertThat(err.toString()).startsWith("maxim-batch: maxim.admin.token (MAXIM_ADMIN_TOKEN) must be at least 32")
                .contains("IllegalArgumentException", "\tat io.maximbatch.cli.BatchContext");
    }
}
