package io.maximbatch.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobDatabases;
import io.maximbatch.ledger.UserMapping.Origin;
import io.maximbatch.ledger.UserMapping.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The ID map's look-ups on PostgreSQL keep using its indexes while a first migration fills it from empty: a run's
 * look-ups and PENDING rows, chunk after chunk, then the plan PostgreSQL makes for the statement the code runs. With
 * autovacuum off, only the statistics the code itself keeps fresh (TableGrowth) can save it from a sequential scan.
 */
class UserMapPlanTest {

    private static final int CHUNK = 500;

    @Test
    void theLookUpsUseTheIndexesAfterTheMapFilledFromEmpty() {
        DataSource db = JobDatabases.migrated("postgresql", "plans");
        JdbcTemplate sql = new JdbcTemplate(db);
        sql.update("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) VALUES (1, 0, 'plans', 'k1')");
        sql.execute("ALTER TABLE user_map SET (autovacuum_enabled = false)");
        NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(db);
        UserMap map = new UserMap(LedgerTables.of(db));
        assertThat(plan(named, "legacy_id", keys(0))).as("an empty table is scanned: nothing else to do").contains("Seq Scan");

        for (int chunk = 0; chunk < 200; chunk++) {
            List<String> keys = keys(chunk * CHUNK);
            // As a run does: look the chunk up, then write its PENDING rows.
            assertThat(map.findByLegacyIds(keys)).isEmpty();
            map.findByUsernames(keys.stream().map(k -> "u_" + k).toList());
            List<UserMapping> fresh = new ArrayList<>();
            keys.forEach(k -> fresh.add(new UserMapping(k, "u_" + k, null, State.PENDING, Origin.CREATED, 1, 1, k)));
            assertThat(map.savePending(fresh, List.of())).isEmpty();
        }

        assertThat(sql.queryForObject("SELECT COUNT(*) FROM user_map", Long.class)).isEqualTo(100_000L);
        for (String column : List.of("legacy_id", "username")) {
            String plan = plan(named, column, column.equals("legacy_id") ? keys(50_000)
                    : keys(50_000).stream().map(k -> "u_" + k).toList());
            assertThat(plan).as("%s look-up on 100,000 rows", column).doesNotContain("Seq Scan").contains("Index");
        }
    }

    private static List<String> keys(int from) {
        return IntStream.range(from, from + CHUNK).mapToObj(i -> "L" + i).toList();
    }

    private static String plan(NamedParameterJdbcTemplate named, String column, List<String> keys) {
        return named.queryForList("EXPLAIN " + UserMap.lookup(column), Map.of("keys", keys), String.class).stream()
                .collect(Collectors.joining("\n"));
    }
}
