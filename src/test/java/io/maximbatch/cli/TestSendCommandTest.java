package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobTestSupport;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import io.maximbatch.sandbox.SandboxState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** `run <campaign-job> --test-to`: the named people only, what was sent printed, exit codes; a later run still reaches everyone once. */
class TestSendCommandTest {

    private static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());
    private static final Map<String, String> SETTINGS = Map.of(
            "spring.datasource.url", "jdbc:h2:mem:testsend-cli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            "maxim.api-endpoint", SANDBOX.endpoint().toString(), "maxim.app-id", "sandbox", "maxim.access-token", "sandbox-token",
            "maxim.rate-limit", "2000", "maxim.campaigns.test-send-wait", "0s");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void aTestSendReachesExactlyTheNamedPeoplePrintsWhatItSentAndALaterRunReachesEveryoneOnce() {
        Path users = JobTestSupport.jobFile(dir, "tc-users", JobTestSupport.usersStep(JobTestSupport.usersCsv(dir, "tc", 5, false).file(),
                100, 500, "reject"));
        Path campaign = campaign("tc");
        assertThat(command("run", users.toString())).as(out + "\n" + err).isZero();
        int before = SANDBOX.state().pushes().size();

        int exit = command("run", campaign.toString(), "day=Friday", "--test-to", "tc-L1,tc-L4,tc-L77");

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(pushesPerUser(before)).isEqualTo(Map.of(userId("tc", 1), 1, userId("tc", 4), 1));
        assertThat(err.toString()).contains("Sent; waiting 0 s before asking MaxIM for the delivery of 1 push(es)");
        assertThat(out.toString()).contains("Sent news/news to tc-L1, tc-L4 (user ids " + userId("tc", 1) + ", " + userId("tc", 4)
                + "): type \"text\", title \"News on Friday\", body \"Read all about it\"  (task ",
                "Not sent to tc-L77: UNKNOWN_USER legacy user tc-L77 is not in MaxIM",
                "not recorded in the run's send ledger");
        int afterTest = SANDBOX.state().pushes().size();

        assertThat(command("run", campaign.toString(), "day=Friday")).as(out + "\n" + err).isZero();

        assertThat(pushesPerUser(afterTest)).as("everyone once, the tested ones included")
                .isEqualTo(IntStream.rangeClosed(1, 5).boxed().collect(Collectors.toMap(i -> userId("tc", i), i -> 1)));
    }

    @Test
    void aJobWithoutACampaignNoOneNamedOrNoOneKnownIsExitCode2AndSendsNothing() {
        Path users = JobTestSupport.jobFile(dir, "tx-users", JobTestSupport.usersStep(JobTestSupport.usersCsv(dir, "tx", 1, false).file(),
                100, 500, "reject"));
        Path campaign = campaign("tx");
        int before = SANDBOX.state().pushes().size();

        assertThat(command("run", users.toString(), "--test-to", "tx-L1")).isEqualTo(MaximBatchCommand.USAGE);
        assertThat(err.toString()).contains("maxim-batch: tx-users has no campaign step (push-campaign or send-message)");
        assertThat(command("run", campaign.toString(), "day=Friday", "--test-to", "")).isEqualTo(MaximBatchCommand.USAGE);
        assertThat(err.toString()).contains("maxim-batch: a test send needs the legacy ids of the people to send it to");
        assertThat(command("run", campaign.toString(), "day=Friday", "--test-to", "nobody-1")).isEqualTo(MaximBatchCommand.USAGE);
        assertThat(err.toString()).contains("maxim-batch: nothing was sent: none of the named people is in the ID map");
        assertThat(command("run", campaign.toString(), "--test-to", "tx-L1", "--dry-run")).isEqualTo(MaximBatchCommand.USAGE);
        assertThat(err.toString()).contains("maxim-batch: --test-to does not go with --dry-run, --json or --new");
        assertThat(SANDBOX.state().pushes()).hasSize(before);
    }

    private Path campaign(String prefix) {
        Path audience = dir.resolve(prefix + "-audience.csv");
        JobTestSupport.write(audience, "legacy_id\n" + IntStream.rangeClosed(1, 5).mapToObj(i -> prefix + "-L" + i + "\n").collect(Collectors.joining()));
        return JobTestSupport.jobFile(dir, prefix + "-news", """
                  - name: news
                    type: push-campaign
                    audience: { csv: %s }
                    message: { title: "News on ${day}", body: "Read all about it" }
                """.formatted(audience.toAbsolutePath()));
    }

    private int command(String... args) {
        SETTINGS.forEach(System::setProperty);
        System.setProperty("maxim.rejects-dir", dir.resolve("rejects").toString());
        try {
            return MaximBatchCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            SETTINGS.keySet().forEach(System::clearProperty);
            System.clearProperty("maxim.rejects-dir");
        }
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

    private static long userId(String prefix, int n) {
        return SANDBOX.state().usersByName().get(prefix + "_" + n);
    }
}
