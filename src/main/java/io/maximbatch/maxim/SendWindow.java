package io.maximbatch.maxim;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * At most `rate` sends in any second, counted when a call is actually sent. The rate limiter spaces permits
 * evenly, but threads that wake late (a busy machine, a GC pause) send their permits together, and a server
 * counting per second would answer the surplus with 429. A margin absorbs the spread of arrival times.
 */
final class SendWindow {

    private static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1010);

    /** Send times of the last `limit` sends, oldest at `next`. */
    private final long[] sent;
    private int next;

    SendWindow(double requestsPerSecond) {
        this.sent = new long[(int) Math.max(1, Math.floor(requestsPerSecond))];
        long longAgo = System.nanoTime() - 2 * WINDOW_NANOS;
        Arrays.fill(sent, longAgo);
    }

    /** Waits until one more send keeps the window within its limit, and records it. */
    synchronized void await() throws InterruptedException {
        long wait = sent[next] + WINDOW_NANOS - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        sent[next] = System.nanoTime();
        next = (next + 1) % sent.length;
    }
}
