package io.maximbatch.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maximbatch.TestH2Sources;
import io.maximbatch.TestPostgres;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** After connecting, a source's session is checked read-only; before, its URL and variables meet the rule of the job file. */
class SessionReadOnlyTest {

    @Test
    void aPostgresSessionThatCanWriteIsSeenAsSuch() throws Exception {
        String url = TestPostgres.newDatabaseUrl("writable_session");
        try (var writable = DriverManager.getConnection(url)) {
            assertThat(SourceDriver.POSTGRESQL.readOnlyProblem(writable)).isEqualTo("the session is not read-only (transaction_read_only is off)");
        }
        try (var dataSource = JdbcConnections.open(new SourceSpec.Jdbc(url, "postgres", null, "select 1", "x", Map.of()));
             var ours = dataSource.getConnection()) {
            assertThat(SourceDriver.POSTGRESQL.readOnlyProblem(ours)).isNull();
        }
    }

    @Test
    void anH2UserWithoutAdminRightsIsAcceptedAndItsAdminIsNot() {
        String url = TestH2Sources.readable("session-" + java.util.UUID.randomUUID());

        try (var dataSource = JdbcConnections.open(new SourceSpec.Jdbc(url, "reader", null, "select 1", "x", Map.of()))) {
            assertThat(dataSource.isRunning()).isTrue();
        }
        assertThatThrownBy(() -> JdbcConnections.open(new SourceSpec.Jdbc(url, "sa", null, "select 1", "x", Map.of())))
                .isInstanceOf(SourceException.class).hasMessageEndingWith("the H2 user SA has admin rights (which let SQL read files and"
                        + " run code in maxim-batch): connect as a user with SELECT rights only; nothing was read");
    }

    @Test
    void anH2DatabaseHoldingJavaIsRefusedBeforeAQueryCouldRunIt(@TempDir Path dir) {
        Path marker = dir.resolve("code-ran");
        String name = "java-" + java.util.UUID.randomUUID();
        TestH2Sources.admin(name).execute("CREATE ALIAS MARK AS 'String mark() throws Exception { java.nio.file.Files.writeString("
                + "java.nio.file.Path.of(\"" + marker + "\"), \"ran\"); return \"x\"; }'");
        String url = TestH2Sources.readable(name);

        assertThatThrownBy(() -> Sources.present(new SourceSpec.Jdbc(url, "reader", null, "SELECT MARK() AS legacy_id", "legacy_id",
                Map.of()), List.of("legacy_id"), Map.of())).isInstanceOf(SourceException.class)
                .hasMessageEndingWith("the H2 database holds Java functions or triggers (1), which a query would run in maxim-batch: export"
                        + " its tables to a database without them; nothing was read");
        assertThat(marker).doesNotExist();
    }

    @Test
    void aUrlReadFromUrlEnvMeetsTheRuleOfAUrlInTheFile() {
        SourceSettings pathAllowed = new SourceSettings(List.of("PATH"), Duration.ofSeconds(10), Duration.ofSeconds(30));

        assertThatThrownBy(() -> JdbcConnections.open(new SourceSpec.Jdbc(null, "PATH", null, null, null, "select 1", "x", Map.of(),
                pathAllowed))).isInstanceOf(SourceException.class).hasMessageContaining("expected the URL of a database maxim-batch reads");
    }

    @Test
    void aVariableTheOperatorDidNotAllowIsRefusedBeforeConnecting() {
        assertThatThrownBy(() -> JdbcConnections.open(new SourceSpec.Jdbc("jdbc:postgresql://127.0.0.1:9/x", "reader",
                "SERVER_SSL_KEY_STORE_PASSWORD", "select 1", "x", Map.of()))).isInstanceOf(SourceException.class)
                .hasMessageEndingWith("password-env may only name a variable the operator allowed (maxim.sources.allowed-env: *_DB_URL,"
                        + " *_DB_USER, *_DB_PASSWORD), got SERVER_SSL_KEY_STORE_PASSWORD");
    }

    @Test
    void aPasswordInTheUrlIsInNoRefusalNorFailure() {
        assertThatThrownBy(() -> JdbcConnections.open(new SourceSpec.Jdbc("jdbc:postgresql://127.0.0.1:9/x?password=hunter2&loggerFile=/tmp/x",
                "reader", null, "select 1", "x", Map.of()))).isInstanceOf(SourceException.class)
                .hasMessage("jdbc query on jdbc:postgresql://127.0.0.1:9/x?password=***&loggerFile=/tmp/x: a source URL may not set loggerFile"
                        + " (it could load code or files, or undo the read-only session and the timeouts maxim-batch sets)");
        assertThatThrownBy(() -> JdbcConnections.open(new SourceSpec.Jdbc("jdbc:postgresql://127.0.0.1:9/x?password=hunter2", "reader",
                null, "select 1", "x", Map.of()))).isInstanceOf(SourceException.class)
                .hasMessageStartingWith("jdbc query on jdbc:postgresql://127.0.0.1:9/x?password=***: ").hasMessageNotContaining("hunter2");
    }

    @Test
    void theSettingsBindFromPropertiesAndEnvironmentStyleLists() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("maxim.sources.allowed-env", "CRM_*, LEGACY_PW",
                "maxim.sources.query-timeout", "2m")));

        SourceSettings settings = binder.bindOrCreate("maxim.sources", SourceSettings.class);

        assertThat(settings.allowedEnv()).containsExactly("CRM_*", "LEGACY_PW");
        assertThat(settings.queryTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(new Binder().bindOrCreate("maxim.sources", SourceSettings.class)).isEqualTo(SourceSettings.DEFAULTS);
    }
}
