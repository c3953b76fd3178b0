package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The derivation key as the commands see it: a v1 key under 32 bytes ends the run in one line; export-map needs none. */
class PasswordKeyCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void inMemoryJobDatabase() {
        System.setProperty("spring.datasource.url", "jdbc:h2:mem:keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        System.setProperty("maxim.rejects-dir", dir.resolve("rejects").toString());
    }

    @AfterEach
    void clear() {
        System.clearProperty("spring.datasource.url");
        System.clearProperty("maxim.rejects-dir");
    }

    @Test
    void aKeyShorterThan32BytesEndsTheRunWithExitCode2AndOneLine() throws Exception {
        Path job = job("password: { derive-key-env: MAXIM_TEST_SHORT_PASSWORD_KEY }");

        int exit = execute("run", job.toString(), "--sandbox");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines().filter(line -> !line.isBlank()).toList()).singleElement().asString()
                .isEqualTo(job + ": steps[0].password.derive-key-env: holds a key shorter than 32 bytes: password-scheme v1 needs"
                        + " at least 32 (make one with `openssl rand -base64 48`)");
        assertThat(out.toString()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out.toString() + err).doesNotContain(System.getenv("MAXIM_TEST_SHORT_PASSWORD_KEY"));
    }

    @Test
    void v1NeedsTheAppIdEvenToValidate() throws Exception {
        Path job = job("password: { derive-key-env: MAXIM_TEST_PASSWORD_KEY }");

        // Blank whatever the environment says (system properties come first).
        System.setProperty("maxim.app-id", "");
        int exit;
        try {
            exit = execute("validate", job.toString());
        } finally {
            System.clearProperty("maxim.app-id");
        }

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines().filter(line -> !line.isBlank()).toList()).singleElement().asString()
                .contains("maxim.app-id is not set (MAXIM_APP_ID): password-scheme v1 derives each password from the app id");
    }

    @Test
    void exportMapWorksWithoutTheKeySet() throws Exception {
        Path job = job("password: { derive-key-env: MAXIM_KEY_NOBODY_SET }");

        Path map = dir.resolve("map.csv");

        int exit = execute("export-map", job.toString(), "--out", map.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("0 users of job keys written to");
        assertThat(Files.readAllLines(map)).containsExactly("legacy_id,legacy_username,username,user_id");
    }

    private Path job(String password) throws Exception {
        Files.writeString(dir.resolve("users.csv"), "legacy_id,username,password\nL1,alice,\n");
        return Files.writeString(dir.resolve("keys.yml"), """
                name: keys
                steps:
                  - name: users
                    type: register-users
                    source: { csv: %s }
                    %s
                """.formatted(dir.resolve("users.csv"), password));
    }

    private int execute(String... args) {
        return MaximBatchCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }
}
