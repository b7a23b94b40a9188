package io.mediapurge.jobrepository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;

/**
 * The runs table's pages, on PostgreSQL: every sort (both ways), every filter and every offset
 * gives the rows one plain join of all the runs gives, sorted by the database and cut in Java. The
 * runs are written straight into the job repository under a job name of their own (no other
 * test's runs reach the pages), with the gaps real history has: runs without a record, a record
 * without a submission, a submission known only from the run's link, runs still going.
 */
@ExtendWith(ArquillianExtension.class)
class RunPagesIT {

    private static final String JOB = "run-pages-it";
    private static final String[] STATUSES = {"COMPLETED", "FAILED", "STOPPED", "STARTED"};
    private static final long SUBMISSION = 9_100_000_001L;
    private static final long LINKED = 9_100_000_002L;

    @Inject
    ExecutionTables tables;

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Resource
    UserTransaction tx;

    @Test
    void everyPageHoldsTheRowsOfThePlainJoin() throws Exception {
        List<Long> runs = writeRuns(37);
        try {
            tx.begin();
            for (String sortBy : Arrays.asList(null, "executionId", "batchStatus", "submissionId", "started", "ended", "read",
                    "deleted", "failed", "noSuchColumn")) {
                for (boolean ascending : new boolean[] {false, true}) {
                    for (String status : Arrays.asList(null, "FAILED")) {
                        for (Long submission : Arrays.asList(null, SUBMISSION, LINKED)) {
                            List<Long> all = plainJoin(status, submission, sortBy, ascending);
                            String what = sortBy + (ascending ? " asc" : " desc") + ", status " + status + ", submission " + submission;
                            // 1. the count, exact below the cap and capped above it
                            assertEquals(all.size(), tables.countRuns(JOB, status, submission, 1_000), what);
                            assertEquals(Math.min(all.size(), 4), tables.countRuns(JOB, status, submission, 3), what);
                            // 2. page after page (the last one short, one past the end empty) the plain join's rows, in its order
                            for (int first = 0; first <= all.size(); first += 5) {
                                List<Long> page = tables.runPage(JOB, status, submission, sortBy, ascending, first, 5).stream()
                                        .map(r -> ((Number) r[0]).longValue()).toList();
                                assertEquals(all.subList(first, Math.min(all.size(), first + 5)), page, what + ", from " + first);
                            }
                        }
                    }
                }
            }
            // 3. the filters matched runs: the comparisons were not of empty pages
            assertEquals(runs.size(), plainJoin(null, null, null, false).size());
            assertTrue(plainJoin("FAILED", LINKED, null, false).size() > 0);
            assertTrue(plainJoin(null, SUBMISSION, null, false).size() > 5, "more than one page of the submission's runs");
            tx.commit();
        } finally {
            removeRuns();
        }
    }

    @Test
    void aPageOutsideTheRunsIsRefused() {
        assertEquals("a page starts at 0 or later and holds at least one run, not -1 + 5",
                assertThrows(IllegalArgumentException.class, () -> tables.runPage(JOB, null, null, null, false, -1, 5)).getMessage());
    }

    /** The runs table's rows as one join of every run, sorted by the database, unpaged. */
    private List<Long> plainJoin(String status, Long submission, String sortBy, boolean ascending) {
        String column = sortBy == null ? "e.jobexecid" : switch (sortBy) {
            case "executionId" -> "e.jobexecid";
            case "batchStatus" -> "e.batchstatus";
            case "submissionId" -> "submission_id";
            case "started" -> "e.starttime";
            case "ended" -> "e.endtime";
            case "read" -> "p.read_count";
            case "deleted" -> "p.deleted_count";
            case "failed" -> "p.failed_count";
            default -> "e.jobexecid";
        };
        var query = em.createNativeQuery("SELECT e.jobexecid, s.id AS submission_id FROM jbatchexecutioninstancedata e"
                + " JOIN jbatchjobinstancedata i ON i.jobinstanceid = e.jobinstanceid"
                + " LEFT JOIN purge_execution p ON p.job_execution_id = e.jobexecid"
                + " LEFT JOIN purge_submission_execution x ON x.job_execution_id = e.jobexecid"
                + " LEFT JOIN purge_submission s ON s.id = COALESCE(p.submission_id, x.submission_id)"
                + " WHERE i.name = ?1" + (status == null ? "" : " AND e.batchstatus = ?2") + (submission == null ? "" : " AND s.id = ?3")
                + " ORDER BY " + column + (ascending && sortBy != null ? " ASC" : " DESC") + ", e.jobexecid DESC");
        query.setParameter(1, JOB);
        if (status != null) {
            query.setParameter(2, status);
        }
        if (submission != null) {
            query.setParameter(3, submission);
        }
        List<Long> ids = new ArrayList<>();
        for (Object row : query.getResultList()) {
            ids.add(((Number) ((Object[]) row)[0]).longValue());
        }
        return ids;
    }

