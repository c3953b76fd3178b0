package io.maximbatch.source;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;

/**
 * Connections to a job file's database: only to a database on the allow-list, with the variables the operator
 * allowed, bounded in time, and refused unless the session is read-only. Failures say which source, in one line.
 */
final class JdbcConnections {

    private JdbcConnections() {
    }

    /** A small pool on the source, whose first session was checked read-only; closed by the caller. */
    static HikariDataSource open(SourceSpec.Jdbc spec) {
        List<String[]> problems = spec.problems();
        if (!problems.isEmpty()) {
            String[] first = problems.get(0);
            throw new SourceException(spec.describe() + ": " + (first[0].equals("url") ? "" : first[0] + " ") + first[1]);
        }
        String url = spec.connectUrl();
        // A URL read from url-env meets the same rule as one written in the file.
        String urlProblem = SourceDriver.urlProblem(url);
        if (urlProblem != null) {
            throw new SourceException(spec.describe() + ": " + urlProblem);
        }
        SourceDriver driver = SourceDriver.of(url);
        SourceSettings settings = spec.settings();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(driver.connectUrl(url));
        config.setUsername(spec.connectUsername());
        if (spec.passwordEnv() != null) {
            String password = System.getenv(spec.passwordEnv());
            if (password == null) {
                throw new SourceException(spec.describe() + ": environment variable " + spec.passwordEnv() + " (password-env) is not set");
            }
            config.setPassword(password);
        }
        config.setMaximumPoolSize(2);
        config.setPoolName("jdbc-source");
        config.setReadOnly(true);
        // A URL may not carry these (SourceDriver.urlProblem): a driver such as pgjdbc would let the URL's win.
        driver.properties(settings).forEach(config::addDataSourceProperty);
        config.setConnectionInitSql(driver.initSql(settings));
        config.setConnectionTimeout(settings.connectTimeout().plusSeconds(5).toMillis());
        config.setValidationTimeout(Math.min(5000, settings.connectTimeout().toMillis()));
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw failure(spec, e, true);
        }
        try (Connection connection = dataSource.getConnection()) {
            String problem = driver.readOnlyProblem(connection);
            if (problem != null) {
                throw new SourceException(spec.describe() + ": " + problem + "; nothing was read");
            }
            return dataSource;
        } catch (SQLException | RuntimeException e) {
            dataSource.close();
            throw e instanceof SourceException refused ? refused : failure(spec, e, true);
        }
    }

    /**
     * A source's failure as one line that names it (any password in its URL hidden), the driver's exception kept as
     * suppressed for the log: a timeout says which limit it hit, rather than the driver's "Read timed out".
     */
    static SourceException failure(SourceSpec.Jdbc spec, Exception e, boolean connecting) {
        String message;
        if (timedOut(e)) {
            Duration limit = connecting ? spec.settings().connectTimeout() : spec.settings().queryTimeout();
            message = (connecting ? "could not connect within " : "the database did not answer within ") + limit.toSeconds() + "s ("
                    + (connecting ? "maxim.sources.connect-timeout" : "maxim.sources.query-timeout")
                    + "); it may be unreachable or overloaded, or the query too slow";
        } else if (String.valueOf(e.getMessage()).startsWith("Failed to get driver instance")) {
            message = "this build of maxim-batch has no driver for that database (it has PostgreSQL and H2)";
        } else {
            // H2 puts the statement on the lines after this one: the first line says why.
            message = rootMessage(e).replaceFirst(";? SQL statement:\\s*$", "");
        }
        SourceException failure = new SourceException(spec.describe() + ": " + SourceSpec.Jdbc.masked(message));
        failure.addSuppressed(e);
        return failure;
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SocketTimeoutException || cause instanceof SQLTimeoutException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLException sql && "57014".equals(sql.getSQLState())
                    // pgjdbc's loginTimeout: "Connection attempt timed out."
                    || cause instanceof SQLException login && String.valueOf(login.getMessage()).contains("attempt timed out")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
