package io.mediapurge.launcher;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * Why the PostgreSQL database cannot be used, asked directly: before the server boots, and again
 * if the application did not deploy (the server connects while it prepares the persistence unit,
 * before the application's own startup steps could say so; io.mediapurge.database.Database words
 * its reasons the same way, but the launcher cannot use the application's classes).
 */
final class DatabaseDiagnosis {

    private static final int LOGIN_TIMEOUT_SECONDS = 5;

    private DatabaseDiagnosis() {
    }

    /** The reason the database refuses this server, or empty when it answers (or is the embedded one). */
    static Optional<String> explain(DatabaseSettings database, String password) {
        if (!(database instanceof DatabaseSettings.PostgreSql postgreSql)) {
            return Optional.empty();
        }
        try (Connection ignored = connect(postgreSql, password)) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(reason(e));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty(); // no driver to ask: the generic line stands
        }
    }

    /** A connection of the launcher's own, by the driver that travels in the jar beside it (MICRO-INF/lib). */
    static Connection connect(DatabaseSettings.PostgreSql database, String password) throws SQLException, ReflectiveOperationException {
        Properties properties = new Properties();
        if (database.user() != null) {
            properties.setProperty("user", database.user());
        }
        if (password != null && !password.isBlank()) {
            properties.setProperty("password", password);
        }
        properties.setProperty("loginTimeout", String.valueOf(LOGIN_TIMEOUT_SECONDS));
        Driver driver = (Driver) Class.forName("org.postgresql.Driver", true, DatabaseDiagnosis.class.getClassLoader())
                .getDeclaredConstructor().newInstance();
        return driver.connect(database.url(), properties);
    }

    static String reason(SQLException e) {
        String sqlState = e.getSQLState() == null ? "" : e.getSQLState();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip().replaceAll("\\s+", " ");
        if (sqlState.startsWith("28")) {
            return "the database refused the credentials (MEDIAPURGE_DB_USER / MEDIAPURGE_DB_PASSWORD): " + message;
        }
        if (sqlState.equals("3D000")) {
            return "the database named in MEDIAPURGE_DB_URL does not exist: " + message;
        }
        return "the database is unreachable (MEDIAPURGE_DB_URL): " + message;
    }
}
