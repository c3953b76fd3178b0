package io.maximbatch.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobDatabases;
import io.maximbatch.report.IdMapExport;
import com.opencsv.CSVReader;
import java.io.StringReader;
import java.io.StringWriter;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** export-map's CSV: every DONE user of the job's runs, legacy and MaxIM names as they are; nothing of other jobs. */
class UserMapExportTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void listsEveryDoneUserOfTheJobWithItsLegacyAndMaxImNames(String vendor) {
        DataSource db = JobDatabases.migrated(vendor, "export");
        JdbcTemplate sql = new JdbcTemplate(db);
        sql.update("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) VALUES (1, 0, 'openfire', 'k1'), (2, 0, 'openfire', 'k2'),"
                + " (3, 0, 'other', 'k3')");
        String insert = "INSERT INTO user_map (legacy_id, username, legacy_username, user_id, state, origin, job_instance_id, job_execution_id,"
                + " source_line, updated_at) VALUES (?, ?, ?, ?, ?, 'CREATED', ?, 1, '2', CURRENT_TIMESTAMP)";
        sql.update(insert, "john.doe", "john_doe_2", "john.doe", 11L, "DONE", 1L);
        sql.update(insert, "alice", "alice", null, 12L, "DONE", 2L);
        sql.update(insert, "=cmd|calc", "u_cmd", "=cmd|calc", 13L, "DONE", 2L);
        sql.update(insert, "+15551234", "u_phone", "+15551234", 15L, "DONE", 2L);
        sql.update(insert, "-5", "u_minus", "evil\u202Etxt.exe", 16L, "DONE", 2L);
        sql.update(insert, "bob", "bob", null, null, "PENDING", 1L);
        sql.update(insert, "carol", "carol", null, 14L, "DONE", 3L);
        UserMap map = new UserMap(LedgerTables.of(db));
        StringWriter csv = new StringWriter();

        long users = IdMapExport.write(map, "openfire", csv);

        assertThat(users).isEqualTo(5);
        // In the database's order of legacy ids (its collation decides where "=" goes); values exactly as the app gave them.
        assertThat(csv.toString().lines().toList()).first().isEqualTo("legacy_id,legacy_username,username,user_id");
        assertThat(csv.toString().lines().skip(1).toList()).containsExactlyInAnyOrder(
                "=cmd|calc,=cmd|calc,u_cmd,13", "+15551234,+15551234,u_phone,15", "-5,evil\u202Etxt.exe,u_minus,16",
                "alice,alice,alice,12", "john.doe,john.doe,john_doe_2,11");

        StringWriter safe = new StringWriter();
        IdMapExport.write(map, "openfire", safe, true);

        assertThat(safe.toString().lines().skip(1).toList()).containsExactlyInAnyOrder(
                "'=cmd|calc,'=cmd|calc,u_cmd,13", "'+15551234,'+15551234,u_phone,15", "'-5,evil\\u202etxt.exe,u_minus,16",
                "alice,alice,alice,12", "john.doe,john.doe,john_doe_2,11");
    }

    @Test
    void aValueACsvReaderNeedsQuotedIsQuotedAndReadsBackAsItWas() throws Exception {
        DataSource db = JobDatabases.migrated("h2", "export");
        JdbcTemplate sql = new JdbcTemplate(db);
        sql.update("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) VALUES (1, 0, 'openfire', 'k1')");
        sql.update("INSERT INTO user_map (legacy_id, username, legacy_username, user_id, state, origin, job_instance_id, job_execution_id,"
                + " source_line, updated_at) VALUES ('a,\"b', 'u_ab', 'a,\"b', 21, 'DONE', 'CREATED', 1, 1, '2', CURRENT_TIMESTAMP)");
        StringWriter csv = new StringWriter();

        IdMapExport.write(new UserMap(LedgerTables.of(db)), "openfire", csv);

        assertThat(csv.toString().lines().skip(1).toList()).containsExactly("\"a,\"\"b\",\"a,\"\"b\",u_ab,21");
        try (CSVReader read = new CSVReader(new StringReader(csv.toString()))) {
            assertThat(read.readAll().get(1)).containsExactly("a,\"b", "a,\"b", "u_ab", "21");
        }
    }
}
