package io.maximbatch.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maximbatch.JobTestSupport;
import io.maximbatch.execution.Executions;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import io.maximbatch.sandbox.SandboxState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** A test send reaches the named people only, with the run's filled texts, and leaves the run's send ledger alone (H2). */
@SpringBootTest
class TestSendJobTest {

    private static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());

    @TempDir
    static Path rejects;

    @TempDir
    Path dir;

    @Autowired
    TestSends testSends;

    @Autowired
    Executions runs;

    @Autowired
    JobFileParser parser;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        JobTestSupport.sandboxProperties(registry, SANDBOX, rejects);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:testsend-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("maxim.campaigns.test-send-wait", () -> "0s");
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void aTestSendPushesEachSegmentsFilledMessageToTheNamedPeopleOnlyAndALaterRunStillReachesEveryoneOnce() throws Exception {
        String p = "ts";
        Path users = JobTestSupport.usersCsv(dir, p, 6, false).file();
        assertThat(runs.run(parser.parse(JobTestSupport.jobFile(dir, p + "-users", JobTestSupport.usersStep(users, 100, 500, "reject"))),
                Map.of(), false, n -> { }).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Path job = JobTestSupport.jobFile(dir, p + "-welcome", """
                  - name: welcome
                    type: push-campaign
                    segments:
                      - name: vip
                        audience: { csv: %s }
                        message: { title: "VIP ${day}", body: "for you" }
                      - name: everyone
                        audience: { csv: %s }
                        message: { title: "Hello ${day}", body: "for all" }
                """.formatted(write("vip.csv", "legacy_id\n" + p + "-L1\n" + p + "-L2\n"),
                write("all.csv", "legacy_id\n" + java.util.stream.IntStream.rangeClosed(1, 6).mapToObj(i -> p + "-L" + i + "\n")
                        .reduce("", String::concat))));
        int before = SANDBOX.state().pushes().size();

        TestSendReport report = testSends.send(parser.parse(job), Map.of("day", "Monday"), List.of(p + "-L2", p + "-L5", p + "-L99", p + "-L2"));

        List<SandboxState.PushView> tested = SANDBOX.state().pushes().subList(before, SANDBOX.state().pushes().size());
        assertThat(pushesPerUser(tested)).as("each named person gets each segment's message once")
                .isEqualTo(Map.of(userId(p, 2), List.of("VIP Monday", "Hello Monday"), userId(p, 5), List.of("VIP Monday", "Hello Monday")));
        assertThat(tested).allSatisfy(push -> assertThat(push.requestId()).startsWith("test-send-"));
        assertThat(report.sent()).extracting(TestSendReport.Sent::segment).containsExactly("vip", "everyone");
        assertThat(report.sent().get(0).message()).containsEntry("title", "VIP Monday").containsEntry("body", "for you");
        assertThat(report.sent().get(0).to()).containsExactly(p + "-L2", p + "-L5");
        assertThat(report.sent()).allSatisfy(sent -> assertThat(sent.taskId()).isNotNull());
        assertThat(report.notSent()).containsExactly(new TestSendReport.NotSent(p + "-L99", "UNKNOWN_USER", CampaignReject.UNKNOWN_USER.why(p + "-L99").reason()));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM send_ledger WHERE job_name = ?", Long.class, p + "-welcome")).isZero();

        int afterTest = SANDBOX.state().pushes().size();
        assertThat(runs.run(parser.parse(job), Map.of("day", "Monday"), false, n -> { }).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        Map<Long, List<String>> run = pushesPerUser(SANDBOX.state().pushes().subList(afterTest, SANDBOX.state().pushes().size()));
        Map<Long, List<String>> expected = new TreeMap<>();
        for (int i = 1; i <= 6; i++) {
            expected.put(userId(p, i), List.of(i <= 2 ? "VIP Monday" : "Hello Monday"));
        }
        assertThat(run).as("the run reaches everyone once, the tested ones included").isEqualTo(expected);
    }

    @Test
    void aMessageCampaignToGroupsIsTestSentToTheNamedPeopleThemselves() throws Exception {
        String p = "tm";
        Path users = JobTestSupport.usersCsv(dir, p, 3, false).file();
        runs.run(parser.parse(JobTestSupport.jobFile(dir, p + "-users", JobTestSupport.usersStep(users, 100, 500, "reject"))),
                Map.of(), false, n -> { });
        Path job = JobTestSupport.jobFile(dir, p + "-notice", """
                  - name: notice
                    type: send-message
                    to: groups
                    audience: { csv: %s }
                    message: { content: "Maintenance on ${day}" }
                """.formatted(write("groups.csv", "legacy_group_id\nG1\n")));
        int before = SANDBOX.state().messages().size();

        TestSendReport report = testSends.send(parser.parse(job), Map.of("day", "Sunday"), List.of(p + "-L3"));

        assertThat(SANDBOX.state().messages().subList(before, SANDBOX.state().messages().size()))
                .singleElement().satisfies(message -> {
                    assertThat(message.type()).as("to a user").isEqualTo(1);
                    assertThat(message.targets()).containsExactly(userId(p, 3));
                    assertThat(message.content()).isEqualTo("Maintenance on Sunday");
                });
        assertThat(report.failed()).isFalse();
        assertThat(report.delivery()).isEmpty();
    }

    @Test
    void aJobWithoutACampaignStepOrNoOneNamedIsRefused() throws Exception {
        Path users = JobTestSupport.usersCsv(dir, "tn", 1, false).file();
        Path plain = JobTestSupport.jobFile(dir, "tn-users", JobTestSupport.usersStep(users, 100, 500, "reject"));
        Path push = JobTestSupport.jobFile(dir, "tn-push", """
                  - name: hello
                    type: push-campaign
                    audience: { all: true }
                    message: { title: "Hi", body: "there" }
                """);
        int before = SANDBOX.state().pushes().size();

        assertThatThrownBy(() -> testSends.send(parser.parse(plain), Map.of(), List.of("tn-L1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tn-users has no campaign step");
        assertThatThrownBy(() -> testSends.send(parser.parse(push), Map.of(), List.of(" ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs the legacy ids");
        assertThat(SANDBOX.state().pushes()).hasSize(before);
    }

    /** Each user's push titles, in the order pushed. */
    private static Map<Long, List<String>> pushesPerUser(List<SandboxState.PushView> pushes) {
        Map<Long, List<String>> titles = new TreeMap<>();
        for (SandboxState.PushView push : pushes) {
            for (JsonNode id : push.audience().path("user_id")) {
                titles.computeIfAbsent(id.asLong(), k -> new ArrayList<>()).add(push.message().path("title").asString());
            }
        }
        return titles;
    }

    private static long userId(String prefix, int n) {
        return SANDBOX.state().usersByName().get(prefix + "_" + n);
    }

    private Path write(String name, String text) {
        Path file = dir.resolve(name);
        JobTestSupport.write(file, text);
        return file.toAbsolutePath();
    }
}
