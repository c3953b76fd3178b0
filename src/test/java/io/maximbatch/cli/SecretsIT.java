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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A migration launched through `serve`'s API, with a MaxIM access token, an admin token, a job database password and
 * user passwords: none of them appears in the log, the reject and reconcile reports, the job database (job
 * parameters included) or any answer of the admin API.
 */
class SecretsIT {

    private static final String ACCESS_TOKEN = "maxim-ACCESS-secret-4711";
    private static final String ADMIN_TOKEN = "admin-BEARER-secret-0815-long-enough-now";
    private static final String DB_PASSWORD = "jobdb-PASSWORD-secret-42";
    /** The fixture's user passwords are pw-1, pw-2, ...; the broken rows' "pw" is too short to be one. */
    private static final Pattern USER_PASSWORD = Pattern.compile("pw-\\d+");
    private static final SandboxServer SANDBOX = SandboxServer.start(
            new SandboxOptions(0, "sandbox", ACCESS_TOKEN, SandboxFaults.Settings.none()));

    @TempDir
    Path dir;

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void plainHttpToAnotherMachineIsRefusedBeforeAnythingIsSent() throws Exception {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        MigrationFixture migration = new MigrationFixture(jobs, "clear", 5, 0, 0, 0, 100, 7);
        Path output = dir.resolve("run.txt");
        Map<String, String> env = Map.of("MAXIM_API_ENDPOINT", "http://maxim.example.com:8080", "MAXIM_APP_ID", "sandbox",
                "MAXIM_ACCESS_TOKEN", ACCESS_TOKEN, "SPRING_DATASOURCE_URL", "jdbc:h2:file:" + dir.resolve("data/maxim-batch"));

        int exit = JarRunner.run(dir, output, env, "run", migration.jobFile.toString());

        String text = Files.readString(output);
        assertThat(exit).as(text).isEqualTo(2);
        assertThat(text).contains("http://maxim.example.com:8080 is plain http:// to another machine").doesNotContain(ACCESS_TOKEN)
                .doesNotContain("Exception");
    }

    @Test
    void noSecretInLogsReportsJobDatabaseOrApiAnswers() throws Exception {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        MigrationFixture migration = new MigrationFixture(jobs, "sec", 120, 150, 8, 1, 100, 7);
        Path output = dir.resolve("serve.txt");
        String db = dir.resolve("data/maxim-batch").toString();
        Map<String, String> env = Map.of(
                "MAXIM_API_ENDPOINT", SANDBOX.endpoint().toString(), "MAXIM_APP_ID", "sandbox",
                "MAXIM_ACCESS_TOKEN", ACCESS_TOKEN, "MAXIM_ADMIN_TOKEN", ADMIN_TOKEN, "MAXIM_JOBS_DIR", jobs.toString(),
                "SPRING_DATASOURCE_URL", "jdbc:h2:file:" + db, "SPRING_DATASOURCE_PASSWORD", DB_PASSWORD,
                "MAXIM_REJECTS_DIR", dir.resolve("rejects").toString(), "MAXIM_REPORTS_DIR", dir.resolve("reports").toString());
        List<String> answers = new ArrayList<>();
        Process serve = JarRunner.start(dir, output, env, "serve", "--port", "0");
        try {
            int port = JarRunner.adminPort(output, serve);
            await().atMost(Duration.ofMinutes(1)).ignoreExceptions().until(() -> get(port, "/actuator/health", answers).statusCode() == 200);
            String job = migration.jobFile.getFileName().toString().replace(".yml", "");
            long id = JsonMapper.builder().build().readTree(post(port, "/api/jobs/" + job + "/executions", answers).body()).get("id").asLong();
            JsonNode done = await().atMost(Duration.ofMinutes(2)).until(
                    () -> JsonMapper.builder().build().readTree(get(port, "/api/executions/" + id, answers).body()),
                    e -> !e.get("status").asString().equals("STARTED"));
            assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
            for (String path : List.of("/api/jobs", "/api/executions", "/api/executions/" + id + "/rejects?step=users",
                    "/api/rate-limit", "/actuator/prometheus", "/v3/api-docs", "/")) {
                assertThat(get(port, path, answers).statusCode()).as(path).isEqualTo(200);
            }
        } finally {
            serve.destroy();
            serve.waitFor();
        }

        List<String> places = new ArrayList<>(answers);
        places.add(Files.readString(output, StandardCharsets.UTF_8));
        places.add(Files.readString(dir.resolve("logs/maxim-batch.log"), StandardCharsets.UTF_8));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("logs/maxim-batch.log"))))
                .as("the log file, created by maxim-batch").isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("logs")))).isEqualTo("rwx------");
        for (String folder : List.of("rejects", "reports")) {
            try (Stream<Path> files = Files.list(dir.resolve(folder))) {
                for (Path file : files.toList()) {
                    places.add(Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + db, "sa", DB_PASSWORD);
             ResultSet rs = connection.createStatement().executeQuery("SCRIPT")) {
            StringBuilder dump = new StringBuilder();
            while (rs.next()) {
                dump.append(rs.getString(1)).append('\n');
            }
            assertThat(dump).as("the job database holds the run").contains("BATCH_JOB_EXECUTION_PARAMS", "sec-L1");
            places.add(dump.toString());
        }
        assertThat(places.get(places.size() - 1)).contains("sec_1");
        assertThat(places).allSatisfy(place -> assertThat(place)
                .doesNotContain(ACCESS_TOKEN).doesNotContain(ADMIN_TOKEN).doesNotContain(DB_PASSWORD)
                .doesNotContainPattern(USER_PASSWORD));
    }

    private static HttpResponse<String> get(int port, String path, List<String> answers) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET(), answers);
    }

    private static HttpResponse<String> post(int port, String path, List<String> answers) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")), answers);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, List<String> answers) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.header("Authorization", "Bearer " + ADMIN_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        answers.add(response.headers().map() + "\n" + response.body());
        return response;
    }
}
