package io.maximbatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One real PostgreSQL server (from Maven, no Docker) shared by the tests of this JVM, stopped at exit. */
public final class TestPostgres {

    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                // pg_stat_statements: tests count the statements a reader sends. 300 connections: each cached test
                // context on PostgreSQL may keep a pool of 10 open (Hikari's default), and some 20 classes use it.
                server = EmbeddedPostgres.builder().setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        .setServerConfig("max_connections", "300").start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is ending anyway
                }
            }));
        }
        return server;
    }

    /** A fresh database on the shared server, so that test classes do not see each other's job state. */
    public static String newDatabaseUrl(String name) {
        EmbeddedPostgres pg = server();
        try (var connection = pg.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return pg.getJdbcUrl("postgres", name);
    }
}
