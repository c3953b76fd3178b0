package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.maximbatch.MigrationFixture;
import io.maximbatch.sandbox.SandboxFaults;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The full legacy migration in its own JVM, killed with SIGKILL at random moments (5 times; -Dcrashloop.kills=N for
 * more, -Dcrashloop.seed=S for another sequence), the same command run again after each kill: the server ends with
 * exactly the source's valid users, friendships, groups and memberships, each once.
 */
class CrashLoopIT {

    private static final SandboxServer SANDBOX = SandboxServer.start(
            new SandboxOptions(0, "sandbox", "sandbox-token", new SandboxFaults.Settings(15, 0, 0, 0, 0, null, 5)));

    @TempDir
    Path dir;

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void killedAtRandomMomentsAndRunAgainTheMigrationEndsExactlyOnce() throws Exception {
        int kills = Integer.getInteger("crashloop.kills", 5);
        long seed = Long.getLong("crashloop.seed", 20261126L);
        Random random = new Random(seed);
        MigrationFixture migration = new MigrationFixture(dir, "cl", 500, 600, 40, 1, 400, seed).withAccounts(dir, "cl")
                .withRemarksAndAdmins(dir, "cl");
        Path output = dir.resolve("output.txt");
        Map<String, String> env = Map.of(
                "MAXIM_API_ENDPOINT", SANDBOX.endpoint().toString(), "MAXIM_APP_ID", "sandbox",
                "MAXIM_ACCESS_TOKEN", "sandbox-token", "MAXIM_RATE_LIMIT", "300",
                "MAXIM_RETRY_BASE_DELAY", "10ms", "SPRING_DATASOURCE_URL", "jdbc:h2:file:" + dir.resolve("data/maxim-batch"),
                "MAXIM_REJECTS_DIR", dir.resolve("rejects").toString(), "MAXIM_REPORTS_DIR", dir.resolve("reports").toString());

        int killed = 0;
        for (int attempt = 0; attempt < kills; attempt++) {
            long before = SANDBOX.state().requestsServed();
            Process process = JarRunner.start(dir, output, env, "run", migration.jobFile.toString());
            // Wait until this run has sent some calls, then a random number more: a kill at a random point of the work.
            long more = 1 + random.nextInt(400);
            await().atMost(Duration.ofMinutes(2)).until(() -> SANDBOX.state().requestsServed() - before >= more || !process.isAlive());
            if (!process.isAlive()) {
                break;
            }
            process.destroyForcibly().waitFor();
            killed++;
        }

        int exit = JarRunner.run(dir, output, env, "run", migration.jobFile.toString());

        String printed = Files.readString(output);
        assertThat(exit).as(printed).isZero();
        assertThat(killed).as("kills while the migration was running (seed %d)", seed).isGreaterThanOrEqualTo(Math.min(kills, 3));
        assertThat(printed).contains("Complete: nothing the sources expect is missing.");
        JsonNode state = JsonMapper.builder().build().readTree(HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(SANDBOX.endpoint() + "/sandbox/state")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        migration.assertHeldExactlyBy(state, "cl");
        migration.assertAccountsHeldBy(state);
        // Killed mid-call or not, each profile, tag set, remark and admin was carried out once (read back, never sent twice).
        Map<String, Long> executed = new java.util.HashMap<>();
        state.path("executed_updates").properties().forEach(e -> executed.put(e.getKey(), e.getValue().asLong()));
        migration.assertEachChangeExecutedOnce(executed);

        // export-map lists every account with its legacy and MaxIM names and ids, as the sandbox holds them.
        Path map = dir.resolve("map/cl-map.csv");
        assertThat(JarRunner.run(dir, output, env, "export-map", migration.jobFile.toString(), "--out", map.toString())).isZero();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(map))).isEqualTo("rw-------");
        List<String> lines = Files.readAllLines(map);
        assertThat(lines.get(0)).isEqualTo("legacy_id,legacy_username,username,user_id");
        Map<String, String> listed = new java.util.TreeMap<>();
        lines.subList(1, lines.size()).forEach(line -> {
            String[] cells = line.split(",");
            assertThat(cells[3]).as(line).isEqualTo(state.path("users").path(cells[2]).asString());
            listed.put(cells[0], cells[2]);
        });
        Map<String, String> expected = new java.util.TreeMap<>();
        migration.users.forEach(username -> expected.put("cl-L" + username.substring(3), username));
        assertThat(listed).isEqualTo(expected);
    }
}
