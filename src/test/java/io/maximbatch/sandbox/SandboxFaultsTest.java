package io.maximbatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxFaultsTest {

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

    private static SandboxFaults.Settings faults(long latencyMs, int rateLimit, double p503, double p20000,
                                                 double pdrop, Integer forcedCode) {
        return new SandboxFaults.Settings(latencyMs, rateLimit, p503, p20000, pdrop, forcedCode, 42);
    }

    private SandboxClient.Reply register(String username) throws Exception {
        return client.post("/user/register/v2", Map.of("username", username, "password", "pw"));
    }

    @Test
    void answers429WithRetryAfterWhenOverTheRate() throws Exception {
        server.faults().set(faults(0, 3, 0, 0, 0, null));

        List<SandboxClient.Reply> replies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            replies.add(client.get("/roster/name?username=nobody"));
        }

        List<SandboxClient.Reply> limited = replies.stream().filter(r -> r.status() == 429).toList();
        // twelve quick calls span at most a few one-second windows of three
        assertThat(limited).hasSizeGreaterThanOrEqualTo(6);
        assertThat(limited).allSatisfy(r -> assertThat(r.headers().firstValue("Retry-After")).hasValue("1"));
        assertThat(replies.get(0).code()).isEqualTo(10000);
        assertThat(server.state().answered429()).isEqualTo(limited.size());
        assertThat(server.state().requestsServed()).isEqualTo(12 - limited.size());
    }

    @Test
    void answers503WithoutDoingTheWork() throws Exception {
        server.faults().set(faults(0, 0, 1, 0, 0, null));

        assertThat(register("unlucky").status()).isEqualTo(503);
        assertThat(server.state().usersByName()).isEmpty();
    }

    @Test
    void answers20000WithoutDoingTheWork() throws Exception {
        server.faults().set(faults(0, 0, 0, 1, 0, null));

        var reply = register("unlucky");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.code()).isEqualTo(20000);
        assertThat(server.state().usersByName()).isEmpty();
    }

    @Test
    void answersAForcedCodeUntilSwitchedOff() throws Exception {
        server.faults().set(faults(0, 0, 0, 0, 0, 10008));
        assertThat(register("forced").code()).isEqualTo(10008);
        assertThat(server.state().usersByName()).isEmpty();

        server.faults().set(SandboxFaults.Settings.none());
        assertThat(register("forced").code()).isEqualTo(200);
    }

    @Test
    void answersAForcedCodeAfterSoManyUsualAnswersToOnePath() throws Exception {
        server.faults().forceCodeAfter("/user/register/v2", 2, 10008);

        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            codes.add(register("user_" + i).code());
        }

        assertThat(codes).containsExactly(200, 200, 10008, 10008);
        assertThat(server.state().usersByName()).containsOnlyKeys("user_0", "user_1");
        assertThat(client.get("/roster/name?username=user_0").code()).as("other paths as usual").isEqualTo(200);
        server.faults().set(SandboxFaults.Settings.none());
        assertThat(register("user_4").code()).isEqualTo(200);
        server.faults().forceCodeAfter("/user/register/v2", 0, 503);
        assertThat(register("user_5").status()).as("a code of 500 to 599 is an HTTP status").isEqualTo(503);
        assertThat(server.state().usersByName()).doesNotContainKey("user_5");
    }

    @Test
    void aDroppedAnswerIsAnIoErrorAfterTheUserWasCreated() {
        server.faults().set(faults(0, 0, 0, 0, 1, null));
        long started = System.nanoTime();

        assertThatThrownBy(() -> register("lost_answer"))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(server.state().usersByName()).containsKey("lost_answer");
        assertThat(server.state().registrationCallsSucceeded()).isEqualTo(1);
    }

    @Test
    void theServerKeepsServingAfterDroppedAnswers() throws Exception {
        server.faults().set(faults(0, 0, 0, 0, 1, null));
        for (int i = 0; i < 3; i++) {
            String name = "dropped_" + i;
            assertThatThrownBy(() -> register(name)).isInstanceOf(IOException.class);
        }
        server.faults().set(SandboxFaults.Settings.none());

        assertThat(register("dropped_0").code()).isEqualTo(10004);
        assertThat(server.state().usersByName()).hasSize(3);
    }

    @Test
    void latencyDelaysAnswersWithoutSerialisingThem() {
        server.faults().set(faults(500, 0, 0, 0, 0, null));
        long started = System.nanoTime();

        // Serialised, 40 answers of 500 ms would take 20 s; together they take about 500 ms, 10 s on the busiest machine.
        List<CompletableFuture<SandboxClient.Reply>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(client.postAsync("/user/register/v2", Map.of("username", "slow_" + i, "password", "pw")));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(500)).isLessThan(Duration.ofSeconds(10));
        assertThat(calls).allSatisfy(c -> assertThat(c.join().code()).isEqualTo(200));
        assertThat(server.state().usersByName()).hasSize(40);
    }

    @Test
    void aSeedGivesTheSameFaultsEachTime() throws Exception {
        List<Integer> first = statusesWithHalfFailing();
        List<Integer> second = statusesWithHalfFailing();

        assertThat(first).isEqualTo(second).contains(200, 503);
    }

    private List<Integer> statusesWithHalfFailing() throws Exception {
        server.faults().set(new SandboxFaults.Settings(0, 0, 0.5, 0, 0, null, 7));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(client.get("/roster/name?username=nobody").status());
        }
        return statuses;
    }

    @Test
    void closingStopsTheServer() {
        SandboxServer other = SandboxServer.start(SandboxOptions.defaults());
        SandboxClient otherClient = new SandboxClient(other);
        other.close();

        await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThatThrownBy(() -> otherClient.get("/roster/name?username=x")).isInstanceOf(IOException.class));
    }

    @Test
    void answersDataFalseWithoutDoingTheWorkAsOftenAsToldThenAsUsual() throws Exception {
        long alice = register("alice").data().path("user_id").asLong();
        server.faults().answerFalseNext("/user/push/alias", 1);

        SandboxClient.Reply refused = client.with("user_id", Long.toString(alice)).post("/user/push/alias", Map.of("alias", "a"));
        assertThat(refused.code()).isEqualTo(200);
        assertThat(refused.data().isBoolean() && !refused.data().asBoolean()).as(refused.body().toString()).isTrue();
        assertThat(server.state().accounts()).as("nothing was bound").doesNotContainKey(alice);

        SandboxClient.Reply done = client.with("user_id", Long.toString(alice)).post("/user/push/alias", Map.of("alias", "a"));
        assertThat(done.data().asBoolean()).isTrue();
        assertThat(server.state().accounts().get(alice).alias()).isEqualTo("a");
    }

    @Test
    void failsEveryItemWithTheReasonGivenOrNullsTheFirstItemsUserId() throws Exception {
        long alice = register("alice").data().path("user_id").asLong();
        long bob = register("bob").data().path("user_id").asLong();
        long group = client.with("user_id", Long.toString(alice)).post("/group/create", Map.of("name", "g")).data().path("group_id").asLong();
        server.faults().failItemsNext("/group/invite", 1, "10010 no permission");

        SandboxClient.Reply failed = client.with("user_id", Long.toString(alice)).post("/group/invite",
                Map.of("group_id", group, "user_list", List.of(bob)));
        assertThat(failed.data()).singleElement().satisfies(item -> {
            assertThat(item.path("user_id").asLong()).isEqualTo(bob);
            assertThat(item.path("result").asString()).isEqualTo("fail");
            assertThat(item.path("reason").asString()).isEqualTo("10010 no permission");
        });
        assertThat(server.state().groups().get(0).members()).containsExactly(alice);

        server.faults().nullUserIdNext("/group/invite", 1);
        SandboxClient.Reply nameless = client.with("user_id", Long.toString(alice)).post("/group/invite",
                Map.of("group_id", group, "user_list", List.of(bob)));
        assertThat(nameless.data()).singleElement().satisfies(item -> {
            assertThat(item.path("user_id").isNull()).isTrue();
            assertThat(item.path("result").asString()).isEqualTo("success");
        });
        assertThat(server.state().groups().get(0).members()).containsExactlyInAnyOrder(alice, bob);
    }
}
