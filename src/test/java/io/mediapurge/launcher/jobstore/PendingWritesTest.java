package io.mediapurge.launcher.jobstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import jakarta.transaction.Status;

class PendingWritesTest {

    private final List<String> sent = new ArrayList<>();
    private final PendingWrites pending = new PendingWrites(p -> sent.add(p.sql("CP", "SS")));

    @Test
    void aChunksWritesGoAsOneStatementJustBeforeTheCommit() {
        pending.checkpoint("7,step:partition0,READER", new byte[] {1});
        pending.checkpoint("7,step:partition0,WRITER", new byte[] {2});
        pending.stepStatus(42, new byte[] {3});
        assertTrue(sent.isEmpty(), "nothing is sent before the commit");

        pending.beforeCompletion();

        assertEquals(List.of("WITH"
                + " c0 AS (UPDATE CP SET obj = CAST(? AS bytea) WHERE id = CAST(? AS varchar) RETURNING 1),"
                + " c0_new AS (INSERT INTO CP (id, obj) SELECT CAST(? AS varchar), CAST(? AS bytea) WHERE NOT EXISTS (SELECT 1 FROM c0)),"
                + " c1 AS (UPDATE CP SET obj = CAST(? AS bytea) WHERE id = CAST(? AS varchar) RETURNING 1),"
                + " c1_new AS (INSERT INTO CP (id, obj) SELECT CAST(? AS varchar), CAST(? AS bytea) WHERE NOT EXISTS (SELECT 1 FROM c1)),"
                + " s0 AS (UPDATE SS SET obj = CAST(? AS bytea) WHERE id = CAST(? AS bigint)) SELECT 3"), sent);
        pending.afterCompletion(Status.STATUS_COMMITTED);
        assertTrue(pending.isEmpty());
    }

    @Test
    void aRowWrittenTwiceKeepsItsLastValue() {
        pending.stepStatus(42, new byte[] {1});
        pending.stepStatus(42, new byte[] {2});
        pending.checkpoint("k", new byte[] {1});
        pending.checkpoint("k", new byte[] {2});
        pending.beforeCompletion();
        assertEquals(1, sent.size());
        assertTrue(sent.get(0).contains(" c0 AS ") && !sent.get(0).contains(" c1 AS ") && !sent.get(0).contains(" s1 AS "), sent::toString);
    }

    @Test
    void aReadInTheTransactionSendsWhatWaitsOnceAndARollbackDropsTheRest() {
        pending.stepStatus(42, new byte[] {1});
        pending.send();
        pending.send();
        assertEquals(1, sent.size(), "sent once, then forgotten");

        pending.checkpoint("k", new byte[] {1});
        pending.afterCompletion(Status.STATUS_ROLLEDBACK); // no beforeCompletion on a rollback
        pending.beforeCompletion();
        assertEquals(1, sent.size(), "a rolled-back transaction's writes are dropped");
    }

    @Test
    void aTransactionThatWroteNothingSendsNothing() {
        pending.beforeCompletion();
        assertTrue(sent.isEmpty());
    }
}
