package io.mediapurge.database;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.mediapurge.startup.StartupFailure;

/** The server-level pool shared by JPA and the batch job repository, and what it points at. */
public final class Database {

    /** Created by the post-boot commands in {@code payara/post-boot.asadmin}. */
    public static final String JNDI_NAME = "jdbc/mediapurge";

    private Database() {
    }

    /** What the pool is connected to, for logs: URL without options, never a password. */
    public record Description(String product, String url, String user) {
        public boolean embedded() {
            return url.startsWith("jdbc:h2:");
        }

        @Override
        public String toString() {
            return product + " at " + url + (user == null || user.isBlank() ? "" : " as " + user)
                    + (embedded() ? " (embedded development default; set MEDIAPURGE_DB_URL for PostgreSQL)" : "");
        }
    }

    /**
     * A {@code TIMESTAMP WITH TIME ZONE} read by a native query: PostgreSQL's driver answers a
     * {@link java.sql.Timestamp}, H2 an {@link java.time.OffsetDateTime}.
     */
    public static java.time.Instant instant(Object column) {
        if (column instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (column instanceof java.time.OffsetDateTime time) {
            return time.toInstant();
        }
        if (column instanceof java.time.Instant instant) {
            return instant;
        }
        throw new IllegalArgumentException("not a timestamp with time zone: " + (column == null ? null : column.getClass()));
    }

    /** Connects once; an unreachable database or refused credentials stop the startup. */
    public static Description describe(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String url = meta.getURL();
            int options = url.indexOf(url.startsWith("jdbc:h2:") ? ';' : '?');
            return new Description(meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion(),
                    options < 0 ? url : url.substring(0, options), meta.getUserName());
        } catch (SQLException | RuntimeException e) {
            throw StartupFailure.refuse(unreachableReason(e), e);
        }
    }

    private static String unreachableReason(Exception e) {
        String sqlState = null;
        for (Throwable t = e; t != null && sqlState == null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                sqlState = sql.getSQLState();
            }
        }
        String message = StartupFailure.rootMessage(e);
        if (sqlState != null && sqlState.startsWith("28")) {
            return "the database refused the credentials (MEDIAPURGE_DB_USER / MEDIAPURGE_DB_PASSWORD): " + message;
        }
        if (sqlState != null && sqlState.equals("3D000")) {
            return "the database named in MEDIAPURGE_DB_URL does not exist: " + message;
        }
        return "the database is unreachable (MEDIAPURGE_DB_URL): " + message;
    }
}
