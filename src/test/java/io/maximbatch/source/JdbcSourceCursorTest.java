package io.maximbatch.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.TestPostgres;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * A database source runs its query once per (re)start, whatever its size: a paged read ran it once per page, and an
 * Openfire users query parses every vCard and sorts them all each time (quadratic in the accounts).
 */
class JdbcSourceCursorTest {

    private static final String QUERY = "SELECT 'u' || lpad(n::text, 5, '0') AS legacy_id, md5(n::text) AS nickname FROM numbers";

    @Test
    void readsEveryRowOnceInKeyOrderWithOneQueryPerStartAndGoesOnAfterTheLastCommittedKey() throws Exception {
        String url = TestPostgres.newDatabaseUrl("cursor_source");
        try (var connection = DriverManager.getConnection(url); var statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION pg_stat_statements");
            statement.execute("CREATE TABLE numbers AS SELECT n FROM generate_series(1200, 1, -1) n");
        }
        SourceSpec.Jdbc spec = new SourceSpec.Jdbc(url, "postgres", null, QUERY, "legacy_id", Map.of());
        ExecutionContext context = new ExecutionContext();
        List<String> read = new ArrayList<>();
        // Two chunks of 400 commit, then a crash after 50 more rows read: the resumed pass reads them again.
        for (int pass = 0; pass < 3; pass++) {
            JdbcSource source = new JdbcSource(spec, List.of("legacy_id"));
            source.open(context);
            for (int i = 0; i < (pass < 2 ? 400 : 1200); i++) {
                SourceRecord row = source.read();
                if (row == null) {
                    break;
                }
                read.add(row.get("legacy_id"));
            }
            if (pass < 2) {
                source.update(context);
                for (int lost = 0; lost < 50; lost++) {
                    source.read();
                }
            }
            source.close();
        }
        assertThat(read).hasSize(1200).doesNotHaveDuplicates().isSorted();
        assertThat(read.get(0)).isEqualTo("u00001");
        assertThat(context.getInt("jdbc-source.read.count")).isEqualTo(800);
        try (var connection = DriverManager.getConnection(url); var statement = connection.createStatement();
             var calls = statement.executeQuery("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid"
                     + " WHERE d.datname = 'cursor_source' AND s.query LIKE '%source_rows%'")) {
            calls.next();
            assertThat(calls.getLong(1)).as("queries sent for 3 starts").isEqualTo(3);
        }
    }
}
