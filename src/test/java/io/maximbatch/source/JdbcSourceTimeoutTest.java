package io.maximbatch.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.maximbatch.TestPostgres;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** A database that stops answering without closing its connection fails the read in bounded time, saying so. */
class JdbcSourceTimeoutTest {

    private static final SourceSettings QUICK = new SourceSettings(List.of("*_DB_PASSWORD"), Duration.ofSeconds(1), Duration.ofSeconds(2));
    /** Loose: the limits above plus the driver's margin, far below "forever". */
    private static final Duration BOUND = Duration.ofSeconds(45);

    private static String url;

    @BeforeAll
    static void database() throws Exception {
        url = TestPostgres.newDatabaseUrl("source_timeout");
        try (var connection = DriverManager.getConnection(url); var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE accounts AS SELECT i AS id, 'user' || i AS username FROM generate_series(1, 600) i");
        }
    }

    @Test
    void aSourceThatVanishesMidReadFailsThePageQueryWithTheTimeoutItHit() throws Exception {
        try (FreezingProxy proxy = new FreezingProxy(port())) {
            JdbcSource source = new JdbcSource(spec(proxy), List.of());
            source.open(new ExecutionContext());
            try {
                assertThat(source.read()).as("the first page is read").isNotNull();
                proxy.freeze();

                assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> {
                    while (source.read() != null) {
                        // the rest of the first page, then the second page's query, which gets no answer
                    }
                }).isInstanceOf(SourceException.class)
                        .hasMessageContaining("the database did not answer within 2s (maxim.sources.query-timeout)"));
            } finally {
                source.close();
            }
        }
    }

    @Test
    void aSourceThatNeverAnswersTheLoginFailsTheConnectWithTheTimeoutItHit() throws Exception {
        try (FreezingProxy proxy = new FreezingProxy(port())) {
            proxy.freeze();

            assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> JdbcConnections.open(spec(proxy)).close())
                    .isInstanceOf(SourceException.class).hasMessageContaining("could not connect within 1s (maxim.sources.connect-timeout)"));
        }
    }

    private static SourceSpec.Jdbc spec(FreezingProxy proxy) {
        String proxied = url.replaceFirst("localhost:\\d+", "localhost:" + proxy.port());
        return new SourceSpec.Jdbc(proxied, null, null, null, null, "SELECT id, username FROM accounts", "id", Map.of(), QUICK);
    }

    private static int port() {
        return TestPostgres.server().getPort();
    }
}
