package io.mediapurge.launcher;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * Servers started at once on a PostgreSQL database that holds no job repository yet: Payara creates
 * the batch runtime's {@code jbatch*} tables as it deploys, checking for each and then creating it,
 * and two servers doing that at once collide ({@code CREATE TABLE IF NOT EXISTS} is not safe against
 * a concurrent one: the second deploy fails on {@code pg_type_typname_nsp_index}). So while any of
 * those tables is missing, a server boots holding a session advisory lock; one started meanwhile
 * waits for that boot to end and then finds the tables. Once they exist nobody waits.
 */
final class FirstStartLock implements AutoCloseable {

    /** The advisory lock's key: any number no other lock on the database uses ("MPFIRST" in ASCII). */
    static final long KEY = 0x4D50464952535454L;
    static final String[] JOB_REPOSITORY_TABLES = {"jbatchcheckpointdata", "jbatchjobinstancedata",
            "jbatchexecutioninstancedata", "jbatchstepexecutioninstancedata", "jbatchjobstatus", "jbatchstepstatus"};
    /** Longer than any first boot; after it a server boots anyway rather than never. */
    static final Duration LONGEST_WAIT = Duration.ofMinutes(5);

    private static final FirstStartLock NONE = new FirstStartLock(null);

    private final Connection held;

    private FirstStartLock(Connection held) {
        this.held = held;
    }

    /** The lock, when this is a first start on PostgreSQL; else nothing is held. */
    static FirstStartLock take(DatabaseSettings database, String password) {
        if (!(database instanceof DatabaseSettings.PostgreSql postgreSql)) {
            return NONE;
        }
        Connection connection = null;
        try {
            connection = DatabaseDiagnosis.connect(postgreSql, password);
            if (jobRepositoryComplete(connection)) {
                connection.close();
                return NONE;
            }
            Instant deadline = Instant.now().plus(LONGEST_WAIT);
            boolean said = false;
            while (!tryLock(connection)) {
                if (!said) {
                    System.out.println("MediaPurge waits for another server's first start on this database to end"
                            + " (it creates the batch job repository's tables)");
                    said = true;
                }
                if (Instant.now().isAfter(deadline)) {
                    System.out.println("MediaPurge waited " + LONGEST_WAIT.toMinutes() + " minutes for another server's"
                            + " first start; starting now");
                    connection.close();
                    return NONE;
                }
                Thread.sleep(250);
            }
            return new FirstStartLock(connection);
        } catch (SQLException | ReflectiveOperationException | RuntimeException e) {
            // The database was asked a moment ago and answered; whatever fails now, the boot says it better.
            closeQuietly(connection);
            return NONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(connection);
            return NONE;
        }
    }

    /** Releases the lock (ending the session that holds it). */
    @Override
    public void close() {
        closeQuietly(held);
    }

    private static boolean jobRepositoryComplete(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
                        + " AND table_name IN ('" + String.join("', '", JOB_REPOSITORY_TABLES) + "')")) {
            rs.next();
            return rs.getInt(1) == JOB_REPOSITORY_TABLES.length;
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_try_advisory_lock(" + KEY + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // the session ends with the connection either way
            }
        }
    }
}
