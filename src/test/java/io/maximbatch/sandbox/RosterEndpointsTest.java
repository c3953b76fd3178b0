package io.maximbatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RosterEndpointsTest {

    private SandboxServer server;
    private SandboxClient client;
    private long ann;
    private long bob;
    private long cid;

    @BeforeEach
    void start() throws Exception {
        server = SandboxServer.start(SandboxOptions.defaults());
        client = new SandboxClient(server);
        ann = client.register("ann");
        bob = client.register("bob");
        cid = client.register("cid");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void addsFriendsToTheAddersListOnly() throws Exception {
        var reply = client.as(ann).post("/user/add_roster", Map.of("list", List.of(bob, cid)));

        assertThat(reply.code()).isEqualTo(200);
        assertThat(reply.data().asBoolean()).isTrue();
        assertThat(server.state().friendsOf(ann)).containsExactlyInAnyOrder(bob, cid);
        assertThat(server.state().friendsOf(bob)).isEmpty();

        var rosters = client.as(ann).get("/user/rosters");
        assertThat(rosters.data()).hasSize(2);
        assertThat(rosters.data().get(0).path("user_id").asLong()).isEqualTo(bob);
        assertThat(rosters.data().get(0).path("name").asString()).isEqualTo("bob");
    }

    @Test
    void answers10005OnlyWhenEveryListedUserIsAlreadyAFriend() throws Exception {
        client.as(ann).post("/user/add_roster", Map.of("list", List.of(bob)));

        assertThat(client.as(ann).post("/user/add_roster", Map.of("list", List.of(bob))).code()).isEqualTo(10005);
        assertThat(client.as(ann).post("/user/add_roster", Map.of("list", List.of(bob, cid))).code())
                .isEqualTo(200);
        assertThat(server.state().friendsOf(ann)).containsExactlyInAnyOrder(bob, cid);
    }

    @Test
    void refusesUnknownUsersYourselfAndOversizedLists() throws Exception {
        assertThat(client.as(ann).post("/user/add_roster", Map.of("list", List.of(bob, 42L))).code())
                .isEqualTo(10000);
        assertThat(client.as(ann).post("/user/add_roster", Map.of("list", List.of(ann))).code()).isEqualTo(10002);
        assertThat(client.as(ann).post("/user/add_roster",
                Map.of("list", LongStream.range(0, 101).map(i -> bob).boxed().toList())).code()).isEqualTo(10002);
        assertThat(client.as(99L).post("/user/add_roster", Map.of("list", List.of(bob))).code()).isEqualTo(10000);
        assertThat(client.post("/user/add_roster", Map.of("list", List.of(bob))).code()).isEqualTo(10000);
        assertThat(server.state().friendsOf(ann)).isEmpty();
    }

    @Test
    void listsFriendIdsAPageAtATimeAndTheAppsUsersByPageNumber() throws Exception {
        List<Long> friends = new java.util.ArrayList<>();
        for (int i = 0; i < 150; i++) {
            friends.add(client.register("friend_" + i));
        }
        for (int i = 0; i < friends.size(); i += 100) {
            client.as(ann).post("/user/add_roster", Map.of("list", friends.subList(i, Math.min(friends.size(), i + 100))));
        }

        var first = client.as(ann).get("/roster/list?limit=1000");
        assertThat(first.data()).as("at most 100 a page, whatever limit asks").hasSize(100);
        String cursor = first.body().path("cursor").asString();
        var second = client.as(ann).get("/roster/list?limit=1000&cursor=" + cursor);
        assertThat(second.data()).hasSize(50);
        assertThat(second.body().has("cursor")).as("no cursor on the last page").isFalse();
        List<Long> read = new java.util.ArrayList<>();
        first.data().forEach(id -> read.add(id.asLong()));
        second.data().forEach(id -> read.add(id.asLong()));
        assertThat(read).containsExactlyInAnyOrderElementsOf(friends);

        var users = client.get("/user/list?page_num=1&page_size=200");
        assertThat(users.data()).hasSize(153);
        assertThat(users.data().get(0).path("username").asString()).isEqualTo("ann");
        assertThat(client.get("/user/list?page_num=2&page_size=100").data()).hasSize(53);
        assertThat(client.get("/user/list?page_size=201").code()).isEqualTo(10002);
        assertThat(client.get("/user/list?page_num=0").code()).isEqualTo(10002);
    }
}
