package io.maximbatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;

class UserEndpointsTest {

    private static SandboxServer server;
    private static SandboxClient client;

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxOptions.defaults());
        client = new SandboxClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void registersAUserAndRefusesTheSameNameTwice() throws Exception {
        var first = client.post("/user/register/v2", Map.of("username", "alice_1", "password", "pw"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.code()).isEqualTo(200);
        assertThat(first.body().get("message").isNull()).isTrue();
        long id = first.data().path("user_id").asLong();
        assertThat(id).isGreaterThanOrEqualTo(100_000_001L);
        assertThat(first.data().path("username").asString()).isEqualTo("alice_1");
        assertThat(server.state().usersByName()).containsEntry("alice_1", id);

        var second = client.post("/user/register/v2", Map.of("username", "alice_1", "password", "other"));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.code()).isEqualTo(10004);
        assertThat(second.data().isNull()).isTrue();
        assertThat(second.body().path("message").asString()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345", "maximUser", "mta_ops", "has space", "dash-name", "dot.name", "\u9fa6han",
            "a1234567890123456789012345678901234567890123456789012345678901234"})
    void rejectsUsernamesBreakingTheVendorRules(String username) throws Exception {
        var reply = client.post("/user/register/v2", Map.of("username", username, "password", "pw"));

        assertThat(reply.code()).isEqualTo(10002);
        assertThat(server.state().usersByName()).doesNotContainKey(username);
    }

    @ParameterizedTest
    @ValueSource(strings = {"张三", "user_42", "_", "x", "9lives", "李_2024", "Maximilian", "Mtanga", "MTA_ops"})
    void acceptsLettersDigitsUnderscoreAndHan(String username) throws Exception {
        var reply = client.post("/user/register/v2", Map.of("username", username, "password", "pw"));

        assertThat(reply.code()).isEqualTo(200);
    }

    @Test
    void refusesAnEmptyPasswordAndMalformedJson() throws Exception {
        assertThat(client.post("/user/register/v2", Map.of("username", "nopw", "password", "")).code())
                .isEqualTo(10002);
        assertThat(client.post("/user/register/v2", "{\"username\": ").status()).as("a body it cannot parse").isEqualTo(400);
    }

    @Test
    void checksAppIdAndAccessToken() throws Exception {
        var body = Map.of("list", List.of(Map.of("username", "auth_user", "password", "pw")));

        assertThat(client.with("app_id", null).post("/user/register/batch", body).code()).isEqualTo(40000);
        assertThat(client.with("app_id", "other").post("/user/register/batch", body).code()).isEqualTo(40000);
        assertThat(client.with("access-token", null).post("/user/register/batch", body).code()).isEqualTo(10003);
        assertThat(client.with("access-token", "wrong").post("/user/register/batch", body).code()).isEqualTo(10008);
        assertThat(client.with("access-token", "wrong").get("/roster/name?username=x").code()).isEqualTo(10008);
        assertThat(server.state().usersByName()).doesNotContainKey("auth_user");
        // register/v2 is the one call that needs no token
        assertThat(client.with("access-token", null)
                .post("/user/register/v2", Map.of("username", "tokenless", "password", "pw")).code())
                .isEqualTo(200);
    }

    @Test
    void anyNonEmptyTokenPassesWhenNoTokenIsConfigured() throws Exception {
        try (SandboxServer open = SandboxServer.start(new SandboxOptions(0, "app", null, null))) {
            var anyToken = new SandboxClient(open).with("app_id", "app").with("access-token", "whatever");
            assertThat(anyToken.get("/roster/name?username=nobody").code()).isEqualTo(10000);
            assertThat(anyToken.with("access-token", "").get("/roster/name?username=nobody").code())
                    .isEqualTo(10003);
        }
    }

    @Test
    void batchRegistrationReportsEachItem() throws Exception {
        client.register("batch_taken");
        var reply = client.post("/user/register/batch", Map.of("list", List.of(
                Map.of("username", "batch_a", "password", "pw"),
                Map.of("username", "batch_taken", "password", "pw"),
                Map.of("username", "maxim_bad", "password", "pw"),
                Map.of("username", "batch_b", "password", "pw"))));

        assertThat(reply.code()).isEqualTo(200);
        JsonNode items = reply.data();
        assertThat(items).hasSize(4);
        assertThat(items.get(0).path("success").asBoolean()).isTrue();
        assertThat(items.get(0).path("user_id").asLong()).isEqualTo(server.state().usersByName().get("batch_a"));
        assertThat(items.get(1).path("success").asBoolean()).isFalse();
        assertThat(items.get(1).get("user_id").isNull()).isTrue();
        assertThat(items.get(1).path("reason").asString()).isEqualTo("user already exists");
        assertThat(items.get(2).path("reason").asString()).isEqualTo("invalid username");
        assertThat(items.get(3).path("username").asString()).isEqualTo("batch_b");
        assertThat(items.get(3).path("success").asBoolean()).isTrue();
    }

    @Test
    void batchRegistrationRefusesMoreThanAHundredItems() throws Exception {
        List<Map<String, String>> list = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            list.add(Map.of("username", "big_" + i, "password", "pw"));
        }
        assertThat(client.post("/user/register/batch", Map.of("list", list)).code()).isEqualTo(10002);
        assertThat(server.state().usersByName()).doesNotContainKey("big_0");
    }

    @Test
    void looksUsersUpByName() throws Exception {
        long id = client.register("lookup_me");

        var found = client.get("/roster/name?username=lookup_me");
        assertThat(found.code()).isEqualTo(200);
        assertThat(found.data().path("user_id").asLong()).isEqualTo(id);
        assertThat(found.data().path("username").asString()).isEqualTo("lookup_me");
        assertThat(client.get("/roster/name?username=nobody_here").code()).isEqualTo(10000);
    }

    @Test
    void concurrentRegistrationsOfOneNameCreateOneUser() {
        List<CompletableFuture<SandboxClient.Reply>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(client.postAsync("/user/register/v2", Map.of("username", "race", "password", "pw")));
        }

        List<Integer> codes = calls.stream().map(c -> c.join().code()).toList();
        assertThat(codes).containsOnlyOnce(200).containsOnly(200, 10004);
    }

    @Test
    void unknownPathsAre404() throws Exception {
        assertThat(client.get("/no/such/call").status()).isEqualTo(404);
    }
}
