package io.maximbatch.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * A throwaway PostgreSQL for bench/run.sh, from the same Maven binaries the tests use (no Docker, no install):
 * `BenchPostgres <data-dir> <port>` starts it with fsync and synchronous commits on (as production runs) and
 * pg_stat_statements loaded, prints `READY <jdbc-url>` and serves until it is stopped (SIGTERM).
 */
public final class BenchPostgres {

    private BenchPostgres() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Files.createDirectories(data);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true)
                .setPort(Integer.parseInt(args[1]))
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements").setServerConfig("pg_stat_statements.track", "all")
                .start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            try (ResultSet fsync = statement.executeQuery("SHOW fsync")) {
                fsync.next();
                if (!fsync.getString(1).equals("on")) {
                    throw new IllegalStateException("fsync is " + fsync.getString(1) + ", the bench measures with fsync on");
                }
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception ignored) {
                // ending anyway
            }
            stopped.countDown();
        }));
        System.out.println("READY " + postgres.getJdbcUrl("postgres", "postgres"));
        System.out.flush();
        stopped.await();
    }
}