    /**
     * {@code n} runs: statuses in turn, read counts with ties, every fifth without a record, every
     * third record naming {@link #SUBMISSION}, every fourth run linked to {@link #LINKED} only.
     */
    private List<Long> writeRuns(int n) throws Exception {
        tx.begin();
        Number user = (Number) em.createNativeQuery("SELECT id FROM ram_user ORDER BY id FETCH FIRST 1 ROWS ONLY").getSingleResult();
        for (long id : new long[] {SUBMISSION, LINKED}) {
            em.createNativeQuery("INSERT INTO purge_submission (id, source, requester_user_id, requested_by, delete_physical_files,"
                    + " dry_run, status, item_count, created_at) VALUES (?1, 'API', ?2, 'run-pages-it', FALSE, FALSE, 'COMPLETED', 100,"
                    + " CURRENT_TIMESTAMP)").setParameter(1, id).setParameter(2, user.longValue()).executeUpdate();
        }
        List<Long> runs = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            em.createNativeQuery("INSERT INTO jbatchjobinstancedata (name, apptag) VALUES (?1, ?2)").setParameter(1, JOB)
                    .setParameter(2, JOB + "-" + k).executeUpdate();
            boolean ended = !STATUSES[k % 4].equals("STARTED");
            em.createNativeQuery("INSERT INTO jbatchexecutioninstancedata (jobinstanceid, createtime, starttime, endtime, updatetime,"
                    + " batchstatus, exitstatus) SELECT jobinstanceid, now(), now() - (?1 * interval '1 minute'),"
                    + (ended ? " now() - (?2 * interval '1 second')," : " NULL,") + " now(), ?3, ?3 FROM jbatchjobinstancedata"
                    + " WHERE apptag = ?4").setParameter(1, (k * 7) % 11).setParameter(2, (k * 5) % 13).setParameter(3, STATUSES[k % 4])
                    .setParameter(4, JOB + "-" + k).executeUpdate();
            long execution = ((Number) em.createNativeQuery("SELECT e.jobexecid FROM jbatchexecutioninstancedata e"
                    + " JOIN jbatchjobinstancedata i ON i.jobinstanceid = e.jobinstanceid WHERE i.apptag = ?1")
                    .setParameter(1, JOB + "-" + k).getSingleResult()).longValue();
            runs.add(execution);
            if (k % 5 != 4) {
                // ended, every one: crash recovery looks at every record not ended
                em.createNativeQuery("INSERT INTO purge_execution (job_execution_id, submission_id, instance_id, dry_run, read_count,"
                        + " deleted_count, ignored_count, forbidden_count, failed_count, files_deleted, bytes_deleted, oss_requests,"
                        + " started_at, updated_at, ended_at, ended_status) VALUES (?1, " + (k % 3 == 0 ? SUBMISSION : "NULL")
                        + ", 'run-pages-it', FALSE, ?2, ?3, 0, 0, ?4, 0, 0, 0, now(), now(), now(), 'COMPLETED')")
                        .setParameter(1, execution).setParameter(2, (long) (k % 6) * 10).setParameter(3, (long) (k % 4))
                        .setParameter(4, (long) (k % 3)).executeUpdate();
            }
            if (k % 4 == 1) {
                em.createNativeQuery("INSERT INTO purge_submission_execution (submission_id, job_execution_id, started_at)"
                        + " VALUES (?1, ?2, now())").setParameter(1, LINKED).setParameter(2, execution).executeUpdate();
            }
        }
        tx.commit();
        return runs;
    }

    private void removeRuns() throws Exception {
        tx.begin();
        em.createNativeQuery("DELETE FROM purge_submission_execution WHERE submission_id IN (?1, ?2)").setParameter(1, SUBMISSION)
                .setParameter(2, LINKED).executeUpdate();
        em.createNativeQuery("DELETE FROM purge_execution WHERE instance_id = 'run-pages-it'").executeUpdate();
        em.createNativeQuery("DELETE FROM jbatchexecutioninstancedata WHERE jobinstanceid IN"
                + " (SELECT jobinstanceid FROM jbatchjobinstancedata WHERE name = ?1)").setParameter(1, JOB).executeUpdate();
        em.createNativeQuery("DELETE FROM jbatchjobinstancedata WHERE name = ?1").setParameter(1, JOB).executeUpdate();
        em.createNativeQuery("DELETE FROM purge_submission WHERE id IN (?1, ?2)").setParameter(1, SUBMISSION).setParameter(2, LINKED)
                .executeUpdate();
        tx.commit();
    }
}
