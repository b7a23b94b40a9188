package io.mediapurge.launcher.pool;

import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * The pool's data source class on PostgreSQL: the driver's own data source (same properties: url,
 * user, password), whose connections skip a {@code set search_path} that would leave the session as
 * it is (see {@link SearchPathSession}). Payara's job repository sends one before each of its
 * statements, five per chunk, each a round trip; the setting lasts for the session, so one per
 * physical connection is enough.
 */
public class PostgreSqlPoolDataSource extends PGSimpleDataSource {

    private static final long serialVersionUID = 1L;

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return SearchPathSession.wrap(super.getConnection(user, password));
    }
}
