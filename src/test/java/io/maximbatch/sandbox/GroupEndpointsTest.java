package io.maximbatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class GroupEndpointsTest {

    private SandboxServer server;
    private SandboxClient client;
    private long owner;
    private long member;
    private long outsider;

    @BeforeEach
    void start() throws Exception {
        server = SandboxServer.start(SandboxOptions.defaults());
        client = new SandboxClient(server);
        owner = client.register("owner");
        member = client.register("member");
        outsider = client.register("outsider");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private long createGroup(String name, List<Long> users) throws Exception {
        var reply = client.as(owner).post("/group/create",
                Map.of("name", name, "description", "about " + name, "user_list", users));
        assertThat(reply.code()).isEqualTo(200);
        return reply.data().path("group_id").asLong();
    }

    @Test
    void createsAGroupWithItsInitialMembers() throws Exception {
        long before = System.currentTimeMillis();
        var reply = client.as(owner).post("/group/create",
                Map.of("name", "Team", "description", "the team", "user_list", List.of(member)));

        JsonNode data = reply.data();
        assertThat(reply.code()).isEqualTo(200);
        assertThat(data.path("group_id").asLong()).isGreaterThanOrEqualTo(200_000_001L);
        assertThat(data.path("owner_id").asLong()).isEqualTo(owner);
        assertThat(data.path("name").asString()).isEqualTo("Team");
        assertThat(data.path("description").asString()).isEqualTo("the team");
        assertThat(data.path("created_at").asLong()).isGreaterThanOrEqualTo(before);
        assertThat(data.path("count").asInt()).isEqualTo(2);
        var group = server.state().groups().get(0);
        assertThat(group.members()).containsExactlyInAnyOrder(owner, member);
        assertThat(client.as(member).get("/group/user_joined").data().get(0).asLong())
                .isEqualTo(data.path("group_id").asLong());

        assertThat(client.as(owner).post("/group/create", Map.of("name", "")).code()).isEqualTo(10002);
        assertThat(client.as(owner).post("/group/create", Map.of("description", "no name")).code()).isEqualTo(10002);
    }

    @Test
    void invitesUsersAndReportsEachOne() throws Exception {
        long groupId = createGroup("Invites", List.of(member));

        var reply = client.as(owner).post("/group/invite",
                Map.of("group_id", groupId, "user_list", List.of(outsider, member, 42L)));

        assertThat(reply.code()).isEqualTo(200);
        JsonNode results = reply.data();
        assertThat(results).hasSize(3);
        assertThat(results.get(0).path("result").asString()).isEqualTo("success");
        assertThat(results.get(1).path("result").asString()).isEqualTo("fail");
        assertThat(results.get(1).path("reason").asString()).isEqualTo("User is already a group member");
        assertThat(results.get(2).path("result").asString()).isEqualTo("fail");
        assertThat(results.get(2).path("reason").asString()).isEqualTo("User does not exist");
        assertThat(server.state().groups().get(0).members()).containsExactlyInAnyOrder(owner, member, outsider);
    }

    @Test
    void onlyTheOwnerInvitesOrDestroys() throws Exception {
        long groupId = createGroup("Owned", List.of(member));

        assertThat(client.as(member).post("/group/invite", Map.of("group_id", groupId, "user_list", List.of(outsider)))
                .code()).isEqualTo(20013);
        assertThat(client.as(member).delete("/group/destroy?group_id=" + groupId).code()).isEqualTo(20013);
        assertThat(client.as(owner).post("/group/invite", Map.of("group_id", 1L, "user_list", List.of(outsider)))
                .code()).isEqualTo(20001);
        assertThat(server.state().groups().get(0).destroyed()).isFalse();
    }

    @Test
    void refusesMoreThan500InviteesInOneCall() throws Exception {
        long groupId = createGroup("Big", List.of());
        List<Long> many = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            many.add(member);
        }
        assertThat(client.as(owner).post("/group/invite", Map.of("group_id", groupId, "user_list", many)).code())
                .isEqualTo(10002);
    }

    @Test
    void pagesTheMemberListWithACursor() throws Exception {
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            users.add(client.register("pm_" + i));
        }
        long groupId = createGroup("Paged", users);

        List<Long> seen = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            var page = client.as(owner)
                    .get("/group/member_list?group_id=" + groupId + "&limit=2&cursor=" + cursor);
            assertThat(page.code()).isEqualTo(200);
            assertThat(page.body().path("total").asInt()).isEqualTo(6);
            assertThat(page.body().has("version")).isTrue();
            page.data().forEach(m -> {
                seen.add(m.path("user_id").asLong());
                assertThat(m.path("join_time").asLong()).isPositive();
            });
            cursor = page.body().has("cursor") ? page.body().get("cursor").asString() : null;
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(6).doesNotHaveDuplicates().contains(owner).containsAll(users);
        var all = client.as(users.get(0)).get("/group/member_list?group_id=" + groupId);
        assertThat(all.data()).hasSize(6);
        assertThat(all.body().has("cursor")).isFalse();
        assertThat(client.as(outsider).get("/group/member_list?group_id=" + groupId).code()).isEqualTo(20002);
    }

    @Test
    void aDestroyedGroupIsGone() throws Exception {
        long groupId = createGroup("Doomed", List.of(member));

        var reply = client.as(owner).delete("/group/destroy?group_id=" + groupId);

        assertThat(reply.code()).isEqualTo(200);
        assertThat(reply.data().asBoolean()).isTrue();
        assertThat(server.state().groups().get(0).destroyed()).isTrue();
        assertThat(client.as(owner).get("/group/member_list?group_id=" + groupId).code()).isEqualTo(20001);
        assertThat(client.as(owner).delete("/group/destroy?group_id=" + groupId).code()).isEqualTo(20001);
        assertThat(client.as(owner).get("/group/user_joined").data()).isEmpty();
    }

    @Test
    void findsAGroupThroughUserJoinedAndInfoBatch() throws Exception {
        long groupId = createGroup("Recover me", List.of());

        var joined = client.as(owner).get("/group/user_joined");
        assertThat(joined.data()).hasSize(1);
        assertThat(joined.data().get(0).asLong()).isEqualTo(groupId);

        Map<String, Object> body = new HashMap<>();
        body.put("group_list", List.of(groupId, 1L));
        assertThat(client.post("/group/info/batch", body).code()).as("the answer holds the caller's settings: user_id needed")
                .isEqualTo(10000);
        assertThat(client.get("/group/info?group_id=" + groupId).code()).isEqualTo(10000);
        var info = client.as(owner).post("/group/info/batch", body);
        assertThat(info.code()).isEqualTo(200);
        assertThat(info.data()).hasSize(1);
        JsonNode group = info.data().get(0);
        assertThat(group.path("owner").asLong()).isEqualTo(owner);
        assertThat(group.path("name").asString()).isEqualTo("Recover me");
        assertThat(group.path("status").asInt()).isZero();
        assertThat(group.has("created_at")).as("as the vendor's Swagger: no created_at in info/batch").isFalse();
        var single = client.as(owner).get("/group/info?group_id=" + groupId);
        assertThat(single.data().path("created_at").asLong()).isPositive();
        assertThat(single.data().path("owner_id").asLong()).isEqualTo(owner);
        assertThat(group.path("count").asInt()).isEqualTo(1);
    }
}
