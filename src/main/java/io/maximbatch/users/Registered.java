package io.maximbatch.users;

import io.maximbatch.ledger.UserMapping.Origin;
import io.maximbatch.outcome.Outcome;
import io.maximbatch.outcome.Why;
import io.maximbatch.step.Settled;

/** What became of a registration: written or already done with its MaxIM user id, rejected, or failed (a fatal answer). */
record Registered(Outcome outcome, Long userId, Origin origin, RuntimeException failure) implements Settled {

    static Registered written(long userId) {
        return new Registered(Outcome.WRITTEN, userId, Origin.CREATED, null);
    }

    static Registered alreadyDone(long userId, Origin origin) {
        return new Registered(Outcome.ALREADY_DONE, userId, origin, null);
    }

    static Registered rejected(Why why) {
        return new Registered(Outcome.rejected(why), null, null, null);
    }

    static Registered failed(RuntimeException failure) {
        return new Registered(null, null, null, failure);
    }
}
