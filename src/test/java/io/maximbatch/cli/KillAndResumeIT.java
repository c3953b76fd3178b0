package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.maximbatch.JobTestSupport;
import io.maximbatch.JobTestSupport.UsersFile;
import io.maximbatch.sandbox.SandboxFaults;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar as an operator runs it against a separate MaxIM-compatible server: killed with SIGKILL part-way
 * through (twice), then the same command again, which must resume and end with every valid user registered
 * exactly once, each legacy id mapped to its own user, and no secret anywhere in output, reports or database.
 */
class KillAndResumeIT {

    private static final String TOKEN = "it-access-token-7f3c9b";
    private static final SandboxServer SANDBOX = SandboxServer.start(
            new SandboxOptions(0, "it-app", TOKEN, new SandboxFaults.Settings(15, 0, 0.01, 0.01, 0.01, null, 7)));

    @TempDir
    Path dir;

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void killedTwiceThenRunAgainRegistersEveryValidUserExactlyOnce() throws Exception {
        UsersFile users = JobTestSupport.usersCsv(dir, "kill", 1500, true);
        Path job = JobTestSupport.jobFile(dir, "kill-test", JobTestSupport.usersStep(users.file(), 1, 50, "reject"));
        Path output = dir.resolve("output.txt");
        Path db = dir.resolve("data/maxim-batch");
        Map<String, String> env = Map.of(
                "MAXIM_API_ENDPOINT", SANDBOX.endpoint().toString(),
                "MAXIM_APP_ID", "it-app",
                "MAXIM_ACCESS_TOKEN", TOKEN,
                "MAXIM_RATE_LIMIT", "400",
                "MAXIM_MAX_IN_FLIGHT", "8",
                "MAXIM_RETRY_BASE_DELAY", "10ms",
                "SPRING_DATASOURCE_URL", "jdbc:h2:file:" + db,
                "MAXIM_REJECTS_DIR", dir.resolve("rejects").toString());

        for (int threshold : new int[] {250, 700}) {
            Process process = JarRunner.start(dir, output, env, "run", job.toString());
            await().atMost(Duration.ofMinutes(2)).until(() -> registered() >= threshold || !process.isAlive());
            assertThat(process.isAlive()).as("the run must still be going when it is killed").isTrue();
            process.destroyForcibly().waitFor();
            assertThat(registered()).isLessThan(1500);
        }
        int exit = JarRunner.run(dir, output, env, "run", job.toString());

        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("Resuming execution", "was left STARTED", "COMPLETED");
        assertThat(SANDBOX.state().usersByName().keySet()).containsExactlyInAnyOrderElementsOf(users.valid().values());
        assertThat(SANDBOX.state().registrationCallsSucceeded()).isEqualTo(users.valid().size());

        Map<String, Long> mapped = new HashMap<>();
        String dump;
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + db, "sa", "")) {
            try (ResultSet rs = connection.createStatement().executeQuery("SELECT legacy_id, user_id, state FROM user_map")) {
                while (rs.next()) {
                    assertThat(rs.getString("state")).isEqualTo("DONE");
                    mapped.put(rs.getString("legacy_id"), rs.getLong("user_id"));
                }
            }
            StringBuilder all = new StringBuilder();
            try (ResultSet rs = connection.createStatement().executeQuery("SCRIPT")) {
                while (rs.next()) {
                    all.append(rs.getString(1)).append('\n');
                }
            }
            dump = all.toString();
        }
        assertThat(mapped.keySet()).containsExactlyInAnyOrderElementsOf(users.valid().keySet());
        users.valid().forEach((legacyId, username) ->
                assertThat(mapped.get(legacyId)).isEqualTo(SANDBOX.state().usersByName().get(username)));
        assertThat(new HashSet<>(mapped.values())).hasSize(users.valid().size());

        String reports;
        try (Stream<Path> files = Files.list(dir.resolve("rejects"))) {
            StringBuilder text = new StringBuilder();
            for (Path file : files.toList()) {
                text.append(Files.readString(file));
            }
            reports = text.toString();
        }
        assertThat(reports).contains("INVALID_USERNAME");
        for (String place : new String[] {printed, dump, reports}) {
            assertThat(place).doesNotContain(TOKEN).doesNotContain("secret-pw-");
        }
    }

    private static long registered() {
        return SANDBOX.state().usersByName().size();
    }
}
