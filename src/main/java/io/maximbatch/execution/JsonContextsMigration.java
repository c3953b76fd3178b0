package io.maximbatch.execution;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.stereotype.Component;

/**
 * Flyway V7 (H2 and PostgreSQL alike): rewrites the execution contexts that versions before it stored with Java
 * serialization as JSON, once, so that an unfinished run of an earlier version resumes after the upgrade. The old
 * rows are read with a filter that admits only the plain value types a context holds (and the maps that carry them):
 * nothing else is instantiated from the database, here or ever after.
 */
@Component
final class JsonContextsMigration implements JavaMigration {

    /** Where Spring Batch cuts a context for its SHORT_CONTEXT column; longer ones go whole into SERIALIZED_CONTEXT. */
    private static final int SHORT_CONTEXT = 2500;
    /** Java serialization's magic (0xACED), as the base64 text Spring Batch's old serializer stored. */
    private static final String JAVA_SERIALIZED = "rO0AB";
    /** The classes a Java-serialized context of ours was made of: its map (a ConcurrentHashMap and its lock) and values. */
    private static final Set<String> OLD_CONTEXT_CLASSES = Stream.concat(ExecutionConfiguration.CONTEXT_VALUES.stream().map(Class::getName),
            Stream.of("java.lang.Number", "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.ConcurrentHashMap$Segment",
                    "java.util.concurrent.locks.ReentrantLock", "java.util.concurrent.locks.ReentrantLock$Sync",
                    "java.util.concurrent.locks.ReentrantLock$NonfairSync", "java.util.concurrent.locks.AbstractQueuedSynchronizer",
                    "java.util.concurrent.locks.AbstractOwnableSynchronizer", "[Ljava.util.concurrent.ConcurrentHashMap$Segment;",
                    // Maps and lists check the size of the array they will make against the filter first.
                    "[Ljava.util.Map$Entry;", "[Ljava.lang.Object;"))
            .collect(Collectors.toUnmodifiableSet());

    private final ExecutionContextSerializer json;

    JsonContextsMigration(ExecutionContextSerializer json) {
        this.json = json;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("7");
    }

    @Override
    public String getDescription() {
        return "execution contexts as JSON";
    }

    @Override
    public Integer getChecksum() {
        return 7;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        convert(context.getConnection(), "BATCH_JOB_EXECUTION_CONTEXT", "JOB_EXECUTION_ID");
        convert(context.getConnection(), "BATCH_STEP_EXECUTION_CONTEXT", "STEP_EXECUTION_ID");
    }

    private void convert(Connection connection, String table, String id) throws SQLException, IOException {
        List<Object[]> old = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + id + ", SHORT_CONTEXT, SERIALIZED_CONTEXT FROM " + table);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String text = rows.getString(3) != null ? rows.getString(3) : rows.getString(2);
                if (text != null && text.startsWith(JAVA_SERIALIZED)) {
                    old.add(new Object[] {rows.getLong(1), text});
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET SHORT_CONTEXT = ?, SERIALIZED_CONTEXT = ? WHERE "
                + id + " = ?")) {
            for (Object[] row : old) {
                String converted = toJson(read((String) row[1]));
                boolean isShort = converted.length() <= SHORT_CONTEXT;
                update.setString(1, isShort ? converted : converted.substring(0, SHORT_CONTEXT - 3) + "...");
                update.setString(2, isShort ? null : converted);
                update.setLong(3, (Long) row[0]);
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** An old context's map, admitting none but OLD_CONTEXT_CLASSES. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(String base64) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
            in.setObjectInputFilter(info -> info.serialClass() == null ? (info.depth() > 20 || info.references() > 100_000
                    ? ObjectInputFilter.Status.REJECTED : ObjectInputFilter.Status.UNDECIDED)
                    : OLD_CONTEXT_CLASSES.contains(info.serialClass().getName()) ? ObjectInputFilter.Status.ALLOWED
                    : ObjectInputFilter.Status.REJECTED);
            return (Map<String, Object>) in.readObject();
        } catch (InvalidClassException e) {
            throw new IOException("an execution context holds a value that is not a plain value (" + e.getMessage()
                    + "); it is not read: abandon that execution, or restore the database and finish it with the earlier version", e);
        } catch (ClassNotFoundException e) {
            throw new IOException("an execution context holds a value of an unknown class: " + e.getMessage(), e);
        }
    }

    private String toJson(Map<String, Object> context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        json.serialize(context, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
