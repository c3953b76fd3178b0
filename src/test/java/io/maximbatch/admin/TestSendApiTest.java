package io.maximbatch.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobTestSupport;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import io.maximbatch.sandbox.SandboxState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** POST /api/jobs/{name}/test-send: the named people only, the report as JSON, 400 for what cannot be sent; a later run still reaches everyone once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.web-application-type=servlet", "maxim.admin.token=" + TestSendApiTest.TOKEN})
class TestSendApiTest {

    static final String TOKEN = "testsend-admin-token-0123456789abcdef";
    private static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());

    @TempDir
    static Path jobs;

    @TempDir
    static Path data;

    @LocalServerPort
    int port;

    private AdminHttp api;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        JobTestSupport.sandboxProperties(registry, SANDBOX, data);
        registry.add("maxim.jobs-dir", jobs::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:testsend-api-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("maxim.campaigns.test-send-wait", () -> "0s");
    }

    @BeforeEach
    void client() {
        api = new AdminHttp(port, TOKEN);
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void aTestSendReachesExactlyTheNamedPeopleAndALaterRunReachesEveryoneOnce() {
        JobTestSupport.jobFile(jobs, "ta-users", JobTestSupport.usersStep(JobTestSupport.usersCsv(data, "ta", 4, false).file(), 100, 500, "reject"));
        Path audience = data.resolve("ta-audience.csv");
        JobTestSupport.write(audience, "legacy_id\nta-L1\nta-L2\nta-L3\nta-L4\n");
        JobTestSupport.jobFile(jobs, "ta-news", """
                  - name: news
                    type: push-campaign
                    audience: { csv: %s }
                    message: { title: "News on ${day}", body: "Read all about it" }
                """.formatted(audience.toAbsolutePath()));
        api.awaitStatus(api.launch("ta-users"), "COMPLETED", Duration.ofSeconds(60));
        int before = SANDBOX.state().pushes().size();

        JsonNode report = api.json(api.post("/api/jobs/ta-news/test-send", "{\"to\": [\"ta-L3\", \"ta-L9\"], \"parameters\": {\"day\": \"Friday\"}}"), 200);

        assertThat(pushesPerUser(before)).isEqualTo(Map.of(userId(3), 1));
        assertThat(report.get("job").asString()).isEqualTo("ta-news");
        JsonNode sent = report.get("sent").get(0);
        assertThat(sent.get("to").get(0).asString()).isEqualTo("ta-L3");
        assertThat(sent.get("message").get("title").asString()).isEqualTo("News on Friday");
        assertThat(sent.get("taskId").isIntegralNumber()).isTrue();
        assertThat(report.get("notSent").get(0).get("legacyId").asString()).isEqualTo("ta-L9");
        assertThat(report.get("notSent").get(0).get("code").asString()).isEqualTo("UNKNOWN_USER");
        int afterTest = SANDBOX.state().pushes().size();

        api.awaitStatus(api.json(api.post("/api/jobs/ta-news/executions", "{\"day\": \"Friday\"}"), 202).get("id").asLong(), "COMPLETED",
                Duration.ofSeconds(60));

        assertThat(pushesPerUser(afterTest)).as("everyone once, the tested one included")
                .isEqualTo(IntStream.rangeClosed(1, 4).boxed().collect(Collectors.toMap(TestSendApiTest::userId, i -> 1)));
    }

    @Test
    void aJobWithoutACampaignOrNoOneToSendToIs400AndSendsNothing() {
        JobTestSupport.jobFile(jobs, "tb-users", JobTestSupport.usersStep(JobTestSupport.usersCsv(data, "tb", 1, false).file(), 100, 500, "reject"));
        JobTestSupport.jobFile(jobs, "tb-push", """
                  - name: hello
                    type: push-campaign
                    audience: { all: true }
                    message: { title: "Hi", body: "there" }
                """);
        int before = SANDBOX.state().pushes().size();

        assertThat(api.json(api.post("/api/jobs/tb-users/test-send", "{\"to\": [\"tb-L1\"]}"), 400).get("detail").asString())
                .contains("tb-users has no campaign step");
        assertThat(api.json(api.post("/api/jobs/tb-push/test-send", "{\"to\": []}"), 400).get("detail").asString())
                .contains("needs the legacy ids");
        assertThat(api.json(api.post("/api/jobs/tb-push/test-send", "{\"to\": [\"nobody\"]}"), 400).get("detail").asString())
                .contains("nothing was sent", "nobody");
        assertThat(api.json(api.post("/api/jobs/no-such-job/test-send", "{\"to\": [\"tb-L1\"]}"), 404)).isNotNull();
        assertThat(SANDBOX.state().pushes()).hasSize(before);
    }

    private static Map<Long, Integer> pushesPerUser(int from) {
        Map<Long, Integer> counts = new TreeMap<>();
        for (SandboxState.PushView push : SANDBOX.state().pushes().subList(from, SANDBOX.state().pushes().size())) {
            for (JsonNode id : push.audience().path("user_id")) {
                counts.merge(id.asLong(), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static long userId(int n) {
        return SANDBOX.state().usersByName().get("ta_" + n);
    }
}
