package io.maximbatch.maxim;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.maxim.MaximModel.Credentials;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A dry run's "does MaxIM have that name": one listing of a small app instead of a look-up per name, same answers. */
class TakenUsernamesTest {

    private SandboxServer sandbox;
    private MaximClient client;

    @BeforeEach
    void start() {
        sandbox = SandboxServer.start(SandboxOptions.defaults());
        MaximTransport transport = new MaximTransport(new MaximEndpoint(sandbox.endpoint(), "sandbox", "sandbox-token"),
                MaximTransport.defaultHttpClient(Duration.ofSeconds(2)), Duration.ofSeconds(2));
        client = new MaximClient(transport, new CallGuard(1000, new RetrySettings(3, Duration.ofMillis(10), 2.0,
                Duration.ofSeconds(2), Duration.ofSeconds(10))));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aSmallAppIsListedOnceAndAnswersEveryName() {
        register(List.of("Alice", "bob"));
        long before = sandbox.state().requestsServed();
        TakenUsernames taken = new TakenUsernames(client, TakenUsernames.MAX_PAGES);

        List<Boolean> answers = IntStream.range(0, 300).mapToObj(i -> taken.test("new_user_" + i)).toList();

        assertThat(answers).containsOnly(false);
        assertThat(taken.test("bob")).isTrue();
        // Two pages: the one with both users, then the empty one that ends the list.
        assertThat(sandbox.state().requestsServed() - before).isEqualTo(2);
    }

    @Test
    void aNameDifferingOnlyInCaseIsAskedOfMaxim() {
        register(List.of("Alice"));
        TakenUsernames taken = new TakenUsernames(client, TakenUsernames.MAX_PAGES);
        taken.test("anyone");
        long before = sandbox.state().requestsServed();

        boolean alice = taken.test("alice");

        // The sandbox, like the vendor's pattern, tells "alice" from "Alice": one look-up says so.
        assertThat(alice).isFalse();
        assertThat(sandbox.state().requestsServed() - before).isEqualTo(1);
        assertThat(taken.test("Alice")).isTrue();
    }

    @Test
    void anAppTooLargeToListIsAskedNameByName() {
        register(IntStream.range(0, 201).mapToObj(i -> "user_" + i).toList());
        long before = sandbox.state().requestsServed();
        TakenUsernames taken = new TakenUsernames(client, 1);

        assertThat(taken.test("user_200")).isTrue();
        assertThat(taken.test("user_0")).isTrue();
        assertThat(taken.test("nobody")).isFalse();

        // One full page (it could not see the end), then a look-up per name.
        assertThat(sandbox.state().requestsServed() - before).isEqualTo(1 + 3);
    }

    private void register(List<String> names) {
        for (int from = 0; from < names.size(); from += 50) {
            client.registerBatch(names.subList(from, Math.min(names.size(), from + 50)).stream()
                    .map(name -> new Credentials(name, "pw-" + name)).toList(), new CallTrace());
        }
    }
}
