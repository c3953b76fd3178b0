package io.maximbatch.step.internal;

import io.maximbatch.step.Decision;
import io.maximbatch.step.Candidate;
import io.maximbatch.outcome.Outcome;
import io.maximbatch.outcome.Tally;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** Each candidate's outcome from its decision and the outcomes of the items it sent; the same for a run and a dry run. */
public final class ChunkOutcomes {

    private ChunkOutcomes() {
    }

    /**
     * Adds to the tally: a candidate decided without a call as decided; one that sent items is rejected if one of its
     * items was, written if it is the first to have written one of them, pending if one is, capped if one was skipped by
     * the frequency cap (found over it just before its call), and already done otherwise.
     */
    public static <C extends Candidate, S> void tally(List<? extends C> candidates, List<Decision<S>> decisions,
                                                      Function<S, Outcome> itemOutcome, Tally tally) {
        each(candidates, decisions, itemOutcome, (candidate, outcome) -> tally.add(candidate.line(), candidate.asRead(), outcome));
    }

    /** As tally, handing each candidate's outcome on (to one of several tallies). */
    public static <C extends Candidate, S> void each(List<? extends C> candidates, List<Decision<S>> decisions,
                                                     Function<S, Outcome> itemOutcome, BiConsumer<C, Outcome> each) {
        Map<S, String> firstLine = new HashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            C candidate = candidates.get(i);
            Decision<S> decision = decisions.get(i);
            each.accept(candidate, decision.sends() ? combined(candidate.line(), decision.items(), itemOutcome, firstLine) : decision.outcome());
        }
    }

    /** firstLine: the line of the candidate that sent each item first, which alone counts it written (or updated). */
    private static <S> Outcome combined(String line, List<S> items, Function<S, Outcome> itemOutcome, Map<S, String> firstLine) {
        boolean written = false;
        boolean updated = false;
        boolean pending = false;
        Outcome rejected = null;
        Outcome capped = null;
        for (S item : items) {
            Outcome outcome = itemOutcome.apply(item);
            String first = firstLine.putIfAbsent(item, line);
            if (outcome.isRejected()) {
                rejected = rejected != null ? rejected : first == null ? outcome
                        : Outcome.rejected(outcome.why().code(), "the same target as line " + first + ": " + outcome.why().reason());
            } else if (outcome.kind() == Outcome.Kind.CAPPED) {
                capped = capped != null ? capped : outcome;
            } else {
                written |= outcome.kind() == Outcome.Kind.WRITTEN && first == null;
                updated |= outcome.kind() == Outcome.Kind.UPDATED && first == null;
                pending |= outcome.kind() == Outcome.Kind.PENDING;
            }
        }
        return rejected != null ? rejected : capped != null ? capped : written ? Outcome.WRITTEN : updated ? Outcome.UPDATED : pending ? Outcome.PENDING
                : Outcome.ALREADY_DONE;
    }
}
