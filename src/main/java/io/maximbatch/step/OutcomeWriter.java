package io.maximbatch.step;

import io.maximbatch.outcome.Outcome;
import io.maximbatch.step.internal.ChunkOutcomes;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.ItemResult;
import io.maximbatch.report.StepRecords;
import io.maximbatch.outcome.Tally;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * The one write path of every step type: decide each candidate (the step type's decision, with the ledgers looked up
 * once for the chunk), record the items to send as PENDING, send them concurrently, record what the calls did (also
 * when one of them failed), then count every candidate's outcome. A step type supplies its decision, its calls and
 * its ledger work; nothing that succeeded is ever sent again by a replay, a restart or a crash.
 *
 * @param <C> the candidates (rows) the step reads
 * @param <S> the items it sends (a registration, a friendship, a push target)
 * @param <R> what the calls made of an item
 * @param <U> what the writer uses: its settings, ledgers and calls
 */
public abstract class OutcomeWriter<C extends Candidate, S, R extends Settled, U> implements ItemWriter<C> {

    /** How often a chunk decides again when another writer records one of its items at the same moment. */
    private static final int DECISIONS = 5;

    protected final StepRecords records;
    protected final U uses;
    private final ConcurrentCalls calls;

    protected OutcomeWriter(StepRecords records, ConcurrentCalls calls, U uses) {
        this.records = records;
        this.calls = calls;
        this.uses = uses;
    }

    /** Each candidate's decision, in the chunk's order. */
    protected abstract List<Decision<S>> decide(List<? extends C> chunk);

    /** The calls that send these items, to run concurrently; each answers what it made of every item it carries. */
    protected abstract List<Callable<Map<S, R>>> calls(List<S> items);

    /** Ledger work before the calls (PENDING rows, committed); returns the items to send, having settled the others. */
    /** The rows of a chunk its decisions found already done (the ID maps claim those an earlier run did). */
    protected static <T> List<T> alreadyDone(List<? extends T> chunk, List<? extends Decision<?>> decisions) {
        List<T> done = new java.util.ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            Decision<?> decision = decisions.get(i);
            if (!decision.sends() && decision.outcome().kind() == Outcome.Kind.ALREADY_DONE) {
                done.add(chunk.get(i));
            }
        }
        return done;
    }

    protected List<S> beforeCalls(List<S> items, Map<S, R> settled) {
        return items;
    }

    /** Ledger work after the calls, also when one of them failed (DONE rows, confirmations); returns the results kept. */
    protected Map<S, R> afterCalls(Map<S, R> results) {
        return results;
    }

    @Override
    public final void write(Chunk<? extends C> chunk) {
        for (int decision = 1; ; decision++) {
            try {
                writeOnce(chunk.getItems());
                return;
            } catch (DecideAgain again) {
                // Nothing was recorded or sent: decide again, now seeing the other writer's records.
                if (decision == DECISIONS) {
                    throw (RuntimeException) again.getCause();
                }
            }
        }
    }

    private void writeOnce(List<? extends C> chunk) {
        List<Decision<S>> decisions = decide(chunk);
        Set<S> items = new LinkedHashSet<>();
        decisions.forEach(d -> items.addAll(d.items()));
        Map<S, R> settled = new ConcurrentHashMap<>();
        RuntimeException fatal = send(new ArrayList<>(items), settled);
        if (fatal != null) {
            // What the calls did is recorded; the chunk rolls back and a resumed run finds it in the ledgers.
            throw fatal;
        }
        Tally tally = new Tally();
        ChunkOutcomes.tally(chunk, decisions, item -> settled.get(item).outcome(), tally);
        records.save(tally);
    }

    /** Sends the items and records what became of them; returns the first failure, once every call has ended. */
    protected RuntimeException send(List<S> items, Map<S, R> settled) {
        return settle(start(items, settled), settled);
    }

    /** The requests/second the calls go out at now. */
    protected final double rate() {
        return calls.rate();
    }

    /**
     * Sends in slices: a slice's PENDING rows are written just before its calls start and its results recorded as soon
     * as its calls end, so that the ledger work overlaps the calls of the other slices. At most `ahead` slices are
     * queued: a failure stops the slices after them from being sent.
     */
    protected final RuntimeException sendInSlices(List<S> items, int sliceSize, int ahead, Map<S, R> settled) {
        Deque<Sending<S, R>> inFlight = new ArrayDeque<>();
        RuntimeException fatal = null;
        try {
            for (int i = 0; i < items.size() && fatal == null; i += sliceSize) {
                while (fatal == null && (inFlight.size() >= ahead || (!inFlight.isEmpty() && inFlight.peek().calls().isDone()))) {
                    fatal = settle(inFlight.poll(), settled);
                }
                if (fatal == null) {
                    inFlight.add(start(items.subList(i, Math.min(items.size(), i + sliceSize)), settled));
                }
            }
            while (!inFlight.isEmpty()) {
                RuntimeException failure = settle(inFlight.poll(), settled);
                fatal = fatal != null ? fatal : failure;
            }
        } finally {
            // A database error above: no call of this chunk may go on after the chunk has failed (their PENDING rows stay).
            inFlight.forEach(sending -> sending.calls().join());
        }
        return fatal;
    }

    /**
     * Adds one call per batch of at most size items: call answers each item of its batch in order, settle turns each
     * answer into what the writer keeps of it.
     */
    protected static <S, T, R> void batches(List<S> items, int size, Function<List<S>, List<ItemResult<T>>> call,
                                            BiFunction<S, ItemResult<T>, R> settle, List<Callable<Map<S, R>>> calls) {
        for (int i = 0; i < items.size(); i += size) {
            List<S> batch = items.subList(i, Math.min(items.size(), i + size));
            calls.add(() -> {
                List<ItemResult<T>> results = call.apply(batch);
                Map<S, R> settled = new HashMap<>();
                for (int j = 0; j < batch.size(); j++) {
                    settled.put(batch.get(j), settle.apply(batch.get(j), results.get(j)));
                }
                return settled;
            });
        }
    }

    /** Calls started together. */
    protected record Sending<S, R>(ConcurrentCalls.Submitted<Map<S, R>> calls) {
    }

    /** Records the items' state before their calls, and starts the calls. */
    protected final Sending<S, R> start(List<S> items, Map<S, R> settled) {
        List<S> sending = items.isEmpty() ? items : beforeCalls(items, settled);
        return new Sending<>(calls.submitAll(sending.isEmpty() ? List.of() : calls(sending)));
    }

    /** Waits for started calls and records their results; returns the first failure among them. */
    protected final RuntimeException settle(Sending<S, R> sending, Map<S, R> settled) {
        RuntimeException fatal = null;
        Map<S, R> results = new HashMap<>();
        for (ConcurrentCalls.Result<Map<S, R>> result : sending.calls().join()) {
            if (result.ok()) {
                results.putAll(result.value());
            } else if (fatal == null) {
                fatal = result.uncheckedFailure();
            }
        }
        for (Map.Entry<S, R> result : afterCalls(results).entrySet()) {
            if (result.getValue().outcome() != null) {
                settled.put(result.getKey(), result.getValue());
            } else if (fatal == null) {
                fatal = result.getValue().failure();
            }
        }
        return fatal;
    }
}
