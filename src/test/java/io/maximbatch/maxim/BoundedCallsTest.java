package io.maximbatch.maxim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maximbatch.TrickleServer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A MaxIM call is bounded as a whole: headers and body within the timeout, a body within its cap, and a stop ends it. */
class BoundedCallsTest {

    @Test
    void anAnswerThatTricklesInEndsAtTheTimeoutAndIsRetriedThenGivenUp() throws Exception {
        try (TrickleServer server = TrickleServer.trickling()) {
            MaximClient client = client(server, Duration.ofSeconds(2), new RetrySettings(2, Duration.ofMillis(10), 2, Duration.ofMillis(10),
                    Duration.ofSeconds(20)));
            long start = System.nanoTime();

            assertThatThrownBy(() -> client.findUser("alice")).isInstanceOfSatisfying(MaximException.class, e -> {
                assertThat(e.errorClass()).isEqualTo(ErrorClass.RETRYABLE);
                assertThat(e.getMessage()).contains("no answer within 2 s");
            });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("two attempts of 2 s").isLessThan(Duration.ofSeconds(10));
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void aStopEndsACallInFlight() throws Exception {
        try (TrickleServer server = TrickleServer.trickling()) {
            MaximClient client = client(server, Duration.ofSeconds(60), RetrySettings.defaults());
            AtomicBoolean stop = new AtomicBoolean();
            CallScope.enter(new CallScope(stop::get));
            Thread stopper = new Thread(() -> {
                org.awaitility.Awaitility.await().until(() -> server.connections() > 0);
                stop.set(true);
            });
            stopper.start();
            long start = System.nanoTime();
            try {
                assertThatThrownBy(() -> client.findUser("alice")).isInstanceOf(CallStoppedException.class);
            } finally {
                CallScope.leave();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void anEndlessBodyIsAFatalAnswerNotTheEndOfTheMemory() throws Exception {
        try (TrickleServer server = TrickleServer.flooding()) {
            MaximClient client = client(server, Duration.ofSeconds(30), RetrySettings.defaults());

            assertThatThrownBy(() -> client.findUser("alice")).isInstanceOfSatisfying(MaximException.class, e -> {
                assertThat(e.errorClass()).isEqualTo(ErrorClass.FATAL);
                assertThat(e.getMessage()).contains("larger than 8 MB");
            });
        }
    }

    private static MaximClient client(TrickleServer server, Duration timeout, RetrySettings retry) {
        MaximTransport transport = new MaximTransport(new MaximEndpoint(server.endpoint(), "app", "token"),
                MaximTransport.defaultHttpClient(Duration.ofSeconds(5)), timeout);
        return new MaximClient(transport, new CallGuard(100, retry));
    }
}
