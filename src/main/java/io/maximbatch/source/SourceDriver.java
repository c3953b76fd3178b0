package io.maximbatch.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The databases a job file may read (an allow-list: any other URL is refused), each with the driver properties that
 * bound its connect and read times, and the check that a session it opened is read-only.
 */
enum SourceDriver {

    POSTGRESQL("jdbc:postgresql:", s -> Map.of("readOnlyMode", "always", "connectTimeout", seconds(s.connectTimeout()),
            "loginTimeout", seconds(s.connectTimeout()), "socketTimeout", seconds(s.queryTimeout().plusSeconds(5)))),
    MYSQL("jdbc:mysql:", s -> Map.of("connectTimeout", millis(s.connectTimeout()), "socketTimeout", millis(s.queryTimeout().plusSeconds(5)))),
    MARIADB("jdbc:mariadb:", s -> Map.of("connectTimeout", millis(s.connectTimeout()), "socketTimeout", millis(s.queryTimeout().plusSeconds(5)))),
    SQLSERVER("jdbc:sqlserver:", s -> Map.of("loginTimeout", seconds(s.connectTimeout()), "queryTimeout", seconds(s.queryTimeout()),
            "socketTimeout", millis(s.queryTimeout().plusSeconds(5)))),
    ORACLE("jdbc:oracle:thin:", s -> Map.of("oracle.net.CONNECT_TIMEOUT", millis(s.connectTimeout()),
            "oracle.jdbc.ReadTimeout", millis(s.queryTimeout().plusSeconds(5)))),
    // Embedded, in this JVM: nothing to wait for on a network; the query timeout is a session setting.
    H2("jdbc:h2:", s -> Map.of());

    /** What the allow-list is, for messages and docs. */
    static final String ALLOWED = "jdbc:postgresql:, jdbc:mysql:, jdbc:mariadb:, jdbc:sqlserver:, jdbc:oracle:thin:, jdbc:h2:file:";

    /** Settings a URL may not carry: they load classes or files, run SQL at connect, or undo what we set (read-only, timeouts). */
    private static final Set<String> FORBIDDEN = Set.of("readonly", "readonlymode", "options", "socketfactory", "socketfactoryarg",
            "sslfactory", "sslfactoryarg", "sslhostnameverifier", "sslpasswordcallback", "loggerfile", "loggerlevel", "autodeserialize",
            "allowloadlocalinfile", "allowurlinlocalinfile", "allowloadlocalinfileinpath", "allowlocalinfile", "authenticationplugins",
            "defaultauthenticationplugin", "propertiestransform", "sessionvariables", "initsql", "init", "replication",
            "loadbalancestrategy", "connecttimeout", "sockettimeout", "logintimeout", "querytimeout", "readtimeout", "connect_timeout");
    private static final Pattern FORBIDDEN_SUFFIX = Pattern.compile(".*(factory|factoryarg|classname|class|interceptors|callback|provider"
            + "|plugin|checker|transform)");
    /** A parameter's name: after ? & ; ( or , (MySQL's host syntax), up to = or the next delimiter. */
    private static final Pattern PARAMETER = Pattern.compile("[?&;(,]\\s*([^=&;?(),\\s]+)");
    private static final Pattern H2_URL = Pattern.compile("(?i)jdbc:h2:(file|mem):[^;]+");

    private final String prefix;
    private final Function<SourceSettings, Map<String, String>> properties;

    SourceDriver(String prefix, Function<SourceSettings, Map<String, String>> properties) {
        this.prefix = prefix;
        this.properties = properties;
    }

    /** The driver of an allowed URL, or null. */
    static SourceDriver of(String url) {
        String lower = url.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(d -> lower.startsWith(d.prefix)).findFirst().orElse(null);
    }

