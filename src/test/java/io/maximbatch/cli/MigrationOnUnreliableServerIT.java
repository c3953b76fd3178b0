package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.maximbatch.MigrationFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two processes, as in a rehearsal: `maxim-batch sandbox` answering 3% HTTP 503, 2% code 20000 and dropping 2% of
 * answers after doing the work, and `maxim-batch run` of a whole migration (1,500 users, 4,500 friendships,
 * 40 groups, three of them with 1,100 members) pointed at it by MAXIM_API_ENDPOINT.
 */
class MigrationOnUnreliableServerIT {

    private static final Pattern ENDPOINT = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path dir;

    @Test
    void theServerEndsWithExactlyTheValidSourceDataAndEveryBrokenReferenceIsReported() throws Exception {
        Path sandboxOutput = dir.resolve("sandbox.txt");
        Process sandbox = JarRunner.start(dir, sandboxOutput, Map.of(), "sandbox", "--port", "0",
                "--p503", "0.03", "--p20000", "0.02", "--pdrop", "0.02", "--seed", "11");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> ENDPOINT.matcher(Files.readString(sandboxOutput)).find());
            Matcher matcher = ENDPOINT.matcher(Files.readString(sandboxOutput));
            assertThat(matcher.find()).isTrue();
            String endpoint = matcher.group(1);
            MigrationFixture migration = new MigrationFixture(dir, "mig", 1500, 4500, 40, 3, 1100, 5);
            Path output = dir.resolve("run.txt");

            int exit = JarRunner.run(dir, output, Map.of(
                    "MAXIM_API_ENDPOINT", endpoint, "MAXIM_APP_ID", "sandbox", "MAXIM_ACCESS_TOKEN", "sandbox-token",
                    "MAXIM_RATE_LIMIT", "1000", "MAXIM_RETRY_BASE_DELAY", "20ms",
                    "SPRING_DATASOURCE_URL", "jdbc:h2:file:" + dir.resolve("data/maxim-batch"),
                    "MAXIM_REJECTS_DIR", dir.resolve("rejects").toString(), "MAXIM_REPORTS_DIR", dir.resolve("reports").toString()),
                    "run", migration.jobFile.toString());

            String printed = Files.readString(output);
            assertThat(exit).as(printed).isZero();
            assertThat(printed).contains("Step users: COMPLETED  read 1530, written 1500, updated 0, already done 0, rejected 30",
                    "rejected " + migration.brokenFriendships + ",",
                    "Step groups: COMPLETED  read 41, written 40, updated 0, already done 0, rejected 1",
                    "rejected " + migration.brokenMemberships + ",",
                    "Complete: nothing the sources expect is missing.");
            JsonNode state = JsonMapper.builder().build().readTree(HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(endpoint + "/sandbox/state")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            migration.assertHeldExactlyBy(state, "mig");
        } finally {
            sandbox.destroy();
            sandbox.waitFor();
        }
    }
}
