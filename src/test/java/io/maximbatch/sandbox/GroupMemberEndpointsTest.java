package io.maximbatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /group/display_name, /group/members/display_name, /group/block and /group/blocked_list as the Swagger documents them. */
class GroupMemberEndpointsTest {

    private SandboxServer server;
    private SandboxClient client;
    private long owner;
    private long member;
    private long outsider;
    private long groupId;

    @BeforeEach
    void start() throws Exception {
        server = SandboxServer.start(SandboxOptions.defaults());
        client = new SandboxClient(server);
        owner = client.register("owner");
        member = client.register("member");
        outsider = client.register("outsider");
        groupId = client.as(owner).post("/group/create", Map.of("name", "Club", "user_list", List.of(member))).data().path("group_id").asLong();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aMemberSetsItsOwnDisplayNameAStringOnlyAMemberMay() throws Exception {
        var reply = client.as(member).post("/group/display_name", Map.of("group_id", groupId, "value", "Mem"));

        assertThat(reply.code()).isEqualTo(200);
        assertThat(reply.data().asBoolean()).isTrue();
        assertThat(server.state().groups().get(0).displayNames()).isEqualTo(Map.of(member, "Mem"));
        assertThat(client.as(owner).get("/group/member_list?group_id=" + groupId).data().findValuesAsString("display_name"))
                .containsExactly("Mem");
        assertThat(client.as(owner).post("/group/members/display_name", Map.of("group_id", groupId, "user_list", List.of(member, owner)))
                .data()).hasSize(2).anySatisfy(m -> assertThat(m.path("display_name").asString()).isEqualTo("Mem"));
        assertThat(client.as(member).post("/group/display_name", Map.of("group_id", groupId, "value", 7)).status())
                .as("a number where the Swagger says string").isEqualTo(400);
        assertThat(client.as(member).post("/group/display_name", Map.of("group_id", String.valueOf(groupId), "value", "x")).status())
                .as("a string where the Swagger says int64").isEqualTo(400);
        assertThat(client.as(member).post("/group/display_name", Map.of("group_id", groupId)).code()).isEqualTo(10002);
        assertThat(client.as(outsider).post("/group/display_name", Map.of("group_id", groupId, "value", "Out")).code()).isEqualTo(20002);
        assertThat(server.state().executedUpdates()).containsEntry("display-name", 1L);
    }

    @Test
    void theOwnerBlocksAUserWhoLeavesCannotBeInvitedAndIsListedOnce() throws Exception {
        assertThat(client.as(member).post("/group/block", Map.of("group_id", groupId, "user_list", List.of(outsider))).code())
                .as("the owner's call").isEqualTo(20013);

        var reply = client.as(owner).post("/group/block", Map.of("group_id", groupId, "user_list", List.of(member, outsider)));

        assertThat(reply.data().findValuesAsString("result")).containsExactly("success", "success");
        var group = server.state().groups().get(0);
        assertThat(group.blocked()).containsExactlyInAnyOrder(member, outsider);
        assertThat(group.members()).as("a blocked member leaves").containsExactly(owner);
        assertThat(client.as(owner).post("/group/block", Map.of("group_id", groupId, "user_list", List.of(member))).data().get(0)
                .path("reason").asString()).isEqualTo("user in group blacklist");
        assertThat(client.as(owner).post("/group/invite", Map.of("group_id", groupId, "user_list", List.of(member))).data().get(0)
                .path("result").asString()).as("a blocked user cannot be a member").isEqualTo("fail");
        assertThat(server.state().groups().get(0).members()).containsExactly(owner);
        var listed = client.as(owner).get("/group/blocked_list?group_id=" + groupId + "&limit=1");
        assertThat(listed.data().get(0).path("user_id").asLong()).isEqualTo(member);
        assertThat(listed.body().path("cursor").asString()).isEqualTo("1");
        assertThat(client.as(owner).post("/group/block", Map.of("group_id", groupId, "user_list", List.of(String.valueOf(member)))).status())
                .isEqualTo(400);
        assertThat(server.state().executedUpdates()).containsEntry("group-block", 2L);
    }
}
