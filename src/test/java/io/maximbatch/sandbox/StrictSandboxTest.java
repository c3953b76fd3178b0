package io.maximbatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox reads requests as the Swagger's least convenient reading, so that it hides no client bug: ids are JSON
 * numbers (int64), a body of the wrong types is HTTP 400 (not a 10002 that a client would take for a rejected record),
 * and a transaction_id is remembered for a short window only.
 */
class StrictSandboxTest {

    private SandboxServer server;
    private SandboxClient client;
    private long ann;
    private long bob;

    @BeforeEach
    void start() throws Exception {
        server = SandboxServer.start(SandboxOptions.defaults().withTransactionWindow(Duration.ofSeconds(2)));
        client = new SandboxClient(server);
        ann = client.register("ann");
        bob = client.register("bob");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void idsSentAsStringsAreHttp400AndChangeNothing() throws Exception {
        var addRoster = client.as(ann).post("/user/add_roster", Map.of("list", List.of(Long.toString(bob))));
        var disable = client.put("/user/disable", Map.of("list", List.of(Long.toString(bob))));
        var profile = client.post("/user/profile/batch", Map.of("list", List.of(Map.of("user_id", Long.toString(bob), "nick_name", "B"))));
        long group = client.as(ann).post("/group/create", Map.of("name", "G")).data().path("group_id").asLong();
        var invite = client.as(ann).post("/group/invite", Map.of("group_id", Long.toString(group), "user_list", List.of(bob)));
        var push = client.post("/push/notify", Map.of("audience", Map.of("user_id", List.of(Long.toString(bob))),
                "message", Map.of("type", "text", "body", "hi")));

        for (var reply : List.of(addRoster, disable, profile, invite, push)) {
            assertThat(reply.status()).as(reply.body().toString()).isEqualTo(400);
            assertThat(reply.body().has("code")).as("no MaxIM code: the framework refused the body").isFalse();
        }
        assertThat(server.state().friendsOf(ann)).isEmpty();
        assertThat(server.state().accounts()).isEmpty();
        assertThat(server.state().groups().get(0).members()).containsExactly(ann);
        assertThat(server.state().pushes()).isEmpty();
        // The same calls with numbers are fine.
        assertThat(client.as(ann).post("/user/add_roster", Map.of("list", List.of(bob))).code()).isEqualTo(200);
    }

    @Test
    void aBodyOfTheWrongTypesIsHttp400NotARejectedRecord() throws Exception {
        assertThat(client.post("/user/register/v2", "{\"username\": ").status()).isEqualTo(400);
        assertThat(client.post("/user/register/batch", Map.of("list", "ann")).status()).isEqualTo(400);
        assertThat(client.as(ann).post("/user/add_roster", Map.of("list", bob)).status()).isEqualTo(400);
        assertThat(client.post("/message/send", Map.of("targets", List.of(bob), "type", "1", "content", "x")).status()).isEqualTo(400);
        assertThat(client.with("user_id", "ann").get("/user/rosters").status()).isEqualTo(400);
        // A missing value is still MaxIM's own 10002.
        var missing = client.as(ann).post("/user/add_roster", Map.of());
        assertThat(missing.status()).isEqualTo(200);
        assertThat(missing.code()).isEqualTo(10002);
    }

    @Test
    void aTransactionIdIsRememberedOnlyForTheWindow() throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("targets", List.of(ann, bob), "type", 1, "content", "hello",
                "content_type", 0, "transaction_id", 777L));

        // A window of 2 s: two calls in a row cannot straddle it even on a busy machine.
        assertThat(client.post("/message/send", body).code()).isEqualTo(200);
        assertThat(client.post("/message/send", body).code()).isEqualTo(200);
        assertThat(server.state().messages()).as("within the window: executed once").hasSize(1);

        // After the window the same transaction_id is a new message (each poll sends it again until one is executed).
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            client.post("/message/send", body);
            return server.state().messages().size() == 2;
        });
    }
}
