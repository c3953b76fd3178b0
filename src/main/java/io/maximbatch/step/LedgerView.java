package io.maximbatch.step;

import java.util.HashMap;
import java.util.Map;

/**
 * A ledger's rows as a decision sees them: those read for the chunk, under those this run has decided itself. A run
 * keeps its decisions for one chunk (its earlier chunks are in the ledger by then); a dry run and `validate` write
 * nothing, so they keep theirs for the whole step.
 */
public final class LedgerView<K, V> {

    private final boolean remembersRun;
    private final Map<K, V> stored = new HashMap<>();
    private final Map<K, V> decided = new HashMap<>();

    /** remembersRun: a dry run's or validate's view (keeps its decisions), not a run's. */
    public LedgerView(boolean remembersRun) {
        this.remembersRun = remembersRun;
    }

    /** The ledger's rows for the next chunk. */
    public void load(Map<K, V> rows) {
        stored.clear();
        stored.putAll(rows);
        if (!remembersRun) {
            decided.clear();
        }
    }

    /** The row this run decided, else the ledger's. */
    public V get(K key) {
        V mine = decided.get(key);
        return mine != null ? mine : stored.get(key);
    }

    /** The ledger's own row. */
    public V stored(K key) {
        return stored.get(key);
    }

    public void decide(K key, V row) {
        decided.put(key, row);
    }

    public int decidedCount() {
        return decided.size();
    }
}