    /** Why a job file may not connect to this URL, or null: a database not on the list, or a setting it may not carry. */
    static String urlProblem(String url) {
        SourceDriver driver = of(url);
        if (driver == null) {
            Matcher scheme = Pattern.compile("(?i)jdbc:[a-z0-9]+:?").matcher(url.strip());
            return "expected the URL of a database maxim-batch reads: " + ALLOWED + " (got " + (scheme.lookingAt() ? scheme.group() : "no jdbc: URL")
                    + ")";
        }
        if (driver == H2 && !H2_URL.matcher(url.strip()).matches()) {
            return "an H2 source must be jdbc:h2:file:<path> (or jdbc:h2:mem:<name>) without settings (no ';': maxim-batch opens it read-only"
                    + " itself)";
        }
        Matcher parameters = PARAMETER.matcher(url);
        while (parameters.find()) {
            String name = parameters.group(1);
            String lower = name.toLowerCase(Locale.ROOT);
            String last = lower.substring(lower.lastIndexOf('.') + 1);
            if (FORBIDDEN.contains(lower) || FORBIDDEN.contains(last) || FORBIDDEN_SUFFIX.matcher(last).matches()) {
                return "a source URL may not set " + name + " (it could load code or files, or undo the read-only session and the"
                        + " timeouts maxim-batch sets)";
            }
        }
        return null;
    }

    /** The URL to connect with: an H2 file is opened read-only, and only if it exists (never created). */
    String connectUrl(String url) {
        return this == H2 && url.strip().toLowerCase(Locale.ROOT).startsWith("jdbc:h2:file:") ? url.strip() + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE"
                : url;
    }

    Map<String, String> properties(SourceSettings settings) {
        return properties.apply(settings);
    }

    /** SQL run on every new connection: a server-side bound on each query where the database has one for a session. */
    String initSql(SourceSettings settings) {
        return switch (this) {
            case POSTGRESQL -> "SET statement_timeout = " + settings.queryTimeout().toMillis();
            case H2 -> "SET QUERY_TIMEOUT " + settings.queryTimeout().toMillis();
            default -> null;
        };
    }

    /**
     * Why this session is not read-only, or null. H2: its admin rights are what FILE_READ, CSVREAD, LINK_SCHEMA,
     * RUNSCRIPT and CREATE ALIAS need, so a user who has them is refused, and so is a database that holds Java.
     */
    String readOnlyProblem(Connection connection) throws SQLException {
        switch (this) {
            case POSTGRESQL -> {
                String value = single(connection, "SHOW transaction_read_only");
                return "on".equals(value) ? null : "the session is not read-only (transaction_read_only is " + value + ")";
            }
            case H2 -> {
                String admin = single(connection, "SELECT IS_ADMIN FROM INFORMATION_SCHEMA.USERS WHERE USER_NAME = CURRENT_USER");
                if (!"FALSE".equalsIgnoreCase(admin)) {
                    return "the H2 user " + connection.getMetaData().getUserName() + " has admin rights (which let SQL read files and"
                            + " run code in maxim-batch): connect as a user with SELECT rights only";
                }
                // Java a database file holds runs for any user who calls it (a function) or reads its table (a trigger).
                String code = single(connection, "SELECT COUNT(*) FROM (SELECT ROUTINE_NAME FROM INFORMATION_SCHEMA.ROUTINES WHERE"
                        + " ROUTINE_SCHEMA <> 'INFORMATION_SCHEMA' UNION ALL SELECT TRIGGER_NAME FROM INFORMATION_SCHEMA.TRIGGERS) code");
                return "0".equals(code) ? null : "the H2 database holds Java functions or triggers (" + code + "), which a query would run"
                        + " in maxim-batch: export its tables to a database without them";
            }
            default -> {
                // The driver's own answer, not the pool's note of what it was told.
                return connection.unwrap(Connection.class).isReadOnly() ? null : "the session is not read-only";
            }
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static String seconds(java.time.Duration duration) {
        return String.valueOf(Math.max(1, (duration.toMillis() + 999) / 1000));
    }

    private static String millis(java.time.Duration duration) {
        return String.valueOf(duration.toMillis());
    }
}
