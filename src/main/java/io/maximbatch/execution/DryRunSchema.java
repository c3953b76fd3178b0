package io.maximbatch.execution;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A dry run's job database: a throwaway schema beside the job database's own, in the same database, holding a copy of
 * every table (job executions, ID map, ledgers, rejects), so that the dry run reads what the run would read and writes
 * where nothing real is. Copied inside the database (INSERT ... SELECT), dropped at the end; one left by a killed dry
 * run is dropped by a later dry run once it is a day old.
 */
final class DryRunSchema implements AutoCloseable {

    private static final String PREFIX = "maxim_dry_run_";
    private static final long STALE_MILLIS = TimeUnit.DAYS.toMillis(1);

    private final DataSource dataSource;
    private final boolean h2;
    private final String name;
    private final String from;

    private DryRunSchema(DataSource dataSource, boolean h2, String name, String from) {
        this.dataSource = dataSource;
        this.h2 = h2;
        this.name = name;
        this.from = from;
    }

    /** Creates an empty schema next to the job database's (its tables come from Flyway, then {@link #copy()}). */
    static DryRunSchema create(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            boolean h2 = connection.getMetaData().getDatabaseProductName().equals("H2");
            String plain = PREFIX + System.currentTimeMillis() + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
            // Unquoted names are folded: to upper case by H2, lower by PostgreSQL; Flyway is given the folded one.
            String name = h2 ? plain.toUpperCase() : plain;
            dropStale(connection, sql, h2);
            sql.execute("CREATE SCHEMA " + quoted(name));
            return new DryRunSchema(dataSource, h2, name, connection.getSchema());
        }
    }

    String name() {
        return name;
    }

    /** The statement each connection of the dry run starts with, so that every unqualified table is the schema's. */
    String selectSql() {
        return h2 ? "SET SCHEMA " + quoted(name) : "SET search_path TO " + quoted(name);
    }

    /** Copies every table's rows into the migrated schema and moves its sequences to where the job database's are. */
    void copy() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            for (String table : tables(connection.getMetaData())) {
                sql.execute("INSERT INTO " + quoted(name) + "." + quoted(table) + " SELECT * FROM " + quoted(from) + "." + quoted(table));
            }
            if (h2) {
                continueH2Sequences(connection, sql);
            } else {
                continuePostgresSequences(connection, sql);
            }
        }
    }

    private List<String> tables(DatabaseMetaData meta) throws SQLException {
        List<String> tables = new ArrayList<>();
        // Any type: H2 2 says "BASE TABLE" where PostgreSQL says "TABLE".
        try (ResultSet rows = meta.getTables(null, name, "%", null)) {
            while (rows.next()) {
                String table = rows.getString("TABLE_NAME");
                String type = rows.getString("TABLE_TYPE");
                if (type != null && type.endsWith("TABLE") && !type.contains("SYSTEM") && !table.equalsIgnoreCase("flyway_schema_history")) {
                    tables.add(table);
                }
            }
        }
        // Spring Batch's foreign keys: instances before executions before step executions.
        tables.sort(Comparator.comparingInt(DryRunSchema::copyOrder));
        return tables;
    }

    private static int copyOrder(String table) {
        String upper = table.toUpperCase();
        return upper.equals("BATCH_JOB_INSTANCE") ? 0 : upper.equals("BATCH_JOB_EXECUTION") ? 1 : upper.equals("BATCH_STEP_EXECUTION") ? 2 : 3;
    }

    private void continueH2Sequences(Connection connection, Statement sql) throws SQLException {
        List<String> moves = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery("SELECT SEQUENCE_NAME, BASE_VALUE FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_SCHEMA = "
                + literal(from) + " AND SEQUENCE_NAME IN (SELECT SEQUENCE_NAME FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_SCHEMA = "
                + literal(name) + ")")) {
            while (rows.next()) {
                moves.add("ALTER SEQUENCE " + quoted(name) + "." + quoted(rows.getString(1)) + " RESTART WITH " + rows.getLong(2));
            }
        }
        // Identity columns: the next id after the copied rows', or ids made by the dry run would collide with them.
        List<String[]> identities = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery("SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = "
                + literal(name) + " AND IS_IDENTITY = 'YES'")) {
            while (rows.next()) {
                identities.add(new String[] {rows.getString(1), rows.getString(2)});
            }
        }
        for (String[] identity : identities) {
            try (ResultSet max = sql.executeQuery("SELECT COALESCE(MAX(" + quoted(identity[1]) + "), 0) + 1 FROM " + quoted(name) + "."
                    + quoted(identity[0]))) {
                max.next();
                moves.add("ALTER TABLE " + quoted(name) + "." + quoted(identity[0]) + " ALTER COLUMN " + quoted(identity[1])
                        + " RESTART WITH " + max.getLong(1));
            }
        }
        for (String move : moves) {
            sql.execute(move);
        }
    }

    private void continuePostgresSequences(Connection connection, Statement sql) throws SQLException {
        List<String> sequences = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery("SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = " + literal(name))) {
            while (rows.next()) {
                sequences.add(rows.getString(1));
            }
        }
        for (String sequence : sequences) {
            String copy = quoted(name) + "." + quoted(sequence);
            sql.execute("SELECT setval(" + literal(copy) + ", last_value, is_called) FROM " + quoted(from) + "." + quoted(sequence));
        }
    }

    /** Drops the schema and everything in it. */
    @Override
    public void close() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + quoted(name) + " CASCADE");
        }
    }

    private static void dropStale(Connection connection, Statement sql, boolean h2) throws SQLException {
        List<String> stale = new ArrayList<>();
        try (ResultSet schemas = connection.getMetaData().getSchemas()) {
            while (schemas.next()) {
                String schema = schemas.getString("TABLE_SCHEM");
                String[] parts = schema.toLowerCase().startsWith(PREFIX) ? schema.substring(PREFIX.length()).split("_") : new String[0];
                if (parts.length == 2 && parts[0].matches("\\d{1,19}")
                        && System.currentTimeMillis() - Long.parseLong(parts[0]) > STALE_MILLIS) {
                    stale.add(schema);
                }
            }
        }
        for (String schema : stale) {
            sql.execute("DROP SCHEMA IF EXISTS " + quoted(schema) + " CASCADE");
        }
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
