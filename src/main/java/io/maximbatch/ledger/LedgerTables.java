package io.maximbatch.ledger;

import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every ledger works with: the job database, a transaction of its own whose writes commit at once, apart from the
 * chunk's (a PENDING row must be durable before the call it guards, a confirmation before a replay), a read-only one,
 * and the tables' growth.
 */
@Component
public final class LedgerTables {

    /** Keys per IN list of a look-up. */
    public static final int IN_LIST_SIZE = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final TransactionTemplate readOnly;
    private final TableGrowth growth;

    public LedgerTables(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactionManager, TableGrowth growth) {
        this.jdbc = jdbc;
        this.growth = growth;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        // A transaction, so that PostgreSQL streams a query's rows through a cursor instead of reading them all.
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
    }

    /** The ledgers' tables in that database, outside a Spring context (tests). */
    public static LedgerTables of(DataSource db) {
        return new LedgerTables(new NamedParameterJdbcTemplate(db), new DataSourceTransactionManager(db), new TableGrowth(db));
    }

    public NamedParameterJdbcTemplate jdbc() {
        return jdbc;
    }

    public TransactionTemplate ownTransaction() {
        return ownTransaction;
    }

    public TransactionTemplate readOnly() {
        return readOnly;
    }

    public TableGrowth growth() {
        return growth;
    }
}
