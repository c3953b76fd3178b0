package io.maximbatch.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** `BenchSql <jdbc-url> <user> <password> <statement>...`: runs statements for bench/run.sh (which has no psql). */
public final class BenchSql {

    private BenchSql() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2]); Statement statement = connection.createStatement()) {
            for (int i = 3; i < args.length; i++) {
                statement.execute(args[i]);
            }
        }
    }
}
