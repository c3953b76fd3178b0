package io.maximbatch.execution;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * One process at a time per job: on PostgreSQL a session advisory lock held for the whole run, so that a second
 * `run` never mistakes a live execution for a crashed one. An H2 file is locked by its process already.
 * A worker process holds a partition's lock likewise while it runs the partition, so that the manager can tell a
 * partition whose worker died (its lock gone with the worker's session) from one still running.
 */
@Component
public class JobLocks {

    /** First half of the advisory lock key, so that our locks do not collide with other users of the database. */
    private static final int NAMESPACE = 0x6d617869;
    /** First half of a partition's lock key; the second is its step execution id. */
    private static final int PARTITIONS = 0x6d617870;
    private static final long KEEP_ALIVE_SECONDS = 30;

    private final DataSource dataSource;

    JobLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes the job's lock or throws IllegalStateException at once when another process holds it. */
    public Lock acquire(String jobName) throws SQLException {
        return acquire(NAMESPACE, "hashtext(?)", jobName, "job " + jobName + " is running in another maxim-batch process on this"
                + " job database; wait for it to end (or stop it) and run again");
    }

    /**
     * Takes the lock of a partition's step execution (PostgreSQL), held by the worker while it runs the partition.
     * Its session is kept busy every 30 seconds: a session dropped as idle (a firewall, idle_session_timeout) would
     * release the lock and make the manager take a live worker for a dead one.
     */
    public Lock acquirePartition(long stepExecutionId) throws SQLException {
        Connection connection = dataSource.getConnection();
        Lock lock = acquire(connection, PARTITIONS, "?", (int) stepExecutionId, "partition execution " + stepExecutionId
                + " is running in another worker process");
        CustomizableThreadFactory threads = new CustomizableThreadFactory("partition-lock-keepalive-");
        threads.setDaemon(true);
        ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(threads);
        keepAlive.scheduleWithFixedDelay(() -> {
            synchronized (connection) {
                try (PreparedStatement ping = connection.prepareStatement("SELECT 1")) {
                    ping.execute();
                } catch (SQLException e) {
                    // Gone already: the manager fails the partition, the worker's next commit fails on its version.
                }
            }
        }, KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        return () -> {
            keepAlive.shutdownNow();
            synchronized (connection) {
                lock.close();
            }
        };
    }

    /** True when some process holds the job's lock (PostgreSQL), i.e. runs the job now; always false on H2. */
    public boolean heldByAnyone(String jobName) throws SQLException {
        return held(NAMESPACE, "hashtext(?)", jobName);
    }

    /**
     * Those of the jobs some process holds the lock of (PostgreSQL), in one query however many they are; none on H2.
     */
    public Set<String> heldByAnyone(Collection<String> jobNames) throws SQLException {
        if (jobNames.isEmpty()) {
            return Set.of();
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                return Set.of();
            }
            try (PreparedStatement held = connection.prepareStatement("SELECT j.name FROM unnest(?) AS j(name) WHERE EXISTS (SELECT 1"
                    + " FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = ?::oid"
                    + " AND objid = ((hashtext(j.name))::bigint & 4294967295)::oid"
                    + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))")) {
                held.setArray(1, connection.createArrayOf("text", jobNames.toArray()));
                held.setLong(2, NAMESPACE);
                Set<String> names = new HashSet<>();
                try (ResultSet rs = held.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
                return names;
            }
        }
    }

    /** True when some worker process runs this partition's step execution now (PostgreSQL); always false on H2. */
    public boolean partitionHeld(long stepExecutionId) throws SQLException {
        return held(PARTITIONS, "?::int", (int) stepExecutionId);
    }

    private Lock acquire(int namespace, String keySql, Object key, String heldMessage) throws SQLException {
        return acquire(dataSource.getConnection(), namespace, keySql, key, heldMessage);
    }

    private Lock acquire(Connection connection, int namespace, String keySql, Object key, String heldMessage) throws SQLException {
        try {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                connection.close();
                return () -> { };
            }
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, " + keySql + ")")) {
                lock.setInt(1, namespace);
                lock.setObject(2, key);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        throw new IllegalStateException(heldMessage);
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return () -> {
            try (connection; PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, " + keySql + ")")) {
                unlock.setInt(1, namespace);
                unlock.setObject(2, key);
                unlock.execute();
            }
        };
    }

    private boolean held(int namespace, String keySql, Object key) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                return false;
            }
            // A two-key advisory lock shows its keys as classid and objid (the int4 key read as an unsigned oid).
            try (PreparedStatement held = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'"
                    + " AND granted AND objsubid = 2 AND classid = ?::oid AND objid = ((" + keySql + ")::bigint & 4294967295)::oid"
                    + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))")) {
                held.setLong(1, namespace);
                held.setObject(2, key);
                try (ResultSet rs = held.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        }
    }

    /** Releases the lock. */
    @FunctionalInterface
    public interface Lock extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }
}
