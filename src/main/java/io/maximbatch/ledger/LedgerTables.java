package io.maximbatch.ledger;

import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every ledger works with: the job database, a transaction of its own whose writes commit at once, apart from the
 * chunk's (a PENDING row must be durable before the call it guards, a confirmation before a replay), a read-only one,
 * and the tables' growth.
 */
public record LedgerTables(NamedParameterJdbcTemplate jdbc, TransactionTemplate ownTransaction, TransactionTemplate readOnly,
                           TableGrowth growth) {

    /** Keys per IN list of a look-up. */
    public static final int IN_LIST_SIZE = 500;

    /** The ledgers' tables in the job database of this transaction manager (a bean: LedgerConfiguration). */
    public static LedgerTables of(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactionManager, TableGrowth growth) {
        TransactionTemplate ownTransaction = new TransactionTemplate(transactionManager);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        // A transaction, so that PostgreSQL streams a query's rows through a cursor instead of reading them all.
        TransactionTemplate readOnly = new TransactionTemplate(transactionManager);
        readOnly.setReadOnly(true);
        return new LedgerTables(jdbc, ownTransaction, readOnly, growth);
    }

    /** The ledgers' tables in that database, outside a Spring context (tests). */
    public static LedgerTables of(DataSource db) {
        return of(new NamedParameterJdbcTemplate(db), new DataSourceTransactionManager(db), new TableGrowth(db));
    }
}
