package io.maximbatch.maxim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Read-only calls go out in a window that moves as each call ends, and a failure stops those not started. */
class ConcurrentCallsTest {

    @Test
    void aSlowCallDoesNotHoldBackTheCallsAfterIt() {
        try (ConcurrentCalls calls = new ConcurrentCalls(2)) {
            CountDownLatch lastStarted = new CountDownLatch(1);
            List<Callable<Integer>> tasks = new ArrayList<>();
            // Slices of two would start call 5 only after the slow call 0 ended: it would wait for its timeout and fail.
            tasks.add(() -> lastStarted.await(20, TimeUnit.SECONDS) ? 0 : -1);
            for (int i = 1; i <= 5; i++) {
                int value = i;
                tasks.add(() -> {
                    if (value == 5) {
                        lastStarted.countDown();
                    }
                    return value;
                });
            }
            assertThat(calls.valuesOfAll(tasks)).containsExactly(0, 1, 2, 3, 4, 5);
        }
    }

    @Test
    void theFirstFailureIsThrownAndStopsTheCallsNotYetStarted() {
        // A window of one call: the next call may start only after the failing one has ended, so the count is exact.
        // (With a wider window, calls that end before the failure is recorded let more start: a bound would flake.)
        try (ConcurrentCalls calls = new ConcurrentCalls(1)) {
            AtomicInteger ran = new AtomicInteger();
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int value = i;
                tasks.add(() -> {
                    ran.incrementAndGet();
                    if (value == 3) {
                        throw new IllegalStateException("token refused");
                    }
                    return value;
                });
            }
            assertThatThrownBy(() -> calls.valuesOfAll(tasks)).hasMessage("token refused");
            assertThat(ran.get()).as("calls made of 100").isEqualTo(4);
        }
    }
}
