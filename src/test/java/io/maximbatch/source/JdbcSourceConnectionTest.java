package io.maximbatch.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maximbatch.TestPostgres;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A database source connects read-only for real, and never with a connection a job file could turn against us. */
class JdbcSourceConnectionTest {

    @Test
    void aPostgresSourceCannotWriteEvenUnderAutocommit() throws Exception {
        String url = TestPostgres.newDatabaseUrl("read_only_source");
        try (var dataSource = JdbcConnections.open(new SourceSpec.Jdbc(url, "postgres", null, "select 1", "x", Map.of()));
             var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            assertThat(connection.getAutoCommit()).isTrue();
            assertThatThrownBy(() -> statement.execute("CREATE TABLE planted (x int)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("read-only transaction");
            try (var rows = statement.executeQuery("SELECT 42")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void anH2UrlWithInitOrAPasswordFromOurOwnSettingsIsRefusedBeforeConnecting() {
        assertThatThrownBy(() -> JdbcConnections.open(new SourceSpec.Jdbc("jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://x/a.sql'",
                "sa", null, "select 1", "x", Map.of()))).isInstanceOf(SourceException.class).hasMessageContaining("without settings");
        assertThatThrownBy(() -> JdbcConnections.open(new SourceSpec.Jdbc("jdbc:h2:mem:x", "sa", "MAXIM_ACCESS_TOKEN", "select 1",
                "x", Map.of()))).isInstanceOf(SourceException.class).hasMessageContaining("MAXIM_*, SPRING_*");
    }
}
