package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.maximbatch.JobTestSupport;
import io.maximbatch.TestPostgres;
import io.maximbatch.sandbox.SandboxFaults;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A PostgreSQL job database that goes away under a run: one line that says so and how to resume, no stack trace, exit code 1. */
@ExtendWith(OutputCaptureExtension.class)
class JobDatabaseLostTest {

    @TempDir
    Path dir;

    @Test
    void aJobDatabaseLostMidRunEndsWithOneLineAndTheResumeCommand(CapturedOutput console) throws Exception {
        String database = "lost_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = TestPostgres.newDatabaseUrl(database);
        JobTestSupport.UsersFile users = JobTestSupport.usersCsv(dir, "gone", 400, false);
        Path job = JobTestSupport.jobFile(dir, "db-lost", JobTestSupport.usersStep(users.file(), 10, 10, "reject"));
        Map<String, String> settings = new LinkedHashMap<>();
        int consoleBefore;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withFaults(new SandboxFaults.Settings(100, 0, 0, 0, 0, null, 1)))) {
            settings.put("spring.datasource.url", url);
            settings.put("spring.datasource.username", "postgres");
            settings.put("spring.datasource.password", "postgres");
            settings.put("spring.datasource.hikari.connection-timeout", "1000");
            settings.put("maxim.api-endpoint", sandbox.endpoint().toString());
            settings.put("maxim.app-id", "sandbox");
            settings.put("maxim.access-token", "sandbox-token");
            settings.put("maxim.rejects-dir", dir.resolve("rejects").toString());
            settings.put("maxim.rate-limit", "2000");
            settings.forEach(System::setProperty);
            consoleBefore = console.getAll().length();
            try {
                CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> MaximBatchCommand.execute(
                        new String[] {"run", job.toString()}, new PrintWriter(out, true), new PrintWriter(err, true)));
                JdbcTemplate admin = new JdbcTemplate(new DriverManagerDataSource(TestPostgres.server().getJdbcUrl("postgres", "postgres"),
                        "postgres", "postgres"));
                JdbcTemplate jobDatabase = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", "postgres"));
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> jobDatabase.queryForObject("SELECT COUNT(*) FROM user_map", Long.class) > 20);

                admin.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
                admin.queryForList("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
                int exit = run.get(3, TimeUnit.MINUTES);

                assertThat(exit).as(out + "\n" + err).isEqualTo(MaximBatchCommand.FAILED);
            } finally {
                settings.keySet().forEach(System::clearProperty);
            }
        }
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines().toList()).singleElement().asString()
                // The database's own words depend on where the run was when it went (a refused connection, a closed one).
                .startsWith("maxim-batch: the job database was lost during the run (")
                .contains("resume with: java -jar target/maxim-batch.jar run " + job);
        // What the command printed through logging while it ran: no stack trace (they are in the log file).
        assertThat(console.getAll().substring(consoleBefore)).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
