package io.mediapurge.launcher.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The job repository's {@code set search_path} reaches the database once per session, and again
 * whenever the session's path may have changed: told as the statements a physical connection
 * receives.
 */
class SearchPathSessionTest {

    private static final String SET = "set search_path to public";

    /** What reached the physical connection, in order; a statement text in {@link #failing} fails. */
    private final List<String> sent = new ArrayList<>();
    private String failing;

    @Test
    void aSessionSetsItsPathOnce() throws SQLException {
        Connection c = SearchPathSession.wrap(physical());
        for (int chunk = 0; chunk < 3; chunk++) {
            execute(c, SET);
            execute(c, "UPDATE jbatchSTEPSTATUS SET obj = ? WHERE id = ?");
        }
        // 1. the first set only, then every update
        assertEquals(List.of(SET, "UPDATE jbatchSTEPSTATUS SET obj = ? WHERE id = ?",
                "UPDATE jbatchSTEPSTATUS SET obj = ? WHERE id = ?", "UPDATE jbatchSTEPSTATUS SET obj = ? WHERE id = ?"), sent);
    }

    @Test
    void asThePoolPreparesIt() throws SQLException {
        Connection c = SearchPathSession.wrap(physical());
        for (int i = 0; i < 2; i++) {
            try (PreparedStatement s = c.prepareStatement(SET, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                s.executeUpdate();
            }
        }
        assertEquals(List.of(SET), sent);
    }

    @Test
    void anotherSchemaIsSetAgain() throws SQLException {
        Connection c = SearchPathSession.wrap(physical());
        execute(c, SET);
        execute(c, "set search_path to archive");
        execute(c, "SET SEARCH_PATH TO PUBLIC");
        assertEquals(List.of(SET, "set search_path to archive", "SET SEARCH_PATH TO PUBLIC"), sent);
    }

    @Test
    void aRollbackForgetsThePath() throws SQLException {
        Connection c = SearchPathSession.wrap(physical());
        execute(c, SET);
        c.rollback(); // a set inside the rolled-back transaction is undone
        execute(c, SET);
        assertEquals(List.of(SET, "rollback", SET), sent);
    }

    @Test
    void anythingElseThatMayMoveThePathIsFollowedByARealSet() throws SQLException {
        for (String other : List.of("SET search_path = flyway_schema", "SELECT set_config('search_path', 'x', false)",
                "RESET ALL", "DISCARD ALL", "SET SCHEMA 'x'")) {
            sent.clear();
            Connection c = SearchPathSession.wrap(physical());
            execute(c, SET);
            try (Statement s = c.createStatement()) {
                s.execute(other);
            }
            execute(c, SET);
            assertEquals(List.of(SET, other, SET), sent, other);

            sent.clear();
            execute(c, other); // prepared, not plain
            execute(c, SET);
            assertEquals(List.of(other, SET), sent, other);
        }
        sent.clear();
        Connection c = SearchPathSession.wrap(physical());
        execute(c, SET);
        c.setSchema("other");
        execute(c, SET);
        assertEquals(List.of(SET, "setSchema other", SET), sent);
    }

    @Test
    void aFailedSetIsNotRemembered() throws SQLException {
        Connection c = SearchPathSession.wrap(physical());
        failing = SET;
        assertThrows(SQLException.class, () -> execute(c, SET));
        failing = null;
        execute(c, SET);
        assertEquals(List.of(SET, SET), sent);
    }

    @Test
    void statementsAndUnwrappingLeadBackToTheSession() throws SQLException {
        Connection physical = physical();
        Connection c = SearchPathSession.wrap(physical);
        try (PreparedStatement s = c.prepareStatement(SET)) {
            assertSame(c, s.getConnection());
        }
        assertSame(c, c.unwrap(Connection.class));
        assertTrue(c.isWrapperFor(Connection.class));
        assertFalse(c.equals(physical));
        assertEquals(c, c);
    }

    @Test
    void onlyTheRepositorysFormIsRecognised() {
        assertEquals("public", SearchPathSession.settingOf("set search_path to public"));
        assertEquals("jbatch", SearchPathSession.settingOf("  SET search_path TO JBatch;"));
        assertNull(SearchPathSession.settingOf("set search_path to public, archive"));
        assertNull(SearchPathSession.settingOf("set search_path to \"Public\""));
        assertNull(SearchPathSession.settingOf("select 1"));
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.executeUpdate();
        }
    }

    /** A connection that records what it is asked to run, and whose statements record their execution. */
    private Connection physical() {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (self, method, args) -> switch (method.getName()) {
                    case "prepareStatement" -> statement(PreparedStatement.class, (String) args[0]);
                    case "createStatement" -> statement(Statement.class, null);
                    case "rollback" -> {
                        sent.add("rollback");
                        yield null;
                    }
                    case "setSchema" -> {
                        sent.add("setSchema " + args[0]);
                        yield null;
                    }
                    case "unwrap" -> null;
                    case "isWrapperFor" -> false;
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> null;
                });
    }

    private <T extends Statement> T statement(Class<T> type, String prepared) {
        return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> switch (method.getName()) {
                    case "executeUpdate", "execute" -> {
                        String sql = prepared != null ? prepared : (String) args[0];
                        sent.add(sql);
                        if (sql.equals(failing)) {
                            throw new SQLException("current transaction is aborted", "25P02");
                        }
                        yield method.getName().equals("execute") ? (Object) false : (Object) 0;
                    }
                    case "close" -> null;
                    default -> null;
                }));
    }
}
