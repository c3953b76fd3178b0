package io.maximbatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class SandboxControlTest {

    private SandboxServer server;
    private SandboxClient client;
    private SandboxClient anonymous;

    @BeforeEach
    void start() {
        server = SandboxServer.start(SandboxOptions.defaults());
        client = new SandboxClient(server);
        anonymous = client.with("app_id", null).with("access-token", null);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void dumpsTheStoreAsJson() throws Exception {
        long ann = client.register("ann");
        long bob = client.register("bob");
        client.as(ann).post("/user/add_roster", Map.of("list", List.of(bob)));
        client.as(ann).post("/group/create", Map.of("name", "G", "user_list", List.of(bob)));
        client.post("/push/notify", Map.of("audience", "all", "message", Map.of("type", "cmd"),
                "setting", Map.of("request_id", "r1")));
        client.post("/message/send", Map.of("targets", List.of(bob), "type", 1, "content", "hi",
                "transaction_id", 5L));

        var reply = anonymous.get("/sandbox/state");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode state = reply.body();
        assertThat(state.path("users").path("ann").asLong()).isEqualTo(ann);
        assertThat(state.path("friends").path(Long.toString(ann)).get(0).asLong()).isEqualTo(bob);
        JsonNode group = state.path("groups").get(0);
        assertThat(group.path("owner_id").asLong()).isEqualTo(ann);
        assertThat(group.path("name").asString()).isEqualTo("G");
        assertThat(group.path("members")).hasSize(2);
        assertThat(group.path("destroyed").asBoolean()).isFalse();
        assertThat(state.path("pushes").get(0).path("request_id").asString()).isEqualTo("r1");
        assertThat(state.path("pushes").get(0).path("audience").asString()).isEqualTo("all");
        assertThat(state.path("messages").get(0).path("transaction_id").asLong()).isEqualTo(5L);
        assertThat(state.path("messages").get(0).path("content").asString()).isEqualTo("hi");
        assertThat(state.path("counters").path("registration_calls_succeeded").asLong()).isEqualTo(2);
        assertThat(state.path("counters").path("requests_served").asLong()).isEqualTo(6);
        assertThat(state.path("counters").path("answered_429").asLong()).isZero();
    }

    @Test
    void changesFaultsLiveAndIsNeverFaultedItself() throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("p20000", 1.0);
        body.put("latency_ms", 5);
        body.put("seed", 3);

        var put = anonymous.put("/sandbox/faults", body);

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body().path("p20000").asDouble()).isEqualTo(1.0);
        assertThat(server.faults().settings())
                .isEqualTo(new SandboxFaults.Settings(5, 0, 0, 1.0, 0, null, 3));
        assertThat(client.post("/user/register/v2", Map.of("username", "x1", "password", "pw")).code())
                .isEqualTo(20000);
        assertThat(anonymous.get("/sandbox/state").status()).isEqualTo(200);

        body.clear();
        body.put("p20000", 0);
        body.put("forced_code", 10008);
        anonymous.put("/sandbox/faults", body);
        assertThat(client.post("/user/register/v2", Map.of("username", "x1", "password", "pw")).code())
                .isEqualTo(10008);

        body.clear();
        body.put("forced_code", null);
        anonymous.put("/sandbox/faults", body);
        assertThat(server.faults().settings().forcedCode()).isNull();
        assertThat(client.post("/user/register/v2", Map.of("username", "x1", "password", "pw")).code())
                .isEqualTo(200);
    }

    @Test
    void refusesImpossibleFaults() throws Exception {
        assertThat(anonymous.put("/sandbox/faults", Map.of("p503", 2)).status()).isEqualTo(400);
        assertThat(server.faults().settings()).isEqualTo(SandboxFaults.Settings.none());
    }
}
