package io.mediapurge.database;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

/** The few statements PostgreSQL and the embedded H2 database spell differently. */
@ApplicationScoped
public class SqlDialect {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    private volatile Boolean postgreSql;

    public boolean postgreSql() {
        Boolean known = postgreSql;
        if (known == null) {
            try (Connection c = dataSource.getConnection()) {
                known = c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot tell which database the pool points at: " + e.getMessage(), e);
            }
            postgreSql = known;
        }
        return known;
    }

    /**
     * An INSERT that does nothing, and raises nothing, when a row with its key exists. On PostgreSQL
     * two writers racing for one row both succeed and one row is kept. On H2 the MERGE does not see a
     * row another transaction has not yet committed, so the later of two racing writers can fail on
     * the key: a caller that races (more than one writer for the same row at once) runs it in a
     * transaction of its own and accepts that failure when the row is there afterwards
     * ({@code purge/ExecutionRecords}). {@code keyCondition} names the table's columns qualified with
     * {@code t} ({@code t.id = ?1}); parameters are numbered, and may repeat.
     */
    public String insertIfAbsent(String table, String columns, String values, String keyCondition) {
        return postgreSql()
                ? "INSERT INTO " + table + " AS t (" + columns + ") VALUES (" + values + ") ON CONFLICT DO NOTHING"
                // H2 has no ON CONFLICT outside its PostgreSQL mode: a MERGE that only inserts.
                : "MERGE INTO " + table + " t USING (SELECT 1 AS one) s ON (" + keyCondition + ")"
                        + " WHEN NOT MATCHED THEN INSERT (" + columns + ") VALUES (" + values + ")";
    }

    /**
     * The clause that locks the rows a join reads of the table aliased {@code alias}. PostgreSQL
     * refuses to lock the nullable side of an outer join, so it is told which table's rows to lock;
     * H2 has no {@code OF} and locks what it reads.
     */
    public String forUpdateOf(String alias) {
        return postgreSql() ? " FOR UPDATE OF " + alias : " FOR UPDATE";
    }
}
