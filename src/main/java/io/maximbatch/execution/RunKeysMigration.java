package io.maximbatch.execution;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Flyway V8 (H2 and PostgreSQL alike): campaign ledgers of earlier versions are keyed by a hash of the parameters'
 * TreeMap text, which two different parameter sets can share; the run key is now a hash of their canonical JSON.
 * Every ledger row moves to the new key of each job instance whose parameters made its old key, so that running a
 * campaign again with the same parameters after the upgrade still reaches nobody twice.
 */
@Component
final class RunKeysMigration implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("8");
    }

    @Override
    public String getDescription() {
        return "campaign run keys from canonical JSON";
    }

    @Override
    public Integer getChecksum() {
        return 8;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        Map<String, Set<String>> newKeys = new HashMap<>();
        for (Map.Entry<String, Map<String, String>> instance : instanceParameters(connection).entrySet()) {
            String job = instance.getKey().substring(instance.getKey().indexOf(':') + 1);
            newKeys.computeIfAbsent(job + "\n" + earlierKey(instance.getValue()), k -> new LinkedHashSet<>())
                    .add(RunParameters.parametersKey(instance.getValue()));
        }
        List<String[]> ledgers = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT DISTINCT job_name, run_key FROM send_ledger WHERE run_key LIKE 'params-%'");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ledgers.add(new String[] {rows.getString(1), rows.getString(2)});
            }
        }
        for (String[] ledger : ledgers) {
            Set<String> keys = newKeys.getOrDefault(ledger[0] + "\n" + ledger[1], Set.of());
            keys.remove(ledger[1]);
            for (String key : keys) {
                // Two parameter sets that shared the old key shared its ledger too: each keeps all of it.
                try (PreparedStatement copy = connection.prepareStatement("INSERT INTO send_ledger (job_name, run_key, step_name, target,"
                        + " segment, batch_key, state, updated_at) SELECT job_name, ?, step_name, target, segment, batch_key, state, updated_at"
                        + " FROM send_ledger WHERE job_name = ? AND run_key = ?")) {
                    copy.setString(1, key);
                    copy.setString(2, ledger[0]);
                    copy.setString(3, ledger[1]);
                    copy.executeUpdate();
                }
            }
            if (!keys.isEmpty()) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM send_ledger WHERE job_name = ? AND run_key = ?")) {
                    delete.setString(1, ledger[0]);
                    delete.setString(2, ledger[1]);
                    delete.executeUpdate();
                }
            }
        }
    }

    /** The user parameters of every job instance, by "instance id:job name" (identifying ones, but the run id). */
    private static Map<String, Map<String, String>> instanceParameters(Connection connection) throws SQLException {
        Map<String, Map<String, String>> instances = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT i.JOB_INSTANCE_ID, i.JOB_NAME, e.JOB_EXECUTION_ID,"
                + " p.PARAMETER_NAME, p.PARAMETER_VALUE FROM BATCH_JOB_INSTANCE i JOIN BATCH_JOB_EXECUTION e ON e.JOB_INSTANCE_ID"
                + " = i.JOB_INSTANCE_ID LEFT JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND"
                + " p.IDENTIFYING = 'Y' AND p.PARAMETER_NAME <> ? ORDER BY e.JOB_EXECUTION_ID")) {
            select.setString(1, RunParameters.RUN_ID);
            Map<String, Long> firstExecution = new HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String instance = rows.getLong(1) + ":" + rows.getString(2);
                    long execution = rows.getLong(3);
                    Long first = firstExecution.putIfAbsent(instance, execution);
                    Map<String, String> parameters = instances.computeIfAbsent(instance, k -> new HashMap<>());
                    // Every execution of an instance carries its identifying parameters: the first one's are enough.
                    if ((first == null || first == execution) && rows.getString(4) != null) {
                        parameters.put(rows.getString(4), rows.getString(5));
                    }
                }
            }
        }
        return instances;
    }

    /** The run key as versions before V8 made it: a hash of TreeMap.toString(), ambiguous when values hold ", " or "=". */
    private static String earlierKey(Map<String, String> parameters) {
        return "params-" + HexFormat.of().formatHex(RunParameters.sha256(new TreeMap<>(parameters).toString())).substring(0, 16);
    }
}
