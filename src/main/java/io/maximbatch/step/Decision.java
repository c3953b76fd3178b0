package io.maximbatch.step;

import io.maximbatch.outcome.Outcome;
import io.maximbatch.outcome.Why;
import java.util.List;

/**
 * What a step type's decision says of one candidate before any call: send these items, already done, or rejected.
 * Items several candidates send (the same friendship, the same push target) are sent once: the first candidate
 * writes them, the others follow its outcome as already done.
 */
public record Decision<S>(Outcome outcome, List<S> items) {

    public static <S> Decision<S> send(S item) {
        return new Decision<>(null, List.of(item));
    }

    public static <S> Decision<S> send(List<S> items) {
        return new Decision<>(null, List.copyOf(items));
    }

    public static <S> Decision<S> alreadyDone() {
        return new Decision<>(Outcome.ALREADY_DONE, List.of());
    }

    public static <S> Decision<S> rejected(Why why) {
        return new Decision<>(Outcome.rejected(why), List.of());
    }

    /** Skipped by a campaign's frequency cap: nothing sent, listed with why, never rejected. */
    public static <S> Decision<S> capped(Why why) {
        return new Decision<>(Outcome.capped(why), List.of());
    }

    public boolean sends() {
        return outcome == null;
    }

    /** Already done: nothing to send and nothing to report, so a reader may pass its row over (ChangedRowsReader). */
    public boolean nothingToDo() {
        return outcome != null && outcome.kind() == Outcome.Kind.ALREADY_DONE;
    }

    /** The outcome if its calls succeed, as `validate` foresees it without calling MaxIM. */
    public Outcome ifSent() {
        return sends() ? Outcome.WRITTEN : outcome;
    }
}
