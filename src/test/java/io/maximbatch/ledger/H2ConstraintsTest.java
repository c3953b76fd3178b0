package io.maximbatch.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledgers' state checks on H2 hold after the connection that created them is closed (a pool retires it after 30
 * minutes): H2 2.4 evaluates a CHECK (x IN (...)) with its creator's session and then refuses every insert.
 */
class H2ConstraintsTest {

    @Test
    void ledgerRowsCanBeWrittenOnAnotherConnectionThanTheMigrationsAndBadStatesAreStillRefused() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:checks-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        // Plain connections: the one Flyway used is closed when it is done.
        Flyway.configure().dataSource(db).locations("classpath:db/migration/h2").ignoreMigrationPatterns("*:missing").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(db);

        jdbc.update("INSERT INTO send_ledger (job_name, run_key, step_name, target, segment, batch_key, state, updated_at)"
                + " VALUES ('j', 'r', 's', 't', 'all', 'b', 'SENT', 0)");
        jdbc.update("INSERT INTO user_map (legacy_id, username, state, origin, job_instance_id, job_execution_id, updated_at)"
                + " VALUES ('L1', 'alice', 'PENDING', 'REGISTERED', 1, 1, CURRENT_TIMESTAMP)");

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM send_ledger", Integer.class)).isEqualTo(1);
        assertThatThrownBy(() -> jdbc.update("UPDATE send_ledger SET state = 'LOST'")).isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("SEND_LEDGER_STATE_CK").hasMessageNotContaining("invalid");
        assertThatThrownBy(() -> jdbc.update("UPDATE user_map SET state = 'SENT'")).isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("USER_MAP_STATE_CK");
    }
}
