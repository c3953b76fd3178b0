package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.maximbatch.TestPostgres;
import io.maximbatch.source.FreezingProxy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `run` against a database that stops answering in the middle of a read: the step fails in bounded time, saying why. */
class SourceTimeoutRunTest {

    @TempDir
    Path dir;

    @Test
    void aSourceThatVanishesMidRunFailsTheStepWithTheLimitItHit() throws Exception {
        String url = TestPostgres.newDatabaseUrl("vanishing_source");
        try (var connection = DriverManager.getConnection(url); var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE accounts AS SELECT i AS id, 'vanish_' || i AS login, 'pw' || i AS pass"
                    + " FROM generate_series(1, 700) i");
        }
        try (FreezingProxy proxy = new FreezingProxy(TestPostgres.server().getPort())) {
            // The reader's cursor (portal C_1) streams 500 rows at a time: its second fetch, after the first 500 rows, gets
            // no answer.
            proxy.freezeOn("C_1", 2);
            Path job = Files.writeString(dir.resolve("vanishing.yml"), """
                    name: vanishing
                    steps:
                      - name: users
                        type: register-users
                        source:
                          jdbc:
                            url: "%s"
                            query: SELECT 'v-' || id AS legacy_id, id, login AS username, pass AS password FROM accounts
                            sort-key: id
                    """.formatted(url.replaceFirst("localhost:\\d+", "localhost:" + proxy.port())));
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            System.setProperty("maxim.sources.query-timeout", "2s");
            System.setProperty("maxim.rejects-dir", dir.resolve("rejects").toString());
            System.setProperty("maxim.rate-limit", "5000");
            try {
                int exit = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> MaximBatchCommand.execute(
                        new String[] {"run", job.toString(), "--sandbox"}, new PrintWriter(out, true), new PrintWriter(err, true)));

                assertThat(exit).as(out + "\n" + err).isEqualTo(1);
                assertThat(out + "\n" + err).contains("Step users: FAILED  read 500,", "the database did not answer within 2s (maxim.sources.query-timeout)");
            } finally {
                System.clearProperty("maxim.sources.query-timeout");
                System.clearProperty("maxim.rejects-dir");
                System.clearProperty("maxim.rate-limit");
            }
        }
    }
}
