package io.maximbatch;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * In-memory H2 databases a job file may read as a source: created by their admin (kept open for the JVM), read by a
 * user `reader` (no password) with SELECT rights only, as maxim-batch requires of an H2 source.
 */
public final class TestH2Sources {

    private TestH2Sources() {
    }

    /** The admin's access to jdbc:h2:mem:name, for creating and filling its tables. */
    public static JdbcTemplate admin(String name) {
        return new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", ""));
    }

    /** Lets `reader` read every table of the database; returns the URL a job file names (with username: reader). */
    public static String readable(String name) {
        JdbcTemplate admin = admin(name);
        admin.execute("CREATE USER IF NOT EXISTS reader PASSWORD ''");
        admin.execute("GRANT SELECT ON SCHEMA PUBLIC TO reader");
        return "jdbc:h2:mem:" + name;
    }
}
