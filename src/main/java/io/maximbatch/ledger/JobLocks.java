package io.maximbatch.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * One process at a time per job: on PostgreSQL a session advisory lock held for the whole run, so that a second
 * `run` never mistakes a live execution for a crashed one. An H2 file is locked by its process already.
 */
@Component
public class JobLocks {

    /** First half of the advisory lock key, so that our locks do not collide with other users of the database. */
    private static final int NAMESPACE = 0x6d617869;

    private final DataSource dataSource;

    JobLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes the job's lock or throws IllegalStateException at once when another process holds it. */
    public Lock acquire(String jobName) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                connection.close();
                return () -> { };
            }
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
                lock.setInt(1, NAMESPACE);
                lock.setString(2, jobName);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        throw new IllegalStateException("job " + jobName + " is running in another maxim-batch process on this"
                                + " job database; wait for it to end (or stop it) and run again");
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return () -> {
            try (connection; PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
                unlock.setInt(1, NAMESPACE);
                unlock.setString(2, jobName);
                unlock.execute();
            }
        };
    }

    /** True when some process holds the job's lock (PostgreSQL), i.e. runs the job now; always false on H2. */
    public boolean heldByAnyone(String jobName) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                return false;
            }
            // A two-key advisory lock shows its keys as classid and objid (the int4 key read as an unsigned oid).
            try (PreparedStatement held = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'"
                    + " AND granted AND objsubid = 2 AND classid = ?::oid AND objid = (hashtext(?)::bigint & 4294967295)::oid"
                    + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))")) {
                held.setLong(1, NAMESPACE);
                held.setString(2, jobName);
                try (ResultSet rs = held.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        }
    }

    /** Releases the job's lock. */
    @FunctionalInterface
    public interface Lock extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }
}
