package io.maximbatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CampaignEndpointsTest {

    private static final Map<String, Object> TEXT = Map.of("type", "text", "title", "Hi", "body", "Welcome");

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
    void pushesToEveryoneOrToAList() throws Exception {
        var all = client.post("/push/notify", Map.of("audience", "all", "message", TEXT));
        var tagged = client.post("/push/notify", Map.of("audience", Map.of("tag", List.of("vip")), "message", TEXT));

        assertThat(all.code()).isEqualTo(200);
        assertThat(all.data().path("task_id").asLong()).isPositive();
        assertThat(tagged.code()).isEqualTo(200);
        assertThat(server.state().pushes()).hasSize(2);
        assertThat(server.state().pushes().get(1).audience().path("tag").get(0).asString()).isEqualTo("vip");
    }

    @Test
    void refusesMoreThan500TargetsWith12005() throws Exception {
        List<Long> ids = IntStream.range(0, 501).mapToObj(i -> 100_000_001L + i).toList();

        var over = client.post("/push/notify", Map.of("audience", Map.of("user_id", ids), "message", TEXT));
        var atCap = client.post("/push/notify",
                Map.of("audience", Map.of("user_id", ids.subList(0, 500)), "message", TEXT));

        assertThat(over.code()).isEqualTo(12005);
        assertThat(atCap.code()).isEqualTo(200);
        assertThat(server.state().pushes()).hasSize(1);
    }

    @Test
    void refusesMalformedPushes() throws Exception {
        var twoKeys = Map.of("tag", List.of("a"), "alias", List.of("b"));
        assertThat(client.post("/push/notify", Map.of("audience", twoKeys, "message", TEXT)).code()).isEqualTo(10002);
        assertThat(client.post("/push/notify", Map.of("audience", "some", "message", TEXT)).code()).isEqualTo(10002);
        assertThat(client.post("/push/notify", Map.of("audience", "all", "message", Map.of("type", "text"))).code())
                .isEqualTo(10002);
        assertThat(client.post("/push/notify", Map.of("audience", "all", "message", Map.of("type", "video"))).code())
                .isEqualTo(10002);
        assertThat(client.post("/push/notify", Map.of("audience", "all")).code()).isEqualTo(10002);
        assertThat(server.state().pushes()).isEmpty();
    }

    @Test
    void aRepeatedRequestIdIsNotPushedAgain() throws Exception {
        Map<String, Object> body = Map.of("audience", Map.of("alias", List.of("a", "b")), "message", TEXT,
                "setting", Map.of("request_id", "welcome-run1-batch7"));

        var first = client.post("/push/notify", body);
        var again = client.post("/push/notify", body);

        assertThat(again.code()).isEqualTo(200);
        assertThat(again.data().path("task_id").asLong()).isEqualTo(first.data().path("task_id").asLong());
        assertThat(server.state().pushes()).singleElement()
                .satisfies(p -> assertThat(p.requestId()).isEqualTo("welcome-run1-batch7"));
    }

    @Test
    void sendsMessagesOnceForATransactionId() throws Exception {
        long ann = client.register("ann");
        long bob = client.register("bob");
        Map<String, Object> body = new HashMap<>(Map.of("targets", List.of(ann, bob), "type", 1,
                "content", "hello", "content_type", 0, "transaction_id", 777L));

        assertThat(client.post("/message/send", body).data().asBoolean()).isTrue();
        assertThat(client.post("/message/send", body).code()).isEqualTo(200);
        body.remove("transaction_id");
        assertThat(client.post("/message/send", body).code()).isEqualTo(200);

        assertThat(server.state().messages()).hasSize(2);
        var first = server.state().messages().get(0);
        assertThat(first.transactionId()).isEqualTo(777L);
        assertThat(first.type()).isEqualTo(1);
        assertThat(first.targets()).containsExactly(ann, bob);
        assertThat(first.content()).isEqualTo("hello");
    }

    @Test
    void refusesUnknownTargets() throws Exception {
        long ann = client.register("ann");
        assertThat(client.post("/message/send", Map.of("targets", List.of(ann, 5L), "type", 1, "content", "x"))
                .code()).isEqualTo(10000);
        assertThat(client.post("/message/send", Map.of("targets", List.of(5L), "type", 2, "content", "x"))
                .code()).isEqualTo(20001);
        assertThat(client.post("/message/send", Map.of("targets", List.of(ann), "type", 3, "content", "x"))
                .code()).isEqualTo(10002);
        assertThat(server.state().messages()).isEmpty();
    }
}
