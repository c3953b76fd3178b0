package io.maximbatch.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.maximbatch.JobTestSupport;
import io.maximbatch.JobTestSupport.UsersFile;
import io.maximbatch.maxim.CallGuard;
import io.maximbatch.sandbox.SandboxFaults;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The admin API as an operator calls it over HTTP, against the sandbox, on an H2 job database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.web-application-type=servlet", "maxim.admin.token=" + AdminApiTest.TOKEN})
class AdminApiTest {

    static final String TOKEN = "test-admin-token-0123456789abcdef";
    private static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path jobs;

    @TempDir
    static Path data;

    @LocalServerPort
    int port;

    @Autowired
    CallGuard guard;

    @Autowired
    JdbcTemplate jobDatabase;

    @Autowired
    JobRepository jobRepository;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> bodies = new java.util.ArrayList<>();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("maxim.api-endpoint", () -> SANDBOX.endpoint().toString());
        registry.add("maxim.app-id", () -> "sandbox");
        registry.add("maxim.access-token", () -> "sandbox-token");
        registry.add("maxim.rate-limit", () -> "2000");
        registry.add("maxim.retry.base-delay", () -> "5ms");
        registry.add("maxim.retry.max-attempts", () -> "3");
        registry.add("maxim.rejects-dir", () -> data.resolve("rejects").toString());
        registry.add("maxim.jobs-dir", jobs::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:admin-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void anonymousCallersAreRefusedButHealthIsOpen() throws Exception {
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("/api/jobs")).GET(), false);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JSON.readTree(anonymous.body()).get("status").asInt()).isEqualTo(401);

        HttpResponse<String> wrongToken = http.send(HttpRequest.newBuilder(uri("/api/jobs"))
                .header("Authorization", "Bearer " + TOKEN + "x").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongToken.statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET(), false).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/health")).GET(), false).statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET(), true).statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/v3/api-docs")).GET(), true).statusCode()).isEqualTo(200);
        assertNoTokenInAnyAnswer();
    }

    @Test
    void launchesAJobFileAndReportsItsExecution() throws Exception {
        UsersFile users = JobTestSupport.usersCsv(data, "adm", 30, true);
        JobTestSupport.jobFile(jobs, "admin-users", JobTestSupport.usersStep(users.file(), 10, 10, "reject"));

        JsonNode listed = json(send(HttpRequest.newBuilder(uri("/api/jobs")).GET(), true), 200);
        assertThat(listed.findValuesAsString("name")).contains("admin-users");

        JsonNode launched = json(send(HttpRequest.newBuilder(uri("/api/jobs/admin-users/executions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"batch\":\"one\"}")), true), 202);
        long id = launched.get("id").asLong();
        assertThat(launched.get("job").asString()).isEqualTo("admin-users");

        JsonNode done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> json(send(HttpRequest.newBuilder(uri("/api/executions/" + id)).GET(), true), 200),
                        e -> e.get("status").asString().equals("COMPLETED"));
        assertThat(done.get("exitCode").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("restartable").asBoolean()).isFalse();
        JsonNode step = done.get("steps").get(0);
        assertThat(step.get("name").asString()).isEqualTo("users");
        assertThat(step.get("written").asLong()).isEqualTo(30);
        assertThat(step.get("rejected").asLong()).isEqualTo(users.invalidLines().size());
        assertThat(step.get("read").asLong()).isEqualTo(30 + users.invalidLines().size());

        JsonNode ofJob = json(send(HttpRequest.newBuilder(uri("/api/executions?job=admin-users&status=COMPLETED")).GET(), true), 200);
        assertThat(ofJob.findValues("id")).extracting(JsonNode::asLong).containsExactly(id);

        HttpResponse<String> restart = send(HttpRequest.newBuilder(uri("/api/executions/" + id + "/restart"))
                .POST(HttpRequest.BodyPublishers.noBody()), true);
        assertThat(restart.statusCode()).isEqualTo(409);
        assertThat(restart.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JSON.readTree(restart.body()).get("detail").asString()).contains("COMPLETED", "FAILED or STOPPED");

        HttpResponse<String> rejects = send(HttpRequest.newBuilder(uri("/api/executions/" + id + "/rejects")).GET(), true);
        assertThat(rejects.statusCode()).isEqualTo(200);
        assertThat(rejects.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        List<String> lines = rejects.body().lines().toList();
        assertThat(lines.get(0)).startsWith("line,reason_code,reason,legacy_id,username");
        assertThat(lines).hasSize(users.invalidLines().size() + 1);

        // The job's ID map, as export-map writes it: every user it registered, with its MaxIM id.
        HttpResponse<String> map = send(HttpRequest.newBuilder(uri("/api/jobs/admin-users/map")).GET(), true);
        assertThat(map.statusCode()).isEqualTo(200);
        assertThat(map.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        List<String> mapLines = map.body().lines().toList();
        assertThat(mapLines.get(0)).isEqualTo("legacy_id,legacy_username,username,user_id");
        Map<String, Long> ids = SANDBOX.state().usersByName();
        assertThat(mapLines.subList(1, mapLines.size())).hasSize(30).allSatisfy(line -> {
            String[] cells = line.split(",");
            assertThat(cells[1]).isEqualTo(cells[2]);
            assertThat(Long.parseLong(cells[3])).as(line).isEqualTo(ids.get(cells[2]));
        });
        assertThat(send(HttpRequest.newBuilder(uri("/api/jobs/admin-users/map")).GET(), false).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri("/api/jobs/nobody/map")).GET(), true).statusCode()).isEqualTo(404);

        assertThat(send(HttpRequest.newBuilder(uri("/api/executions/999999")).GET(), true).statusCode()).isEqualTo(404);
        assertThat(Files.exists(jobs.resolve("admin-users.yml"))).isTrue();
        assertNoTokenInAnyAnswer();
    }

    @Test
    void aShiftedPasswordLeavesNoTraceInTheReportTheJobDatabaseOrTheApi() throws Exception {
        Path csv = data.resolve("shifted.csv");
        Files.writeString(csv, "legacy_id,username,password,nickname,=HYPERLINK(\"http://x\")\n"
                + "A1,shifted_one,password1x,One,x\nA3,S3cretPw_zz,bob\n");
        JobTestSupport.jobFile(jobs, "admin-shifted", JobTestSupport.usersStep(csv, 10, 10, "reject"));
        long id = json(send(HttpRequest.newBuilder(uri("/api/jobs/admin-shifted/executions"))
                .POST(HttpRequest.BodyPublishers.noBody()), true), 202).get("id").asLong();
        awaitStatus(id, "COMPLETED");

        List<String> report;
        try (var files = Files.list(data.resolve("rejects"))) {
            Path file = files.filter(f -> f.getFileName().toString().startsWith("admin-shifted-" + id + "-")).findFirst().orElseThrow();
            report = Files.readAllLines(file);
            assertThat(Files.getPosixFilePermissions(file)).as("a private file").isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(report).containsExactly(
                "line,reason_code,reason,legacy_id,username,password,nickname,\"'=HYPERLINK(\"\"http://x\"\")\"",
                "\"3\",\"MALFORMED_RECORD\",\"expected 5 columns, found 3\",\"A3\",\"***\",\"***\",\"\",\"\"");
        String download = send(HttpRequest.newBuilder(uri("/api/executions/" + id + "/rejects")).GET(), true).body();
        assertThat(download).contains("A3").doesNotContain("S3cretPw_zz");
        StringBuilder dump = new StringBuilder();
        jobDatabase.query("SCRIPT", row -> {
            dump.append(row.getString(1)).append('\n');
        });
        assertThat(dump).contains("A3").doesNotContain("S3cretPw_zz");
    }

    @Test
    void stopsRestartsAndAbandonsExecutions() throws Exception {
        UsersFile users = JobTestSupport.usersCsv(data, "ads", 100, false);
        JobTestSupport.jobFile(jobs, "admin-stop", JobTestSupport.usersStep(users.file(), 5, 5, "reject"));
        // Slow calls keep the job running long enough to be stopped between chunks.
        SANDBOX.faults().set(new SandboxFaults.Settings(100, 0, 0, 0, 0, null, 1));

        long first = launch("admin-stop", "{\"wave\":\"1\"}");
        JsonNode stopping = json(send(HttpRequest.newBuilder(uri("/api/executions/" + first + "/stop"))
                .POST(HttpRequest.BodyPublishers.noBody()), true), 202);
        assertThat(stopping.get("id").asLong()).isEqualTo(first);
        awaitStatus(first, "STOPPED");
        // Its last step may still be winding down for a moment after the execution says STOPPED.
        await().atMost(Duration.ofSeconds(30)).until(() -> json(send(HttpRequest.newBuilder(uri("/api/executions/" + first)), true), 200)
                .get("restartable").asBoolean());
        assertThat(send(HttpRequest.newBuilder(uri("/api/executions/" + first + "/stop"))
                .POST(HttpRequest.BodyPublishers.noBody()), true).statusCode()).isEqualTo(409);

        SANDBOX.faults().set(SandboxFaults.Settings.none());
        JsonNode restarted = json(send(HttpRequest.newBuilder(uri("/api/executions/" + first + "/restart"))
                .POST(HttpRequest.BodyPublishers.noBody()), true), 202);
        long second = restarted.get("id").asLong();
        assertThat(second).isNotEqualTo(first);
        awaitStatus(second, "COMPLETED");
        assertThat(SANDBOX.state().usersByName().keySet().stream().filter(n -> n.startsWith("ads_")).count()).isEqualTo(100);

        // Other users, so that the ID map leaves calls to make and the run lasts long enough to be stopped.
        UsersFile others = JobTestSupport.usersCsv(data, "adt", 100, false);
        JobTestSupport.jobFile(jobs, "admin-abandon", JobTestSupport.usersStep(others.file(), 5, 5, "reject"));
        SANDBOX.faults().set(new SandboxFaults.Settings(100, 0, 0, 0, 0, null, 1));
        long other = launch("admin-abandon", "{}");
        send(HttpRequest.newBuilder(uri("/api/executions/" + other + "/stop")).POST(HttpRequest.BodyPublishers.noBody()), true);
        awaitStatus(other, "STOPPED");
        // Until its step has ended, the stopped execution cannot be abandoned yet.
        await().atMost(Duration.ofSeconds(30)).until(() -> json(send(HttpRequest.newBuilder(uri("/api/executions/" + other)), true), 200)
                .get("restartable").asBoolean());
        JsonNode abandoned = json(send(HttpRequest.newBuilder(uri("/api/executions/" + other + "/abandon"))
                .POST(HttpRequest.BodyPublishers.noBody()), true), 200);
        assertThat(abandoned.get("status").asString()).isEqualTo("ABANDONED");
        assertThat(abandoned.get("restartable").asBoolean()).isFalse();
        assertThat(send(HttpRequest.newBuilder(uri("/api/executions/" + other + "/restart"))
                .POST(HttpRequest.BodyPublishers.noBody()), true).statusCode()).isEqualTo(409);
        assertThat(send(HttpRequest.newBuilder(uri("/api/executions/" + second + "/abandon"))
                .POST(HttpRequest.BodyPublishers.noBody()), true).statusCode()).isEqualTo(409);
        assertNoTokenInAnyAnswer();
    }

    @AfterEach
    void clearFaults() {
        SANDBOX.faults().set(SandboxFaults.Settings.none());
    }

    private long launch(String job, String parameters) throws Exception {
        JsonNode launched = json(send(HttpRequest.newBuilder(uri("/api/jobs/" + job + "/executions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(parameters)), true), 202);
        return launched.get("id").asLong();
    }

    private JsonNode awaitStatus(long id, String status) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> json(send(HttpRequest.newBuilder(uri("/api/executions/" + id)).GET(), true), 200),
                        e -> e.get("status").asString().equals(status));
    }

    @Test
    void theIdMapIsServedWithoutTheKeyPasswordsAreDerivedWith() throws Exception {
        UsersFile users = JobTestSupport.usersCsv(data, "keyless", 3, true);
        Path job = JobTestSupport.jobFile(jobs, "keyless-users", JobTestSupport.usersStep(users.file(), 10, 10, "reject")
                + "    password: { derive-key-env: MAXIM_KEY_NOBODY_SET }\n");
        try {
            HttpResponse<String> map = send(HttpRequest.newBuilder(uri("/api/jobs/keyless-users/map")).GET(), true);

            assertThat(map.statusCode()).as(map.body()).isEqualTo(200);
            assertThat(map.body().lines().toList()).containsExactly("legacy_id,legacy_username,username,user_id");
            // A run needs the key: launching is still refused.
            HttpResponse<String> launch = post("keyless-users", "{}");
            assertThat(launch.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(launch.body()).get("detail").asString()).contains("MAXIM_KEY_NOBODY_SET");
        } finally {
            Files.delete(job);
        }
    }

    @Test
    void refusesParametersThatLookLikeSecretsAndUnknownJobs() throws Exception {
        HttpResponse<String> secret = send(HttpRequest.newBuilder(uri("/api/jobs/admin-users/executions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"db.password\":\"x\"}")), true);
        assertThat(secret.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(secret.body()).get("detail").asString()).contains("looks like a secret");
        HttpResponse<String> unknown = send(HttpRequest.newBuilder(uri("/api/jobs/no-such-job/executions"))
                .POST(HttpRequest.BodyPublishers.noBody()), true);
        assertThat(unknown.statusCode()).isEqualTo(404);
        for (String name : List.of("api_key", "db_pwd", "auth", "bearer", "private.key", "apiKey")) {
            HttpResponse<String> refused = post("admin-users", JSON.writeValueAsString(Map.of(name, "x")));
            assertThat(refused.statusCode()).as(name).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).get("detail").asString()).as(name).contains("looks like a secret");
        }
        assertNoTokenInAnyAnswer();
    }

    @Test
    void refusesLongValuesTooManyParametersAndParametersTheJobFileDoesNotDeclare() throws Exception {
        UsersFile users = JobTestSupport.usersCsv(data, "adp", 3, false);
        Path job = JobTestSupport.jobFile(jobs, "admin-declared", JobTestSupport.usersStep(users.file(), 10, 10, "reject"));
        Files.writeString(job, Files.readString(job).replace("steps:", "parameters: [county, author]\nsteps:"));

        String longValue = "v".repeat(3000);
        HttpResponse<String> tooLong = post("admin-declared", "{\"county\":\"" + longValue + "\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(tooLong.body()).get("detail").asString())
                .isEqualTo("parameter county is 3000 characters long; at most 1000").doesNotContain("vvv");
        Map<String, String> many = new java.util.TreeMap<>();
        for (int i = 0; i < 51; i++) {
            many.put("p" + i, "x");
        }
        HttpResponse<String> tooMany = post("admin-declared", JSON.writeValueAsString(many));
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(tooMany.body()).get("detail").asString()).isEqualTo("at most 50 parameters, got 51");
        HttpResponse<String> undeclared = post("admin-declared", "{\"region\":\"north\"}");
        assertThat(undeclared.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(undeclared.body()).get("detail").asString())
                .isEqualTo("admin-declared does not accept parameter(s) region; admin-declared.yml declares county, author");

        long id = json(post("admin-declared", "{\"county\":\"" + "c".repeat(1000) + "\",\"author\":\"ann\"}"), 202).get("id").asLong();
        assertThat(awaitStatus(id, "COMPLETED").get("steps").get(0).get("written").asLong()).isEqualTo(3);
        assertNoTokenInAnyAnswer();
    }

    private HttpResponse<String> post(String job, String parameters) throws Exception {
        return send(HttpRequest.newBuilder(uri("/api/jobs/" + job + "/executions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(parameters)), true);
    }

    @Test
    void changesTheRateLimitLive() throws Exception {
        double before = guard.rate();
        try {
            JsonNode changed = json(send(HttpRequest.newBuilder(uri("/api/rate-limit")).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"requestsPerSecond\":123.5}")), true), 200);
            assertThat(changed.get("requestsPerSecond").asDouble()).isEqualTo(123.5);
            assertThat(guard.rate()).isEqualTo(123.5);
            JsonNode read = json(send(HttpRequest.newBuilder(uri("/api/rate-limit")).GET(), true), 200);
            assertThat(read.get("requestsPerSecond").asDouble()).isEqualTo(123.5);
            for (String wrong : List.of("-1", "1e-300", "0.05", "100001", "1e309")) {
                HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/api/rate-limit")).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"requestsPerSecond\":" + wrong + "}")), true);
                assertThat(refused.statusCode()).as(wrong).isEqualTo(400);
                assertThat(JSON.readTree(refused.body()).get("detail").asString()).as(wrong).contains("from 0.1 to 100000");
            }
            assertThat(guard.rate()).isEqualTo(123.5);
        } finally {
            guard.setRate(before);
        }
        assertNoTokenInAnyAnswer();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    @Test
    void aLargeRejectReportIsStreamedNotBuiltInMemory() throws Exception {
        JobParameters parameters = new JobParametersBuilder().addString("run-key", "large-" + UUID.randomUUID()).toJobParameters();
        JobExecution execution = jobRepository.createJobExecution(jobRepository.createJobInstance("admin-large", parameters), parameters,
                new ExecutionContext());
        jobRepository.createStepExecution("users", execution);
        long instance = execution.getJobInstance().getInstanceId();
        int rows = 50_000;
        List<Object[]> rejects = new java.util.ArrayList<>();
        for (int line = 2; line < rows + 2; line++) {
            rejects.add(new Object[] {instance, execution.getId(), Integer.toString(line), "{\"legacy_id\":\"L" + line + "\"}", (long) line});
        }
        jobDatabase.batchUpdate("INSERT INTO reject_record (job_instance_id, job_execution_id, step_name, source_line, reason_code, reason,"
                + " fields, created_at, line_order) VALUES (?, ?, 'users', ?, 'VALIDATION', 'username is missing', ?, CURRENT_TIMESTAMP, ?)", rejects);

        HttpResponse<String> report = send(HttpRequest.newBuilder(uri("/api/executions/" + execution.getId() + "/rejects")).GET(), true);

        assertThat(report.statusCode()).isEqualTo(200);
        List<String> lines = report.body().lines().toList();
        assertThat(lines).hasSize(rows + 1);
        assertThat(lines.get(0)).isEqualTo("line,reason_code,reason,legacy_id");
        assertThat(lines.get(1)).isEqualTo("\"2\",\"VALIDATION\",\"username is missing\",\"L2\"");
        assertThat(lines.get(rows)).isEqualTo("\"" + (rows + 1) + "\",\"VALIDATION\",\"username is missing\",\"L" + (rows + 1) + "\"");
        // Written as it is read: sent in chunks, its length unknown when the answer began.
        assertThat(report.headers().firstValue("Content-Length")).isEmpty();
        assertThat(report.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
    }

    @Test
    void guessingTheTokenIsSlowedDown() throws Exception {
        java.util.List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(send(HttpRequest.newBuilder(uri("/api/jobs")).header("Authorization", "Bearer guess-" + i).GET(), false).statusCode());
        }

        assertThat(statuses).contains(429).allMatch(status -> status == 401 || status == 429);
        // A second later the right token works again.
        await().atMost(Duration.ofSeconds(5)).until(() -> send(HttpRequest.newBuilder(uri("/api/jobs")).GET(), true).statusCode() == 200);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, boolean withToken) throws Exception {
        if (withToken) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        bodies.add(response.body() + response.headers().map());
        return response;
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private void assertNoTokenInAnyAnswer() {
        assertThat(bodies).isNotEmpty().noneSatisfy(body -> assertThat(body).contains(TOKEN));
    }
}
