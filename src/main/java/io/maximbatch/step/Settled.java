package io.maximbatch.step;

import io.maximbatch.maxim.ItemResult;
import io.maximbatch.outcome.Outcome;
import io.maximbatch.outcome.RejectCode;
import io.maximbatch.outcome.Why;
import java.util.function.BiFunction;

/**
 * What the calls made of one item: its outcome, or the failure that left it undecided (retries exhausted, a fatal
 * answer), which fails the chunk once the other items are recorded.
 */
public interface Settled {

    Outcome outcome();

    default RuntimeException failure() {
        return null;
    }

    /**
     * The one policy by which MaxIM's answer for an item becomes its outcome, for every step type: done is written; an
     * answer that MaxIM has it already ("already a member", "already friends", a request id it has seen) is written when
     * an attempt of ours may have done it (ours: a lost answer of this call, or a PENDING item of an earlier run resent),
     * already done otherwise; either way the step's ledger records it as present, so no later run asks again. A refusal
     * is rejected under the step's code with MaxIM's answer; a failure leaves the item for the resumed run. An item MaxIM
     * holds until a person consents is pending.
     */
    static Settled answered(ItemResult<?> result, boolean resent, RejectCode refused) {
        return switch (result.status()) {
            case DONE -> of(Outcome.WRITTEN);
            case ALREADY_DONE -> of(resent || result.maybeOurs() ? Outcome.WRITTEN : Outcome.ALREADY_DONE);
            case PENDING -> of(Outcome.PENDING);
            case REFUSED -> of(Outcome.rejected(refused.answered(result.code(), result.reason())));
            case FAILED -> failed(result.failure());
        };
    }

    /**
     * The answer for a change of something that exists (a remark, a group's setting, an account's attribute), by the
     * same policy: applied (now, or MaxIM has the value already) is the change's outcome, written or updated; a refusal
     * is rejected with MaxIM's code and reason as the step words them; a failure leaves it for the resumed run.
     */
    static Settled change(ItemResult<?> result, Outcome applied, BiFunction<String, String, Why> refused) {
        return switch (result.status()) {
            case DONE, ALREADY_DONE -> of(applied);
            case PENDING -> of(Outcome.PENDING);
            case REFUSED -> of(Outcome.rejected(refused.apply(result.code(), result.reason())));
            case FAILED -> failed(result.failure());
        };
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
