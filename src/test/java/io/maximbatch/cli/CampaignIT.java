package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.maximbatch.JobTestSupport;
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
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Campaigns run by the jar: against an unreliable sandbox process, and killed mid-campaign then run again. */
class CampaignIT {

    private static final Pattern ENDPOINT = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path dir;

    @Test
    void aCampaignOnAnUnreliableServerReachesEachUserExactlyOnceInCallsOfAtMost500() throws Exception {
        Path sandboxOutput = dir.resolve("sandbox.txt");
        Process sandbox = JarRunner.start(dir, sandboxOutput, Map.of(), "sandbox", "--port", "0",
                "--p503", "0.03", "--p20000", "0.02", "--pdrop", "0.02", "--seed", "21");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> ENDPOINT.matcher(Files.readString(sandboxOutput)).find());
            Matcher matcher = ENDPOINT.matcher(Files.readString(sandboxOutput));
            assertThat(matcher.find()).isTrue();
            String endpoint = matcher.group(1);
            Path job = campaign("camp", 1234, 500, 500);
            Path output = dir.resolve("run.txt");

            int exit = JarRunner.run(dir, output, env(endpoint), "run", job.toString());

            String printed = Files.readString(output);
            assertThat(exit).as(printed).isZero();
            assertThat(printed).contains("Step welcome: COMPLETED  read 1284, written 1234, updated 0, already done 50, rejected 0");
            assertPushedOnce(state(endpoint), "camp", 1234, 500);
        } finally {
            sandbox.destroy();
            sandbox.waitFor();
        }
    }

    @Test
    void killedMidCampaignThenRunAgainStillPushesEachUserExactlyOnce() throws Exception {
        try (SandboxServer sandbox = SandboxServer.start(new SandboxOptions(0, "sandbox", "sandbox-token",
                new SandboxFaults.Settings(40, 0, 0, 0, 0.05, null, 4)))) {
            Path job = campaign("kc", 1234, 25, 50);
            Path output = dir.resolve("run.txt");
            Map<String, String> env = env(sandbox.endpoint().toString());

            Process process = JarRunner.start(dir, output, env, "run", job.toString());
            await().atMost(Duration.ofMinutes(2)).until(() -> sandbox.state().pushes().size() >= 8 || !process.isAlive());
            assertThat(process.isAlive()).as("the campaign must still be running when it is killed").isTrue();
            process.destroyForcibly().waitFor();
            int exit = JarRunner.run(dir, output, env, "run", job.toString());

            String printed = Files.readString(output);
            assertThat(exit).as(printed).isZero();
            assertThat(printed).contains("Resuming execution");
            assertPushedOnce(state(sandbox.endpoint().toString()), "kc", 1234, 25);
        }
    }

    /** Users registered by the job's first step; an audience of all of them with 50 of them listed twice. */
    private Path campaign(String prefix, int users, int batchSize, int chunkSize) {
        JobTestSupport.UsersFile file = JobTestSupport.usersCsv(dir, prefix, users, false);
        StringBuilder audience = new StringBuilder("legacy_id\n");
        for (int i = 1; i <= users; i++) {
            audience.append(prefix).append("-L").append(i).append('\n');
            if (i % 24 == 0 && i / 24 <= 50) {
                audience.append(prefix).append("-L").append(i).append('\n');
            }
        }
        Path audienceFile = dir.resolve(prefix + "-audience.csv");
        JobTestSupport.write(audienceFile, audience.toString());
        return JobTestSupport.jobFile(dir, prefix + "-campaign", JobTestSupport.usersStep(file.file(), 100, 500, "reject") + """
                  - name: welcome
                    type: push-campaign
                    audience: { csv: %s }
                    message: { title: "Welcome", body: "Your chats have moved." }
                    batch-size: %d
                    chunk-size: %d
                """.formatted(audienceFile.toAbsolutePath(), batchSize, chunkSize));
    }

    private Map<String, String> env(String endpoint) {
        return Map.of("MAXIM_API_ENDPOINT", endpoint, "MAXIM_APP_ID", "sandbox", "MAXIM_ACCESS_TOKEN", "sandbox-token",
                "MAXIM_RATE_LIMIT", "1000", "MAXIM_MAX_IN_FLIGHT", "4", "MAXIM_RETRY_BASE_DELAY", "20ms",
                "SPRING_DATASOURCE_URL", "jdbc:h2:file:" + dir.resolve("data/maxim-batch"),
                "MAXIM_REJECTS_DIR", dir.resolve("rejects").toString());
    }

    private static JsonNode state(String endpoint) throws Exception {
        return JsonMapper.builder().build().readTree(HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(endpoint + "/sandbox/state")).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Every user of the campaign appears in exactly one executed push, and no push has more targets than the batch size. */
    private static void assertPushedOnce(JsonNode state, String prefix, int users, int batchSize) {
        Map<Long, String> names = new HashMap<>();
        state.path("users").properties().forEach(e -> names.put(e.getValue().asLong(), e.getKey()));
        Map<String, Integer> times = new HashMap<>();
        for (JsonNode push : state.path("pushes")) {
            JsonNode ids = push.path("audience").path("user_id");
            assertThat(ids.size()).isBetween(1, batchSize);
            ids.forEach(id -> times.merge(names.get(id.asLong()), 1, Integer::sum));
        }
        assertThat(times.keySet()).allMatch(name -> name.startsWith(prefix + "_"));
        assertThat(times).hasSize(users);
        assertThat(times.values()).allMatch(n -> n == 1);
    }
}
