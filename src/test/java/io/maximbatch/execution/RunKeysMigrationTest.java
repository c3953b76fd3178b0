package io.maximbatch.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Campaign run keys: different parameters never share one (the old TreeMap text made {a: "1, b=2"} and {a: "1", b: "2"}
 * the same run), and ledgers written under the old keys move to the new ones at the upgrade, so nobody is reached twice.
 */
class RunKeysMigrationTest {

    private static final Map<String, String> ONE_VALUE = Map.of("a", "1, b=2");
    private static final Map<String, String> TWO_VALUES = Map.of("a", "1", "b", "2");

    @Test
    void parametersThatPrintAlikeHaveDifferentRunKeys() {
        assertThat(new java.util.TreeMap<>(ONE_VALUE).toString()).isEqualTo(new java.util.TreeMap<>(TWO_VALUES).toString());
        assertThat(RunParameters.parametersKey(ONE_VALUE)).isNotEqualTo(RunParameters.parametersKey(TWO_VALUES));
        assertThat(RunParameters.parametersKey(Map.of("b", "2", "a", "1"))).isEqualTo(RunParameters.parametersKey(TWO_VALUES));
    }

    @Test
    void ledgersOfTheEarlierKeysMoveToTheNewKeysOfTheirRuns() {
        // One connection throughout, as an earlier version's pool had: see V9 for what H2 does across sessions.
        var db = new SingleConnectionDataSource("jdbc:h2:mem:run-keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", true);
        Flyway.configure().dataSource(db).locations("classpath:db/migration/h2").target("6").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(db);
        instance(jdbc, 1, "digest", ONE_VALUE);
        instance(jdbc, 2, "digest", TWO_VALUES);
        instance(jdbc, 3, "digest", Map.of("county", "Kent"));
        instance(jdbc, 4, "digest", Map.of());
        String shared = "params-" + java.util.HexFormat.of().formatHex(RunParameters.sha256(new java.util.TreeMap<>(ONE_VALUE).toString()))
                .substring(0, 16);
        String kent = "params-" + java.util.HexFormat.of().formatHex(RunParameters.sha256("{county=Kent}")).substring(0, 16);
        String none = RunParameters.parametersKey(Map.of());
        ledger(jdbc, shared, "u1");
        ledger(jdbc, kent, "u2");
        ledger(jdbc, none, "u3");
        ledger(jdbc, "slot-2026-11-30T09:00", "u4");

        Flyway.configure().dataSource(db).locations("classpath:db/migration/h2").javaMigrations(new RunKeysMigration())
                .target("8").load().migrate();

        assertThat(jdbc.queryForList("SELECT run_key || ' ' || target FROM send_ledger ORDER BY target, run_key", String.class))
                .containsExactlyInAnyOrder(RunParameters.parametersKey(ONE_VALUE) + " u1", RunParameters.parametersKey(TWO_VALUES) + " u1",
                        RunParameters.parametersKey(Map.of("county", "Kent")) + " u2", none + " u3", "slot-2026-11-30T09:00 u4");
    }

    private static void instance(JdbcTemplate jdbc, long id, String job, Map<String, String> parameters) {
        jdbc.update("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) VALUES (?, 0, ?, ?)", id, job, "k" + id);
        jdbc.update("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, STATUS) VALUES (?, 0, ?,"
                + " CURRENT_TIMESTAMP, 'COMPLETED')", id, id);
        jdbc.update("INSERT INTO BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_TYPE, PARAMETER_VALUE, IDENTIFYING)"
                + " VALUES (?, 'run.id', 'java.lang.Long', ?, 'Y')", id, Long.toString(id));
        parameters.forEach((name, value) -> jdbc.update("INSERT INTO BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID, PARAMETER_NAME,"
                + " PARAMETER_TYPE, PARAMETER_VALUE, IDENTIFYING) VALUES (?, ?, 'java.lang.String', ?, 'Y')", id, name, value));
    }

    private static void ledger(JdbcTemplate jdbc, String runKey, String target) {
        jdbc.update("INSERT INTO send_ledger (job_name, run_key, step_name, target, segment, batch_key, state, updated_at)"
                + " VALUES ('digest', ?, 'push', ?, 'all', 'b1', 'SENT', 0)", runKey, target);
    }
}
