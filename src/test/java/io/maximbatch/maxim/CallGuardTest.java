package io.maximbatch.maxim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallGuardTest {

    @Test
    void holdsCallsToTheConfiguredRate() {
        try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults())) {
            MaximTransport transport = new MaximTransport(new MaximEndpoint(sandbox.endpoint(), "sandbox", "sandbox-token"),
                    MaximTransport.defaultHttpClient(Duration.ofSeconds(2)), Duration.ofSeconds(2));
            MaximClient client = new MaximClient(transport, new CallGuard(10, RetrySettings.defaults()));

            long started = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                client.findUser("user" + i);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(sandbox.state().requestsServed()).isEqualTo(20);
            // 20 calls at 10/s need about 1.9 s; only a lower bound, machines may be slower
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        }
    }

    @Test
    void doesNotRetryWhatIsNotRetryable() {
        CallGuard guard = new CallGuard(1000, new RetrySettings(5, Duration.ofMillis(1), 2.0, Duration.ofMillis(5), Duration.ofSeconds(5)));
        AtomicInteger attempts = new AtomicInteger();

        for (ErrorClass errorClass : new ErrorClass[] {ErrorClass.REJECTED, ErrorClass.FATAL, ErrorClass.ALREADY_DONE}) {
            attempts.set(0);
            assertThatThrownBy(() -> guard.call("/x", () -> {
                attempts.incrementAndGet();
                throw new MaximException("no", errorClass, 200, 1, null, false, null);
            }, new CallTrace())).isInstanceOf(MaximException.class);
            assertThat(attempts).as(errorClass.name()).hasValue(1);
        }
    }

    @Test
    void aCallThatMayHaveBeenCarriedOutIsSentAgainOnlyWhenMaxIMLacksIt() {
        CallGuard guard = new CallGuard(1000, new RetrySettings(5, Duration.ofMillis(1), 2.0, Duration.ofMillis(5), Duration.ofSeconds(5)));
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger asked = new AtomicInteger();
        MaximException lost = new MaximException("answer lost", ErrorClass.RETRYABLE, 0, 0, null, true, null);

        // MaxIM lacks it twice: sent three times, asked twice; then it answers.
        String answer = guard.callUnlessCarriedOut("/x", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw lost;
            }
            return "ok";
        }, new CallTrace(), () -> asked.incrementAndGet() < 0);
        assertThat(answer).isEqualTo("ok");
        assertThat(attempts).hasValue(3);
        assertThat(asked).hasValue(2);

        // MaxIM shows it: not sent again.
        attempts.set(0);
        Object shown = guard.callUnlessCarriedOut("/x", () -> {
            attempts.incrementAndGet();
            throw lost;
        }, new CallTrace(), () -> true);
        assertThat(shown).isNull();
        assertThat(attempts).hasValue(1);

        // Never carried out, never answered: the attempts run out.
        attempts.set(0);
        assertThatThrownBy(() -> guard.callUnlessCarriedOut("/x", () -> {
            attempts.incrementAndGet();
            throw lost;
        }, new CallTrace(), () -> false)).isInstanceOf(MaximException.class).hasMessageContaining("5 attempts");
        assertThat(attempts).hasValue(5);
    }

    @Test
    void refusesARateThatIsNotPositive() {
        assertThatThrownBy(() -> new CallGuard(0, RetrySettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate limit");
    }

    @Test
    void rateCanBeChangedWhileRunning() {
        CallGuard guard = new CallGuard(1, RetrySettings.defaults());
        guard.setRate(1000);
        AtomicInteger calls = new AtomicInteger();

        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            guard.call("/x", calls::incrementAndGet, new CallTrace());
        }

        assertThat(guard.rate()).isEqualTo(1000);
        // at the first rate of 1/s this would take 19 s
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aStopEndsACallBeingRetriedAtOnceAndCarriesToTheCallThreads() {
        CallGuard guard = new CallGuard(1000, new RetrySettings(1000, Duration.ofMillis(200), 2.0, Duration.ofSeconds(1), Duration.ofSeconds(60)));
        AtomicInteger attempts = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        CallScope.enter(new CallScope(stop::get));
        try (ConcurrentCalls calls = new ConcurrentCalls(4)) {
            long started = System.nanoTime();
            List<ConcurrentCalls.Result<Object>> results = calls.runAll(List.of(() -> guard.call("/x", () -> {
                if (attempts.incrementAndGet() == 3) {
                    stop.set(true);
                }
                throw new MaximException("busy", ErrorClass.RETRYABLE, 503, 0, null, false, null);
            }, new CallTrace())));

            assertThat(results.get(0).failure()).isInstanceOf(CallStoppedException.class);
            assertThat(attempts).hasValue(3);
            // Without the stop it would go on retrying for 60 s.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        } finally {
            CallScope.leave();
        }
    }
}
