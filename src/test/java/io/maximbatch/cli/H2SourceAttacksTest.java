package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.TestH2Sources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job file cannot use an H2 source to read maxim-batch's files or environment, nor to run code in it, through
 * `validate` or `run`: the command fails with one line saying why, and the secret is in no output, log or report.
 */
class H2SourceAttacksTest {

    /** The surefire configuration puts this key in the tests' environment, as an operator's MAXIM_PASSWORD_KEY. */
    private static final String ENVIRONMENT_SECRET = "test-only-derivation-key-of-at-least-32-bytes";

    @TempDir
    Path dir;

    @Test
    void fileReadOfASecretAsH2sAdminIsRefusedByValidateAndRun() throws IOException {
        String secret = "TOP SECRET " + UUID.randomUUID();
        Path file = Files.writeString(dir.resolve("admin-token"), secret);
        String url = database();
        Path job = job(url, "sa", "SELECT 1 AS legacy_id, FILE_READ('" + file + "', 'UTF-8') AS username, 'pw' AS password");

        for (String command : new String[] {"validate", "run"}) {
            Result result = command.equals("validate") ? execute("validate", job.toString()) : execute("run", job.toString(), "--sandbox");

            assertThat(result.exit()).as(result.all()).isEqualTo(command.equals("validate") ? 2 : 1);
            assertThat(result.all()).contains("the H2 user SA has admin rights").doesNotContain(secret);
            assertThat(reports()).doesNotContain(secret);
        }
    }

    @Test
    void csvReadOfTheEnvironmentIsRefusedAsAdminAndByH2ForAUserWithout() throws IOException {
        assertThat(System.getenv("MAXIM_PASSWORD_KEY")).as("the secret this test looks for").isEqualTo(ENVIRONMENT_SECRET);
        String url = database();

        for (String user : new String[] {"sa", "reader"}) {
            Path job = job(url, user, "SELECT ROWNUM() AS legacy_id, E.* FROM CSVREAD('/proc/self/environ') E");

            Result result = execute("run", job.toString(), "--sandbox");

            assertThat(result.exit()).as(result.all()).isEqualTo(1);
            assertThat(result.all()).containsAnyOf("has admin rights", "Admin rights are required").doesNotContain(ENVIRONMENT_SECRET);
            assertThat(reports()).doesNotContain(ENVIRONMENT_SECRET);
        }
    }

    @Test
    void linkSchemaWithAScriptThatCreatesAnAliasNeverRunsItsJavaEvenInValidate() throws IOException {
        Path marker = dir.resolve("code-ran");
        Path script = Files.writeString(dir.resolve("payload.sql"), "CREATE ALIAS MARK AS 'String mark() throws Exception {"
                + " java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + marker + "\"), \"ran\"); return \"x\"; }';\n"
                + "CREATE TABLE T AS SELECT MARK() AS X;\n");
        String query = "SELECT 1 AS legacy_id, 'u' AS username, 'p' AS password FROM LINK_SCHEMA('Y', '', "
                + "'jdbc:h2:mem:y-" + UUID.randomUUID() + ";INIT=RUNSCRIPT FROM ''" + script + "''', 'sa', '', 'PUBLIC')";
        String url = database();

        for (String user : new String[] {"sa", "reader"}) {
            Result result = execute("validate", job(url, user, query).toString());

            assertThat(result.exit()).as(result.all()).isEqualTo(2);
            assertThat(result.all()).containsAnyOf("has admin rights", "Admin rights are required");
            assertThat(marker).doesNotExist();
        }
    }

    /** An in-memory database as a legacy system would have it: a table, its admin (sa) and a reader. */
    private static String database() {
        String name = "attack-" + UUID.randomUUID();
        TestH2Sources.admin(name).execute("CREATE TABLE users (legacy_id INT PRIMARY KEY, username VARCHAR(50), password VARCHAR(50))");
        return TestH2Sources.readable(name);
    }

    private Path job(String url, String user, String query) throws IOException {
        return Files.writeString(dir.resolve("attack-" + UUID.randomUUID() + ".yml"), """
                name: attack
                steps:
                  - name: users
                    type: register-users
                    source:
                      jdbc: { url: "%s", username: %s, query: "%s", sort-key: legacy_id }
                """.formatted(url, user, query.replace("\\", "\\\\").replace("\"", "\\\"")));
    }

    private String reports() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".yml")
                    && !f.getFileName().toString().endsWith(".sql") && !f.getFileName().toString().equals("admin-token")).map(f -> {
                        try {
                            return Files.readString(f);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).collect(Collectors.joining("\n"));
        }
    }

    /** The command's exit code, its output and error, and the log lines it wrote meanwhile. */
    private Result execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        System.setProperty("maxim.rejects-dir", dir.resolve("rejects").toString());
        System.setProperty("maxim.reports-dir", dir.resolve("reports").toString());
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            int exit = MaximBatchCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
            return new Result(exit, out + "\n" + err + "\n" + log.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
            System.clearProperty("maxim.rejects-dir");
            System.clearProperty("maxim.reports-dir");
        }
    }

    private record Result(int exit, String all) {
    }
}
