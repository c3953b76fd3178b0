package io.maximbatch.maxim;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.maxim.StubMaxim.Answer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A test send's delivery fetch: /push/task/detail's figures paired with their tasks by task_id, whatever the answer's order. */
class PushTaskFiguresTest {

    @Test
    void figuresArePairedByTaskIdAndATaskTheAnswerLeavesOutIsAbsent() {
        try (StubMaxim stub = new StubMaxim()) {
            stub.answer(Answer.ok("[{\"task_id\":8,\"fcm_target\":1,\"fcm_sent\":1,\"fcm_received\":0},"
                    + "{\"task_id\":7,\"apns_target\":2,\"apns_sent\":2,\"apns_received\":1,\"mxpush_target\":0}]"));

            Map<Long, Map<String, Long>> figures = PushTaskFigures.of(client(stub.uri()), List.of(7L, 8L, 9L));

            assertThat(figures).containsOnlyKeys(7L, 8L);
            assertThat(figures.get(7L)).isEqualTo(Map.of("apns_received", 1L, "apns_sent", 2L, "apns_target", 2L, "mxpush_target", 0L));
            assertThat(figures.get(8L)).containsEntry("fcm_sent", 1L).doesNotContainKey("task_id");
            assertThat(stub.seen()).singleElement().satisfies(seen -> {
                assertThat(seen.pathAndQuery()).isEqualTo("/push/task/detail");
                assertThat(seen.body()).isEqualTo("{\"list\":[7,8,9]}");
            });
        }
    }

    private static MaximClient client(URI uri) {
        MaximTransport transport = new MaximTransport(new MaximEndpoint(uri, "app", "token"),
                MaximTransport.defaultHttpClient(Duration.ofSeconds(2)), Duration.ofSeconds(2));
        return new MaximClient(transport, new CallGuard(1000, new RetrySettings(3, Duration.ofMillis(10), 2.0, Duration.ofSeconds(1),
                Duration.ofSeconds(5))));
    }
}
