package io.maximbatch.maxim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.maximbatch.maxim.MaximModel.Credentials;
import io.maximbatch.maxim.MaximModel.GroupCreate;
import io.maximbatch.maxim.MaximModel.Member;
import io.maximbatch.maxim.MaximModel.MessageSend;
import io.maximbatch.maxim.MaximModel.PushMessage;
import io.maximbatch.maxim.MaximModel.PushNotify;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The answers the vendor's Swagger documents and a friendly server never gives, as the sandbox's fault switches give them. */
class SwaggerAnswersTest {

    private static final RetrySettings FAST = new RetrySettings(3, Duration.ofMillis(10), 2.0, Duration.ofSeconds(2), Duration.ofSeconds(10));

    private SandboxServer sandbox;
    private MaximClient client;
    private ItemCalls items;
    private long alice;
    private long bob;
    private long carol;
    private long group;

    @BeforeEach
    void start() {
        sandbox = SandboxServer.start(SandboxOptions.defaults());
        MaximTransport transport = new MaximTransport(new MaximEndpoint(sandbox.endpoint(), "sandbox", "sandbox-token"),
                MaximTransport.defaultHttpClient(Duration.ofSeconds(2)), Duration.ofSeconds(2));
        client = new MaximClient(transport, new CallGuard(1000, FAST));
        items = new ItemCalls(client);
        alice = client.registerUser(new Credentials("alice", "pw"), new CallTrace());
        bob = client.registerUser(new Credentials("bob", "pw"), new CallTrace());
        carol = client.registerUser(new Credentials("carol", "pw"), new CallTrace());
        group = client.createGroup(alice, new GroupCreate("team", null, 0, null, List.of()), new CallTrace()).groupId();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aDataFalseAnswerRefusesTheRecordWithItsOwnCodeInsteadOfCountingAsDone() {
        client.addRoster(alice, List.of(bob), new CallTrace());
        Map<String, Consumer<CallTrace>> calls = new LinkedHashMap<>();
        calls.put("/user/add_roster", trace -> client.addRoster(alice, List.of(carol), trace));
        calls.put("/user/disable", trace -> client.setDisabled(List.of(bob), true, trace));
        calls.put("/user/push/tag", trace -> client.bindTags(bob, List.of("vip"), trace));
        calls.put("/user/push/alias", trace -> client.bindAlias(bob, "bobby", trace));
        calls.put("/roster/ext", trace -> client.setRemark(alice, bob, "Bob", trace));
        calls.put("/roster/delete", trace -> client.removeFriend(alice, bob, trace));
        calls.put("/group/settings/history_visible", trace -> client.setGroupSetting(alice, group, "history_visible", true, trace));
        calls.put("/group/settings/allow_member_modify", trace -> client.setGroupSetting(alice, group, "allow_member_modify", true, trace));
        calls.put("/group/destroy", trace -> client.destroyGroup(alice, group, trace));
        calls.put("/message/send", trace -> client.sendMessage(new MessageSend(List.of(bob), 1, "hi", 0, null, null, 5L), trace));
        calls.put("/push/notify", trace -> client.pushNotify(new PushNotify(Map.of("user_id", List.of(bob)),
                new PushMessage("text", "Hi", "hello", null, null), Map.of("request_id", "r-1")), trace));

        calls.forEach((path, call) -> {
            sandbox.faults().answerFalseNext(path, 1);
            ItemResult<Void> result = ItemCalls.one(call);
            assertThat(result.status()).as(path).isEqualTo(ItemResult.Status.REFUSED);
            assertThat(result.code()).as(path).isEqualTo(ErrorCodes.ANSWERED_FALSE);
            assertThat(result.reason()).as(path).contains(path).contains("data: false");
        });
        // False while MaxIM holds the change already (bob was never disabled) may mean "nothing to change": done.
        sandbox.faults().answerFalseNext("/user/enable", 1);
        assertThat(ItemCalls.one(trace -> client.setDisabled(List.of(bob), false, trace)).status()).isEqualTo(ItemResult.Status.DONE);
        // Nothing was carried out: the sandbox did none of it.
        assertThat(sandbox.state().friendsOf(alice)).containsExactly(bob);
        assertThat(sandbox.state().groups()).singleElement().satisfies(g -> assertThat(g.destroyed()).isFalse());
        assertThat(sandbox.state().messages()).isEmpty();
        assertThat(sandbox.state().pushes()).isEmpty();
    }

    @Test
    void aListOfFriendsMaxImAnswersFalseIsAskedFriendByFriend() {
        sandbox.faults().answerFalseNext("/user/add_roster", 2);

        List<ItemResult<Void>> results = items.addFriends(alice, List.of(bob, carol));

        // The list and bob's own call were answered false; carol's own call was carried out.
        assertThat(results).extracting(ItemResult::status).containsExactly(ItemResult.Status.REFUSED, ItemResult.Status.DONE);
        assertThat(results.get(0).code()).isEqualTo(ErrorCodes.ANSWERED_FALSE);
        assertThat(sandbox.state().friendsOf(alice)).containsExactly(carol);
    }

    @Test
    void aNullUserIdInAnInviteAnswerLeavesOnlyThatUserToItsOwnCall() {
        sandbox.faults().nullUserIdNext("/group/invite", 1);

        List<ItemResult<Void>> results = items.invite(alice, group, List.of(bob, carol));

        // bob's result had no user_id: asked alone, MaxIM has him (this call's work), so he is ours, not someone else's.
        assertThat(results).extracting(ItemResult::status).containsExactly(ItemResult.Status.ALREADY_DONE, ItemResult.Status.DONE);
        assertThat(results.get(0).maybeOurs()).isTrue();
        assertThat(members()).containsExactlyInAnyOrder(alice, bob, carol);
    }

    @Test
    void aNullUserIdInAnAdminAddAnswerFailsNoOtherUser() {
        items.invite(alice, group, List.of(bob, carol));
        sandbox.faults().nullUserIdNext("/group/admin/add", 1);

        List<ItemResult<Void>> results = items.addAdmins(alice, group, List.of(bob, carol));

        assertThat(results).extracting(ItemResult::status).containsExactly(ItemResult.Status.ALREADY_DONE, ItemResult.Status.DONE);
        assertThat(client.admins(alice, group)).contains(bob, carol);
    }

    @Test
    void listEntriesWithoutAUserIdAreLeftOutOfMemberAndAdminReads() {
        items.invite(alice, group, List.of(bob, carol));
        items.addAdmins(alice, group, List.of(bob));
        sandbox.faults().nullUserIdNext("/group/member_list", 1);
        sandbox.faults().nullUserIdNext("/group/admin_list", 1);

        List<Long> members = PagedLists.memberList(client, alice, group, null, 10).members().stream().map(Member::userId).toList();
        List<Long> admins = client.admins(alice, group);

        assertThat(members).hasSize(2).doesNotContainNull().isSubsetOf(alice, bob, carol);
        assertThat(admins).doesNotContainNull();
        assertThat(members()).containsExactlyInAnyOrder(alice, bob, carol);
    }

    @Test
    void aPushAnswersItsTaskIdAndAMessageToOneReceiverItsMessageId() {
        Long task = client.pushNotify(new PushNotify(Map.of("user_id", List.of(bob)), new PushMessage("text", "Hi", "hello", null, null),
                Map.of("request_id", "r-2")), new CallTrace());
        List<Long> one = client.sendMessage(new MessageSend(List.of(bob), 1, "hi", 0, null, null, 6L), new CallTrace());
        List<Long> two = client.sendMessage(new MessageSend(List.of(bob, carol), 1, "hi", 0, null, null, 7L), new CallTrace());

        assertThat(task).isNotNull();
        assertThat(one).hasSize(1);
        assertThat(two).as("the vendor gives message ids for one receiver only").isEmpty();
    }

    private List<Long> members() {
        return PagedLists.memberList(client, alice, group, null, 10).members().stream().map(Member::userId).toList();
    }
}
