package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.maximbatch.JobTestSupport;
import io.maximbatch.JobTestSupport.UsersFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two processes, as in a rehearsal: `maxim-batch sandbox` answering 3% HTTP 503, 2% code 20000 and dropping 2% of
 * answers after doing the work, and `maxim-batch run` pointed at it by MAXIM_API_ENDPOINT.
 */
class UnreliableServerIT {

    private static final Pattern ENDPOINT = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path dir;

    @Test
    void everyValidUserIsRegisteredOnceWithItsOwnIdAndTheJobExitsZero() throws Exception {
        Path sandboxOutput = dir.resolve("sandbox.txt");
        Process sandbox = JarRunner.start(dir, sandboxOutput, Map.of(), "sandbox", "--port", "0",
                "--p503", "0.03", "--p20000", "0.02", "--pdrop", "0.02", "--seed", "11");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> ENDPOINT.matcher(Files.readString(sandboxOutput)).find());
            Matcher matcher = ENDPOINT.matcher(Files.readString(sandboxOutput));
            assertThat(matcher.find()).isTrue();
            String endpoint = matcher.group(1);

            UsersFile users = JobTestSupport.usersCsv(dir, "rehearsal", 600, true);
            Path job = JobTestSupport.jobFile(dir, "rehearsal", JobTestSupport.usersStep(users.file(), 10, 100, "reject"));
            Path output = dir.resolve("run.txt");
            Path db = dir.resolve("data/maxim-batch");
            int exit = JarRunner.run(dir, output, Map.of(
                    "MAXIM_API_ENDPOINT", endpoint, "MAXIM_APP_ID", "sandbox", "MAXIM_ACCESS_TOKEN", "sandbox-token",
                    "MAXIM_RATE_LIMIT", "500", "MAXIM_RETRY_BASE_DELAY", "20ms",
                    "SPRING_DATASOURCE_URL", "jdbc:h2:file:" + db, "MAXIM_REJECTS_DIR", dir.resolve("rejects").toString()),
                    "run", job.toString());

            String printed = Files.readString(output);
            assertThat(exit).as(printed).isZero();
            assertThat(printed).contains("written 600, already done 0, rejected " + users.invalidLines().size());

            JsonNode state = JsonMapper.builder().build().readTree(HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(endpoint + "/sandbox/state")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            Map<String, Long> server = new HashMap<>();
            state.path("users").properties().forEach(e -> server.put(e.getKey(), e.getValue().asLong()));
            assertThat(server.keySet()).containsExactlyInAnyOrderElementsOf(users.valid().values());
            assertThat(state.path("counters").path("registration_calls_succeeded").asLong()).isEqualTo(600);

            Map<String, Long> mapped = new HashMap<>();
            try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + db, "sa", "");
                 ResultSet rs = connection.createStatement().executeQuery("SELECT legacy_id, user_id FROM user_map WHERE state = 'DONE'")) {
                while (rs.next()) {
                    mapped.put(rs.getString(1), rs.getLong(2));
                }
            }
            assertThat(mapped).hasSize(600);
            users.valid().forEach((legacyId, username) -> assertThat(mapped.get(legacyId)).isEqualTo(server.get(username)));
            assertThat(new HashSet<>(mapped.values())).hasSize(600);
        } finally {
            sandbox.destroy();
            sandbox.waitFor();
        }
    }
}
