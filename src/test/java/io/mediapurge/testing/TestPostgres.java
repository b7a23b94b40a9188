package io.mediapurge.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The PostgreSQL the integration tests run against, from {@code MEDIAPURGE_TEST_DB_HOST},
 * {@code _PORT}, {@code _USER} and {@code _PASSWORD} (defaults: 127.0.0.1, 5432, mediapurge,
 * mediapurge). The role needs CREATEDB: each suite makes its own databases.
 */
public final class TestPostgres {

    public static final String HOST = env("MEDIAPURGE_TEST_DB_HOST", "127.0.0.1");
    public static final String PORT = env("MEDIAPURGE_TEST_DB_PORT", "5432");
    public static final String USER = env("MEDIAPURGE_TEST_DB_USER", "mediapurge");
    public static final String PASSWORD = env("MEDIAPURGE_TEST_DB_PASSWORD", "mediapurge");

    private TestPostgres() {
    }

    public static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    public static Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", PASSWORD);
        return DriverManager.getConnection(url(database), props);
    }

    /** Drops and creates {@code name}, owned by the test role. */
    public static void recreateDatabase(String name) throws SQLException {
        try (Connection admin = connect("postgres"); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + name);
        }
    }

    public static void dropDatabase(String name) throws SQLException {
        try (Connection admin = connect("postgres"); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
