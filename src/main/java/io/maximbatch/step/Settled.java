package io.maximbatch.step;

import io.maximbatch.outcome.Outcome;

/**
 * What the calls made of one item: its outcome, or the failure that left it undecided (retries exhausted, a fatal
 * answer), which fails the chunk once the other items are recorded.
 */
public interface Settled {

    Outcome outcome();

    default RuntimeException failure() {
        return null;
    }

    /** An item with this outcome. */
    static Settled of(Outcome outcome) {
        return () -> outcome;
    }

    /** An item whose call failed: it stays as the ledger has it (PENDING), for the resumed run. */
    static Settled failed(RuntimeException failure) {
        return new Settled() {
            @Override
            public Outcome outcome() {
                return null;
            }

            @Override
            public RuntimeException failure() {
                return failure;
            }
        };
    }
}
