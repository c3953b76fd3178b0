package io.maximbatch.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The upgrade to JSON contexts: a job database written by an earlier version (Java-serialized contexts) is migrated
 * once, and its contexts read back as they were; a context holding anything but plain values is not read at all.
 */
class JsonContextsMigrationTest {

    private final ExecutionContextSerializer json = new ExecutionConfiguration().executionContextSerializer();

    @Test
    void contextsOfAnEarlierVersionAreRewrittenAsJsonWithTheirValues() throws Exception {
        JdbcDataSource db = earlierVersion();
        ExecutionContext step = new ExecutionContext();
        step.putLong("maxim.written", 120);
        step.putInt("csv-source.read.count", 130);
        step.putString("maxim.reject-file", "rejects/x.csv");
        step.putDouble("maxim.partition.rate", 12.5);
        step.put("jdbc-source.start.after", new LinkedHashMap<>(Map.of("legacy_id", "L130")));
        ExecutionContext job = new ExecutionContext();
        job.putString("long", "x".repeat(3000));
        JdbcTemplate jdbc = new JdbcTemplate(db);
        insertExecution(jdbc, javaSerialized(step), javaSerialized(job));

        migrate(db);

        String stored = jdbc.queryForObject("SELECT SHORT_CONTEXT FROM BATCH_STEP_EXECUTION_CONTEXT WHERE STEP_EXECUTION_ID = 1", String.class);
        assertThat(stored).startsWith("{").contains("\"maxim.written\"");
        assertThat(read(stored)).isEqualTo(Map.copyOf(step.toMap()));
        String longOne = jdbc.queryForObject("SELECT SERIALIZED_CONTEXT FROM BATCH_JOB_EXECUTION_CONTEXT WHERE JOB_EXECUTION_ID = 1", String.class);
        assertThat(read(longOne)).isEqualTo(Map.copyOf(job.toMap()));
    }

    @Test
    void aContextHoldingAnythingButPlainValuesIsNotRead() throws Exception {
        JdbcDataSource db = earlierVersion();
        Map<String, Object> hostile = new LinkedHashMap<>(Map.of("file", new File("/etc/passwd")));
        insertExecution(new JdbcTemplate(db), javaSerializedMap(hostile), javaSerializedMap(new LinkedHashMap<>()));

        assertThatThrownBy(() -> migrate(db)).isInstanceOf(FlywayException.class).hasStackTraceContaining("not a plain value");
    }

    private JdbcDataSource earlierVersion() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:upgrade-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(db).locations("classpath:db/migration/h2").target("6").load().migrate();
        return db;
    }

    private void migrate(JdbcDataSource db) {
        Flyway.configure().dataSource(db).locations("classpath:db/migration/h2").javaMigrations(new JsonContextsMigration(json)).load().migrate();
    }

    private static void insertExecution(JdbcTemplate jdbc, String stepContext, String jobContext) {
        jdbc.update("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) VALUES (1, 0, 'old', 'k')");
        jdbc.update("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, STATUS) VALUES (1, 0, 1,"
                + " CURRENT_TIMESTAMP, 'FAILED')");
        jdbc.update("INSERT INTO BATCH_STEP_EXECUTION (STEP_EXECUTION_ID, VERSION, STEP_NAME, JOB_EXECUTION_ID, CREATE_TIME, STATUS)"
                + " VALUES (1, 0, 'users', 1, CURRENT_TIMESTAMP, 'FAILED')");
        jdbc.update("INSERT INTO BATCH_STEP_EXECUTION_CONTEXT (STEP_EXECUTION_ID, SHORT_CONTEXT, SERIALIZED_CONTEXT) VALUES (1, ?, ?)",
                shortOf(stepContext), stepContext.length() > 2500 ? stepContext : null);
        jdbc.update("INSERT INTO BATCH_JOB_EXECUTION_CONTEXT (JOB_EXECUTION_ID, SHORT_CONTEXT, SERIALIZED_CONTEXT) VALUES (1, ?, ?)",
                shortOf(jobContext), jobContext.length() > 2500 ? jobContext : null);
    }

    private static String shortOf(String context) {
        return context.length() > 2500 ? context.substring(0, 2497) + "..." : context;
    }

    /** A context as Spring Batch's Java serializer stored it (what versions before JSON wrote): its entries in a HashMap. */
    private static String javaSerialized(ExecutionContext context) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DefaultExecutionContextSerializer().serialize(new HashMap<>(context.toMap()), out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static String javaSerializedMap(Map<String, Object> map) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(map);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private Map<String, Object> read(String stored) throws Exception {
        return json.deserialize(new ByteArrayInputStream(stored.getBytes(StandardCharsets.UTF_8)));
    }
}
