package io.maximbatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** The sandbox's /push/task/detail: the documented formula, per task, in an order other than asked. */
class PushTaskEndpointsTest {

    private static final Map<String, Object> TEXT = Map.of("type", "text", "body", "Welcome");

    private SandboxServer server;
    private SandboxClient client;

    @BeforeEach
    void start() {
        server = SandboxServer.start(SandboxOptions.defaults());
        client = new SandboxClient(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void eachTaskGetsTheFiguresOfTheDocumentedFormulaListedInTheReverseOfTheOrderAskedWithoutUnknownTasks() throws Exception {
        // 0 (apns, k=0: received), 57 (fcm, k=7: sent, not received), 64 (apns, k=8: unreachable),
        // 72 (apns, k=9: no device, not a target), 9 (fcm, k=1: received)
        long first = push(List.of(0L, 57L, 64L, 72L), "r-1");
        long second = push(List.of(9L), "r-2");

        var answer = client.post("/push/task/detail", Map.of("list", List.of(first, 123L, second)));

        assertThat(answer.code()).isEqualTo(200);
        List<Long> order = new ArrayList<>();
        answer.data().forEach(detail -> order.add(detail.path("task_id").asLong()));
        assertThat(order).as("the reverse of the order asked, the unknown task left out").containsExactly(second, first);
        JsonNode one = answer.data().get(1);
        assertThat(List.of(one.path("apns_target").asLong(), one.path("apns_sent").asLong(), one.path("apns_received").asLong()))
                .containsExactly(2L, 1L, 1L);
        assertThat(List.of(one.path("fcm_target").asLong(), one.path("fcm_sent").asLong(), one.path("fcm_received").asLong()))
                .containsExactly(1L, 1L, 0L);
        assertThat(one.path("mxpush_target").asLong()).isZero();
        JsonNode two = answer.data().get(0);
        assertThat(List.of(two.path("fcm_target").asLong(), two.path("fcm_sent").asLong(), two.path("fcm_received").asLong()))
                .containsExactly(1L, 1L, 1L);
        assertThat(SandboxDelivery.of(server.state(), List.of(first, second)).get("fcm")).isEqualTo(new SandboxDelivery.Figures(2, 2, 1));
    }

    @Test
    void aRepeatedRequestIdAnswersTheSameTaskAndPushesNothingAgain() throws Exception {
        long first = push(List.of(1L, 2L), "same");
        long again = push(List.of(1L, 2L), "same");
        long other = push(List.of(1L, 2L), "other");

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(server.state().pushes()).extracting(SandboxState.PushView::taskId).containsExactly(first, other);
    }

    private long push(List<Long> users, String requestId) throws Exception {
        var answer = client.post("/push/notify", Map.of("audience", Map.of("user_id", users), "message", TEXT,
                "setting", Map.of("request_id", requestId)));
        assertThat(answer.code()).isEqualTo(200);
        return answer.data().path("task_id").asLong();
    }
}
