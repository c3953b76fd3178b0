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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The migration's JVM is killed (SIGKILL) while it creates groups; the same command then ends with no group twice. */
class KillDuringGroupsIT {

    private static final SandboxServer SANDBOX = SandboxServer.start(
            new SandboxOptions(0, "sandbox", "sandbox-token", new SandboxFaults.Settings(10, 0, 0, 0, 0.03, null, 9)));

    @TempDir
    Path dir;

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void killedWhileCreatingGroupsThenRunAgainEndsWithEveryGroupOnceAndCompleteMemberships() throws Exception {
        MigrationFixture migration = new MigrationFixture(dir, "kg", 300, 300, 150, 1, 1100, 3);
        Path output = dir.resolve("output.txt");
        Map<String, String> env = Map.of(
                "MAXIM_API_ENDPOINT", SANDBOX.endpoint().toString(), "MAXIM_APP_ID", "sandbox",
                "MAXIM_ACCESS_TOKEN", "sandbox-token", "MAXIM_RATE_LIMIT", "400", "MAXIM_MAX_IN_FLIGHT", "4",
                "MAXIM_RETRY_BASE_DELAY", "10ms", "SPRING_DATASOURCE_URL", "jdbc:h2:file:" + dir.resolve("data/maxim-batch"),
                "MAXIM_REJECTS_DIR", dir.resolve("rejects").toString(), "MAXIM_REPORTS_DIR", dir.resolve("reports").toString());

        Process process = JarRunner.start(dir, output, env, "run", migration.jobFile.toString());
        await().atMost(Duration.ofMinutes(2)).until(() -> groups() >= 40 || !process.isAlive());
        assertThat(process.isAlive()).as("the run must still be creating groups when it is killed").isTrue();
        process.destroyForcibly().waitFor();
        assertThat(groups()).isLessThan(150);

        int exit = JarRunner.run(dir, output, env, "run", migration.jobFile.toString());

        String printed = Files.readString(output);
        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("Resuming execution", "Complete: nothing the sources expect is missing.");
        migration.assertHeldExactlyBy(JsonMapper.builder().build().readTree(HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(SANDBOX.endpoint() + "/sandbox/state")).build(),
                HttpResponse.BodyHandlers.ofString()).body()), "kg");
    }

    private static long groups() {
        return SANDBOX.state().groups().stream().filter(g -> g.name().startsWith("kg ")).count();
    }
}
