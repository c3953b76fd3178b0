package io.maximbatch.ledger;

/** A table of the job database that steps record what they did in: it works with {@link LedgerTables}. */
public abstract class Ledger {

    protected final LedgerTables tables;

    protected Ledger(LedgerTables tables) {
        this.tables = tables;
    }
}
