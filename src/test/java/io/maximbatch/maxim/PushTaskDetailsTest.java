package io.maximbatch.maxim;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.maxim.MaximModel.PushMessage;
import io.maximbatch.maxim.MaximModel.PushNotify;
import io.maximbatch.sandbox.SandboxDelivery;
import io.maximbatch.sandbox.SandboxFaults;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /push/task/detail read through the client: in slices, retried, each task's figures matched by its own task id. */
class PushTaskDetailsTest {

    private static final RetrySettings FAST = new RetrySettings(6, Duration.ofMillis(5), 2.0, Duration.ofMillis(50), Duration.ofSeconds(10));

    private SandboxServer sandbox;
    private MaximClient client;

    @BeforeEach
    void start() {
        sandbox = SandboxServer.start(SandboxOptions.defaults());
        MaximTransport transport = new MaximTransport(new MaximEndpoint(sandbox.endpoint(), "sandbox", "sandbox-token"),
                MaximTransport.defaultHttpClient(Duration.ofSeconds(2)), Duration.ofSeconds(2));
        client = new MaximClient(transport, new CallGuard(1000, FAST));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void manyTasksAreAskedInSlicesThroughFaultsAndEachGetsItsOwnFigures() {
        List<Long> tasks = new ArrayList<>();
        for (long user = 0; user < 250; user++) {
            tasks.add(client.pushNotify(new PushNotify(Map.of("user_id", List.of(user)), new PushMessage("text", null, "hi", null, null),
                    Map.of("request_id", "r" + user)), new CallTrace()));
        }
        tasks.add(999_999L);

        Map<Long, PushTaskDetails.Detail> details = PushTaskDetails.of(client, tasks);

        assertThat(sandbox.state().servedByCall().get("POST /push/task/detail")).as("251 tasks in slices of 100").isEqualTo(3);
        sandbox.faults().set(new SandboxFaults.Settings(0, 0, 0.2, 0, 0.1, null, 3));
        assertThat(PushTaskDetails.of(client, tasks)).as("503s and lost answers are retried").isEqualTo(details);
        sandbox.faults().set(SandboxFaults.Settings.none());
        assertThat(details).as("a task MaxIM does not report is absent").hasSize(250).doesNotContainKey(999_999L);
        for (int user = 0; user < 250; user++) {
            Map<String, SandboxDelivery.Figures> expected = SandboxDelivery.of(sandbox.state(), List.of(tasks.get(user)));
            PushTaskDetails.Detail detail = details.get(tasks.get(user));
            expected.forEach((channel, f) -> assertThat(detail.channels().get(channel)).as(channel)
                    .isEqualTo(new PushTaskDetails.Counts(f.target(), f.sent(), f.received())));
        }
    }

    @Test
    void aRefusedSliceIsAskedAgainInHalvesSoThatOnlyTheRefusedTaskIsUnknownAndIdsMayBeStrings() {
        try (StubMaxim stub = new StubMaxim()) {
            MaximClient client = stub.client();
            String refused = "{\"code\":10002,\"message\":\"task not found\"}";
            stub.answer(StubMaxim.Answer.json(refused),
                    StubMaxim.Answer.ok("[{\"task_id\":\"11\",\"apns_target\":\"3\",\"apns_sent\":2,\"apns_received\":1}]"),
                    StubMaxim.Answer.json(refused), StubMaxim.Answer.json(refused), StubMaxim.Answer.ok("[{\"task_id\":14,\"fcm_sent\":5}]"));

            Map<Long, PushTaskDetails.Detail> found = PushTaskDetails.of(client, List.of(11L, 12L, 13L, 14L));

            assertThat(found.keySet()).containsExactlyInAnyOrder(11L, 14L);
            assertThat(found.get(11L).channels().get("apns")).isEqualTo(new PushTaskDetails.Counts(3, 2, 1));
            assertThat(stub.seen()).extracting(StubMaxim.Seen::body).containsExactly("{\"list\":[11,12,13,14]}", "{\"list\":[11,12]}",
                    "{\"list\":[13,14]}", "{\"list\":[13]}", "{\"list\":[14]}");
        }
    }
}
