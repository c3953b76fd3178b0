package io.maximbatch.maxim;

import java.util.concurrent.atomic.AtomicInteger;

/** What happened on the way to one call's final answer: retries, and whether an earlier attempt may have been done. */
public final class CallTrace {

    private volatile boolean maybeExecuted;
    private final AtomicInteger retries = new AtomicInteger();

    void markMaybeExecuted() {
        maybeExecuted = true;
    }

    void countRetry() {
        retries.incrementAndGet();
    }

    /** True when an earlier attempt may have been executed by the server although its answer was lost. */
    public boolean maybeExecuted() {
        return maybeExecuted;
    }

    public int retries() {
        return retries.get();
    }
}
