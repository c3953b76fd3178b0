package io.maximbatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Profiles, avatars, disabled accounts, push tags and aliases as the vendor documents them, counted as executed. */
class AccountEndpointsTest {

    private SandboxServer server;
    private SandboxClient client;
    private long ann;
    private long bob;

    @BeforeEach
    void start() throws Exception {
        server = SandboxServer.start(SandboxOptions.defaults());
        client = new SandboxClient(server);
        ann = client.register("ann");
        bob = client.register("bob");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void profilesAndAvatarsAreSetPerItemAndAnUnknownUserFailsAlone() throws Exception {
        Map<String, Object> annProfile = new HashMap<>(Map.of("user_id", ann, "nick_name", "Ann", "description", "tea"));
        var reply = client.post("/user/profile/batch", Map.of("list", List.of(annProfile, Map.of("user_id", 42L, "nick_name", "x"))));

        assertThat(reply.code()).isEqualTo(200);
        assertThat(reply.data().get(0).path("success").asBoolean()).isTrue();
        assertThat(reply.data().get(1).path("success").asBoolean()).isFalse();
        assertThat(reply.data().get(1).path("reason").asString()).isEqualTo("User does not exist");
        client.put("/user/profile/batch", Map.of("list", List.of(Map.of("user_id", ann, "public_info", "hello"))));
        assertThat(client.post("/user/avatar/batch", Map.of("list", List.of(Map.of("user_id", bob, "avatar", "https://x/b.png"))))
                .data().get(0).path("success").asBoolean()).isTrue();

        var profile = client.as(ann).get("/user/profile");
        assertThat(profile.data().path("nick_name").asString()).isEqualTo("Ann");
        assertThat(profile.data().path("description").asString()).as("a field not sent stays").isEqualTo("tea");
        assertThat(profile.data().path("public_info").asString()).isEqualTo("hello");
        assertThat(server.state().accounts().get(bob).avatar()).isEqualTo("https://x/b.png");
        assertThat(server.state().executedUpdates()).containsEntry("profile", 2L).containsEntry("avatar", 1L);
    }

    @Test
    void tagsAndAliasesAreBoundAsTheUserAndAPushToATagReachesItsUsers() throws Exception {
        assertThat(client.as(ann).post("/user/push/tag", Map.of("tags", List.of("vip", "beta"))).code()).isEqualTo(200);
        assertThat(client.as(bob).post("/user/push/alias", Map.of("alias", "bobby")).code()).isEqualTo(200);
        assertThat(client.post("/user/push/tag", Map.of("tags", List.of("vip"))).code()).as("no user_id").isEqualTo(10000);
        assertThat(client.as(ann).get("/user/push/tag").data()).extracting(n -> n.asString()).containsExactlyInAnyOrder("beta", "vip");

        client.post("/push/notify", Map.of("audience", Map.of("tag", List.of("vip")), "message", Map.of("type", "text", "body", "hi")));
        client.post("/push/notify", Map.of("audience", Map.of("alias", List.of("bobby")), "message", Map.of("type", "text", "body", "hi")));

        assertThat(server.state().pushes()).extracting(SandboxState.PushView::reached).containsExactly(java.util.Set.of(ann),
                java.util.Set.of(bob));
        assertThat(client.put("/user/disable", Map.of("list", List.of(bob))).code()).isEqualTo(200);
        assertThat(server.state().accounts().get(bob).disabled()).isTrue();
        assertThat(client.put("/user/disable", Map.of("list", List.of(bob, 42L))).code()).isEqualTo(10000);
    }
}
