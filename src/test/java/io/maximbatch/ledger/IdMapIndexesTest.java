package io.maximbatch.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Later steps look users up in the ID map by legacy id, username and MaxIM id: each lookup uses an index, never a scan. */
class IdMapIndexesTest {

    private final JdbcTemplate jdbc = migrated();

    @Test
    void everyLookupOfTheIdMapUsesAnIndex() {
        assertThat(plan("SELECT * FROM user_map WHERE legacy_id IN ('a', 'b')")).containsIgnoringCase("PRIMARY_KEY");
        assertThat(plan("SELECT * FROM user_map WHERE username IN ('a', 'b')")).containsIgnoringCase("USER_MAP_USERNAME_UK");
        assertThat(plan("SELECT user_id, legacy_id FROM user_map WHERE user_id IN (1, 2)")).containsIgnoringCase("USER_MAP_USER_ID_UK");
        assertThat(plan("UPDATE user_map SET state = 'DONE' WHERE legacy_id = 'a'")).containsIgnoringCase("PRIMARY_KEY");
    }

    private String plan(String sql) {
        String plan = jdbc.queryForObject("EXPLAIN " + sql, String.class);
        assertThat(plan).as(plan).doesNotContainIgnoringCase("tableScan");
        return plan;
    }

    private static JdbcTemplate migrated() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:index-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/h2").load().migrate();
        return new JdbcTemplate(dataSource);
    }
}
