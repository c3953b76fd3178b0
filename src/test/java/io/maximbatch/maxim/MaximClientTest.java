package io.maximbatch.maxim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.maximbatch.maxim.MaximModel.BatchRegistration;
import io.maximbatch.maxim.MaximModel.Credentials;
import io.maximbatch.maxim.MaximModel.GroupCreate;
import io.maximbatch.maxim.MaximModel.GroupInfo;
import io.maximbatch.maxim.MaximModel.InviteResult;
import io.maximbatch.maxim.MaximModel.Member;
import io.maximbatch.maxim.MaximModel.MemberPage;
import io.maximbatch.maxim.MaximModel.MessageSend;
import io.maximbatch.maxim.MaximModel.PushMessage;
import io.maximbatch.maxim.MaximModel.PushNotify;
import io.maximbatch.maxim.MaximModel.RosterItem;
import io.maximbatch.maxim.MaximModel.UserInfo;
import io.maximbatch.maxim.StubMaxim.Answer;
import io.maximbatch.sandbox.SandboxFaults;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import io.maximbatch.sandbox.SandboxState;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MaximClientTest {

    private static final String APP_ID = "sandbox";
    private static final String TOKEN = "sandbox-token";
    /** Fast retries so that failure paths stay quick; Retry-After up to 2 s is honoured in full. */
    private static final RetrySettings FAST = new RetrySettings(3, Duration.ofMillis(10), 2.0, Duration.ofSeconds(2), Duration.ofSeconds(10));

    private SandboxServer sandbox;
    private StubMaxim stub;

    @BeforeEach
    void start() {
        sandbox = SandboxServer.start(SandboxOptions.defaults());
        stub = new StubMaxim();
    }

    @AfterEach
    void stop() {
        sandbox.close();
        stub.close();
    }

    /** Built the way MaximConfiguration builds it. */
    private static MaximClient client(URI uri, String token, RetrySettings retry) {
        MaximTransport transport = new MaximTransport(new MaximEndpoint(uri, APP_ID, token),
                MaximTransport.defaultHttpClient(Duration.ofSeconds(2)), Duration.ofSeconds(2));
        return new MaximClient(transport, new CallGuard(1000, retry));
    }

    private MaximClient sandboxClient() {
        return client(sandbox.endpoint(), TOKEN, FAST);
    }

    private MaximClient stubClient() {
        return client(stub.uri(), TOKEN, FAST);
    }

    // ---- success paths against the sandbox ----

    @Test
    void registersUsersOneByOneAndInBatches() {
        MaximClient client = sandboxClient();

        long alice = client.registerUser(new Credentials("alice", "pw-a"), new CallTrace());
        List<BatchRegistration> batch = client.registerBatch(List.of(
                new Credentials("bob", "pw-b"), new Credentials("alice", "pw-x"), new Credentials("carol", "pw-c")), new CallTrace());

        Map<String, Long> users = sandbox.state().usersByName();
        assertThat(users).containsEntry("alice", alice);
        assertThat(batch).extracting(BatchRegistration::username).containsExactly("bob", "alice", "carol");
        assertThat(batch.get(0).succeeded()).isTrue();
        assertThat(batch.get(0).userId()).isEqualTo(users.get("bob"));
        assertThat(batch.get(1).succeeded()).isFalse();
        assertThat(batch.get(1).reason()).isEqualTo("user already exists");
        assertThat(batch.get(2).succeeded()).isTrue();
        assertThat(batch.get(2).userId()).isEqualTo(users.get("carol"));
    }

    @Test
    void findsAUserByNameAndAnswersEmptyForAnUnknownOne() {
        MaximClient client = sandboxClient();
        long alice = client.registerUser(new Credentials("alice", "pw"), new CallTrace());

        assertThat(client.findUser("alice")).map(UserInfo::userId).contains(alice);
        assertThat(client.findUser("nobody")).isEmpty();
    }

    @Test
    void addsFriends() {
        MaximClient client = sandboxClient();
        long alice = client.registerUser(new Credentials("alice", "pw"), new CallTrace());
        long bob = client.registerUser(new Credentials("bob", "pw"), new CallTrace());

        client.addRoster(alice, List.of(bob), new CallTrace());

        assertThat(sandbox.state().friendsOf(alice)).containsExactly(bob);
        assertThat(client.rosters(alice)).extracting(UserInfo::userId).containsExactly(bob);
    }

    @Test
    void createsAGroupInvitesPagesMembersAndDestroysIt() {
        MaximClient client = sandboxClient();
        long alice = client.registerUser(new Credentials("alice", "pw"), new CallTrace());
        long bob = client.registerUser(new Credentials("bob", "pw"), new CallTrace());
        long carol = client.registerUser(new Credentials("carol", "pw"), new CallTrace());

        GroupInfo group = client.createGroup(alice, new GroupCreate("team", "the team", 0, null, List.of()), new CallTrace());
        assertThat(group.effectiveOwnerId()).isEqualTo(alice);
        assertThat(group.name()).isEqualTo("team");

        List<InviteResult> invited = client.invite(alice, group.groupId(), List.of(bob, carol, 999_999L), "welcome", new CallTrace());
        assertThat(invited).extracting(InviteResult::userId).containsExactly(bob, carol, 999_999L);
        assertThat(invited).extracting(InviteResult::succeeded).containsExactly(true, true, false);

        MemberPage first = PagedLists.memberList(client, alice, group.groupId(), null, 2);
        assertThat(first.members()).hasSize(2);
        assertThat(first.total()).isEqualTo(3);
        assertThat(first.cursor()).isNotNull();
        MemberPage second = PagedLists.memberList(client, alice, group.groupId(), first.cursor(), 2);
        assertThat(second.members()).hasSize(1);
        assertThat(second.cursor()).isNull();
        assertThat(List.of(first, second)).flatMap(MemberPage::members).extracting(Member::userId)
                .containsExactlyInAnyOrder(alice, bob, carol);

        assertThat(client.joinedGroups(bob)).containsExactly(group.groupId());
        assertThat(client.groupInfo(alice, List.of(group.groupId())))
                .singleElement()
                .satisfies(info -> {
                    assertThat(info.name()).isEqualTo("team");
                    assertThat(info.effectiveOwnerId()).isEqualTo(alice);
                    assertThat(info.createdAt()).as("the vendor's info/batch has no created_at").isNull();
                });
        assertThat(client.groupInfo(alice, group.groupId())).satisfies(info -> {
            assertThat(info.effectiveOwnerId()).isEqualTo(alice);
            assertThat(info.createdAt()).isNotNull();
        });

        client.destroyGroup(alice, group.groupId(), new CallTrace());
        assertThat(sandbox.state().groups()).singleElement().extracting(SandboxState.GroupView::destroyed).isEqualTo(true);
    }

    @Test
    void sendsAMessageAndAPush() {
        MaximClient client = sandboxClient();
        long alice = client.registerUser(new Credentials("alice", "pw"), new CallTrace());

        client.sendMessage(new MessageSend(List.of(alice), 1, "hello", 0, null, null, 77L), new CallTrace());
        client.pushNotify(new PushNotify(Map.of("user_id", List.of(alice)),
                new PushMessage("text", "Welcome", "Your chats have moved.", null, null),
                Map.of("request_id", "job-1-batch-1")), new CallTrace());

        assertThat(sandbox.state().messages()).singleElement().satisfies(m -> {
            assertThat(m.transactionId()).isEqualTo(77L);
            assertThat(m.targets()).containsExactly(alice);
            assertThat(m.content()).isEqualTo("hello");
        });
        assertThat(sandbox.state().pushes()).singleElement().satisfies(p -> {
            assertThat(p.requestId()).isEqualTo("job-1-batch-1");
            assertThat(p.message().path("body").asString()).isEqualTo("Your chats have moved.");
        });
    }

    // ---- failures ----

    @Test
    void wrongTokenIsFatalAndTheMessageDoesNotShowTheToken() {
        String secret = "wrong-secret-token-4711";
        MaximClient client = client(sandbox.endpoint(), secret, FAST);

        MaximException e = catchThrowableOfType(MaximException.class,
                () -> client.registerBatch(List.of(new Credentials("alice", "pw")), new CallTrace()));

        assertThat(e.errorClass()).isEqualTo(ErrorClass.FATAL);
        assertThat(e.code()).isEqualTo(10008);
        assertThat(e.getMessage()).doesNotContain(secret);
        assertThat(e.toString()).doesNotContain(secret);
        assertThat(sandbox.state().usersByName()).isEmpty();
    }

    @Test
    void aServerThatEchoesTheTokenInItsMessageDoesNotLeakIt() {
        String secret = "wrong-secret-token-4711";
        stub.thenAlways(Answer.json("{\"code\":10008,\"message\":\"invalid access-token " + secret + "\",\"data\":null}"));
        MaximClient client = client(stub.uri(), secret, FAST);

        MaximException e = catchThrowableOfType(MaximException.class, () -> client.findUser("alice"));

        assertThat(e.errorClass()).isEqualTo(ErrorClass.FATAL);
        assertThat(e.code()).isEqualTo(10008);
        assertThat(e.getMessage()).contains("invalid access-token").doesNotContain(secret);
    }

    @Test
    void wrongEndpointPathAnswering404IsFatalWithoutRetries() {
        MaximClient client = client(URI.create(sandbox.endpoint() + "/not-maxim"), TOKEN, FAST);

        MaximException e = catchThrowableOfType(MaximException.class,
                () -> client.registerUser(new Credentials("alice", "pw"), new CallTrace()));

        assertThat(e.errorClass()).isEqualTo(ErrorClass.FATAL);
        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.getMessage()).contains("HTTP 404").contains("maxim.api-endpoint");
    }

    @Test
    void batchResultsArePairedWithTheirUsersByNameWhateverTheirOrder() {
        stub.thenAlways(Answer.ok("[{\"user_id\":2,\"username\":\"bob\",\"success\":true},"
                + "{\"user_id\":null,\"username\":\"carol\",\"success\":false,\"reason\":\"10004 user already exists\"},"
                + "{\"user_id\":1,\"username\":\"alice\",\"success\":true}]"));

        List<BatchRegistration> results = stubClient().registerBatch(List.of(new Credentials("alice", "a"),
                new Credentials("bob", "b"), new Credentials("carol", "c")), new CallTrace());

        assertThat(results).extracting(BatchRegistration::username).containsExactly("alice", "bob", "carol");
        assertThat(results).extracting(BatchRegistration::userId).containsExactly(1L, 2L, null);
    }

    @Test
    void usersABatchAnswerDoesNotNameAreRegisteredAloneAndAFoundNameIsOurs() {
        // A short answer that spells bob otherwise: bob's own call finds him there (10004), carol's registers her.
        stub.answer(Answer.ok("[{\"user_id\":1,\"username\":\"alice\",\"success\":true},{\"user_id\":2,\"username\":\"BOB\",\"success\":true}]"),
                Answer.json("{\"code\":10004,\"message\":\"user already exists\",\"data\":null}"), Answer.ok("{\"user_id\":3}"));

        List<ItemResult<Long>> results = new ItemCalls(stubClient()).register(List.of(new Credentials("alice", "a"),
                new Credentials("bob", "b"), new Credentials("carol", "c")), true);

        assertThat(results).extracting(ItemResult::status).containsExactly(ItemResult.Status.DONE, ItemResult.Status.ALREADY_DONE,
                ItemResult.Status.DONE);
        assertThat(results.get(1).maybeOurs()).as("the batch may have created bob").isTrue();
        assertThat(results).extracting(ItemResult::value).containsExactly(1L, null, 3L);
        assertThat(stub.seen()).extracting(StubMaxim.Seen::pathAndQuery).containsExactly("/user/register/batch", "/user/register/v2",
                "/user/register/v2");
    }

    @Test
    void inviteReasonsWithoutACodeAreReadByTheirTextAndAnyOtherFailureIsAskedAlone() {
        stub.answer(Answer.ok("[{\"user_id\":5,\"result\":\"fail\",\"reason\":\"User is already a group member\"},"
                        + "{\"user_id\":6,\"result\":\"fail\",\"reason\":\"Busy, try later\"},{\"user_id\":7,\"result\":\"fail\",\"reason\":\"nope\"}]"),
                Answer.ok("[{\"user_id\":6,\"result\":\"success\"}]"),
                Answer.ok("[{\"user_id\":7,\"result\":\"fail\",\"reason\":\"User is in the group blacklist\"}]"),
                // A success is a membership only when the member list shows it (else MaxIM waits for consent).
                Answer.ok("[{\"user_id\":1},{\"user_id\":5},{\"user_id\":6}]"));

        List<ItemResult<Void>> results = new ItemCalls(stubClient()).invite(1, 9, List.of(5L, 6L, 7L));

        assertThat(results).extracting(ItemResult::status).containsExactly(ItemResult.Status.ALREADY_DONE, ItemResult.Status.DONE,
                ItemResult.Status.REFUSED);
        assertThat(results.get(2).code()).isEqualTo("INVITE_FAILED");
        assertThat(results.get(2).reason()).isEqualTo("User is in the group blacklist");
        assertThat(stub.seen()).hasSize(4);
    }

    @Test
    void successAnswerWithoutUserIdIsFatalRatherThanUserZero() {
        stub.thenAlways(Answer.ok("{\"username\":\"alice\"}"));

        MaximException e = catchThrowableOfType(MaximException.class,
                () -> stubClient().registerUser(new Credentials("alice", "pw"), new CallTrace()));

        assertThat(e.errorClass()).isEqualTo(ErrorClass.FATAL);
        assertThat(e.getMessage()).contains("no user_id");
    }

    @Test
    void http201CreatedWithTheEnvelopeIsASuccessAsTheSwaggerListsIt() {
        stub.thenAlways(new Answer(201, Map.of("Content-Type", "application/json"), "{\"code\":200,\"message\":null,\"data\":{\"user_id\":41}}"));

        assertThat(stubClient().registerUser(new Credentials("alice", "pw"), new CallTrace())).isEqualTo(41L);
        assertThat(stub.attempts()).isEqualTo(1);
    }

    @Test
    void friendDetailsOfALargeRosterAreAskedForAtMost500AtATime() {
        stub.thenAlways(Answer.ok("[{\"user_id\":7,\"relation\":0}]"));

        List<RosterItem> items = stubClient().friendDetails(42, java.util.stream.LongStream.rangeClosed(1, 1200).boxed().toList());

        assertThat(items).hasSize(3);
        assertThat(stub.seen()).extracting(seen -> tools.jackson.databind.json.JsonMapper.builder().build().readTree(seen.body()).path("list").size())
                .containsExactly(500, 500, 200);
    }

    @Test
    void aSettingAnsweredFalseIsReadBackAndRefusedOnlyWhenTheGroupLacksIt() {
        stub.answer(Answer.ok("false"), Answer.ok("{\"group_id\":7,\"history_visible\":true}"),
                Answer.ok("false"), Answer.ok("{\"group_id\":7,\"history_visible\":false}"));

        stubClient().setGroupSetting(1, 7, "history_visible", true, new CallTrace());
        MaximException refused = catchThrowableOfType(MaximException.class,
                () -> stubClient().setGroupSetting(1, 7, "history_visible", true, new CallTrace()));

        assertThat(refused.reasonCode()).isEqualTo(ErrorCodes.ANSWERED_FALSE);
        assertThat(stub.seen()).extracting(StubMaxim.Seen::pathAndQuery).containsExactly("/group/settings/history_visible",
                "/group/settings?group_id=7", "/group/settings/history_visible", "/group/settings?group_id=7");
    }

    @Test
    void http404IsNotRetried() {
        stub.thenAlways(Answer.status(404));

        MaximException e = catchThrowableOfType(MaximException.class,
                () -> stubClient().registerUser(new Credentials("alice", "pw"), new CallTrace()));

        assertThat(e.errorClass()).isEqualTo(ErrorClass.FATAL);
        assertThat(stub.attempts()).isEqualTo(1);
    }

    @Test
    void twoServiceUnavailableAnswersThenSuccess() {
        stub.answer(Answer.status(503), Answer.status(503), Answer.ok("{\"user_id\":41}"));
        CallTrace trace = new CallTrace();

        long id = stubClient().registerUser(new Credentials("alice", "pw"), trace);

        assertThat(id).isEqualTo(41);
        assertThat(stub.attempts()).isEqualTo(3);
        assertThat(trace.retries()).isEqualTo(2);
        // a 503 means the server did no work
        assertThat(trace.maybeExecuted()).isFalse();
    }

    @Test
    void tooManyRequestsWithRetryAfterWaitsBeforeTheRetry() {
        stub.answer(new Answer(429, Map.of("Retry-After", "1"), null), Answer.ok("{\"user_id\":41}"));

        long id = stubClient().registerUser(new Credentials("alice", "pw"), new CallTrace());

        assertThat(id).isEqualTo(41);
        List<StubMaxim.Seen> seen = stub.seen();
        assertThat(seen).hasSize(2);
        // the base delay is 10 ms: only Retry-After explains a gap of a second (loose bound for slow machines)
        assertThat(Duration.ofNanos(seen.get(1).atNanos() - seen.get(0).atNanos())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void retryableFailureIsThrownAfterTheLastAttempt() {
        stub.thenAlways(Answer.status(503));

        MaximException e = catchThrowableOfType(MaximException.class,
                () -> stubClient().registerUser(new Credentials("alice", "pw"), new CallTrace()));

        assertThat(e.errorClass()).isEqualTo(ErrorClass.RETRYABLE);
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.getMessage()).contains("gave up after 3 attempts");
        assertThat(stub.attempts()).isEqualTo(3);
    }

    @Test
    void retryingStopsAtTheTotalTimeCap() {
        stub.thenAlways(Answer.status(503));
        RetrySettings manyAttemptsOneSecond = new RetrySettings(10_000, Duration.ofMillis(50), 1.0, Duration.ofMillis(50), Duration.ofSeconds(1));
        MaximClient client = client(stub.uri(), TOKEN, manyAttemptsOneSecond);

        long started = System.nanoTime();
        MaximException e = catchThrowableOfType(MaximException.class,
                () -> client.registerUser(new Credentials("alice", "pw"), new CallTrace()));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(e.errorClass()).isEqualTo(ErrorClass.RETRYABLE);
        assertThat(e.getMessage()).contains("gave up after 1 s of retries");
        assertThat(took).isBetween(Duration.ofMillis(950), Duration.ofSeconds(4));
        assertThat(stub.attempts()).isBetween(2, 9_999);
    }

    @Test
    void successAnswerThatIsNotJsonIsFatal() {
        stub.thenAlways(new Answer(200, Map.of("Content-Type", "text/html"), "<html><body>Welcome to nginx!</body></html>"));

        MaximException e = catchThrowableOfType(MaximException.class,
                () -> stubClient().registerUser(new Credentials("alice", "pw"), new CallTrace()));

        assertThat(e.errorClass()).isEqualTo(ErrorClass.FATAL);
        assertThat(e.getMessage()).contains("not JSON");
        assertThat(stub.attempts()).isEqualTo(1);
    }

    @Test
    void lostAnswerIsRetriedAndTheRetryFindsTheWorkDone() throws Exception {
        sandbox.faults().dropNextAnswers("/user/register/v2", 1);
        MaximClient client = client(sandbox.endpoint(), TOKEN,
                new RetrySettings(100, Duration.ofMillis(20), 1.0, Duration.ofMillis(20), Duration.ofSeconds(10)));
        CallTrace trace = new CallTrace();

        MaximException e = catchThrowableOfType(MaximException.class, () -> client.registerUser(new Credentials("alice", "pw"), trace));
        assertThat(e.code()).isEqualTo(10004);
        assertThat(e.errorClass()).isEqualTo(ErrorClass.ALREADY_DONE);
        assertThat(trace.maybeExecuted()).isTrue();
        assertThat(trace.retries()).isPositive();
        assertThat(sandbox.state().registrationCallsSucceeded()).isEqualTo(1);
    }

    @Test
    void sendsAppIdTokenActingUserAndJsonBody() {
        stub.thenAlways(Answer.ok("true"));

        stubClient().addRoster(42, List.of(43L, 44L), new CallTrace());

        StubMaxim.Seen request = stub.seen().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.pathAndQuery()).isEqualTo("/user/add_roster");
        assertThat(request.headers().getFirst("app_id")).isEqualTo(APP_ID);
        assertThat(request.headers().getFirst("access-token")).isEqualTo(TOKEN);
        assertThat(request.headers().getFirst("user_id")).isEqualTo("42");
        assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(request.body()).isEqualTo("{\"list\":[43,44]}");
    }

    @Test
    void callsWithoutAnActingUserSendNoUserIdHeader() {
        stub.thenAlways(Answer.ok("{\"user_id\":7,\"username\":\"al ice\"}"));

        stubClient().findUser("al ice");

        StubMaxim.Seen request = stub.seen().get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.pathAndQuery()).isEqualTo("/roster/name?username=al+ice");
        assertThat(request.headers().getFirst("app_id")).isEqualTo(APP_ID);
        assertThat(request.headers().containsKey("user_id")).isFalse();
    }
}
