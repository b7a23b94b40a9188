package io.mediapurge.purge.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * The purge-media runs as tables show them: one database page at a time over the batch runtime's
 * execution rows and the figures purge-media records for them, newest first or sorted by a
 * column, optionally of one status or one submission. Never reads the whole history.
 */
@ApplicationScoped
public class RunHistory {

    /** Counting past this many matching runs is not worth a scan: the table says "more than". */
    public static final int COUNT_CAP = 10_000;

    /** One run as a row: its execution, its figures so far (zeros before its first chunk). */
    public record Run(long executionId, String batchStatus, String exitStatus, Long submissionId, String requestedBy,
            boolean dryRun, Instant started, Instant ended, long read, long deleted, long ignored, long forbidden, long failed,
            Double itemsPerSecond, String endReason, long itemCount) {

        public Duration duration() {
            return started == null ? null : Duration.between(started, ended == null ? Instant.now() : ended);
        }
    }

    public record Page(long total, boolean totalCapped, List<Run> runs) {
    }

    /** Columns a table may sort by, as the query names them. */
    static final Map<String, String> SORTABLE = Map.of(
            "executionId", "e.jobexecid", "batchStatus", "e.batchstatus", "submissionId", "submission_id",
            "started", "e.starttime", "ended", "e.endtime", "read", "p.read_count", "deleted", "p.deleted_count",
            "failed", "p.failed_count");

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    private static final String FROM = " FROM " + PurgeJobs.JOB_REPOSITORY_PREFIX + "executioninstancedata e"
            + " JOIN " + PurgeJobs.JOB_REPOSITORY_PREFIX + "jobinstancedata i ON i.jobinstanceid = e.jobinstanceid"
            + " LEFT JOIN purge_execution p ON p.job_execution_id = e.jobexecid"
            + " LEFT JOIN purge_submission_execution x ON x.job_execution_id = e.jobexecid"
            + " LEFT JOIN purge_submission s ON s.id = COALESCE(p.submission_id, x.submission_id)"
            + " WHERE i.name = ?1";

    /**
     * A page of runs: {@code status} one batch status or null, {@code submissionId} or null,
     * {@code sortBy} a key of {@link #SORTABLE} or null (newest first).
     */
    @Transactional
    public Page page(String status, Long submissionId, String sortBy, boolean ascending, int first, int max) {
        String where = (status == null ? "" : " AND e.batchstatus = ?2") + (submissionId == null ? "" : " AND s.id = ?3");
        String order = SORTABLE.getOrDefault(sortBy == null ? "" : sortBy, "e.jobexecid");
        Query select = em.createNativeQuery("SELECT e.jobexecid, e.batchstatus, e.exitstatus, s.id AS submission_id,"
                + " s.requested_by, COALESCE(p.dry_run, s.dry_run), e.starttime, e.endtime, p.read_count, p.deleted_count,"
                + " p.ignored_count, p.forbidden_count, p.failed_count, p.items_per_second, p.end_reason, s.item_count" + FROM + where
                + " ORDER BY " + order + (ascending && sortBy != null ? " ASC" : " DESC") + ", e.jobexecid DESC");
        // Counted in the database, up to the cap: one number comes back, not the matching runs' IDs.
        Query ids = em.createNativeQuery("SELECT COUNT(*) FROM (SELECT e.jobexecid" + FROM + where + " FETCH FIRST "
                + (COUNT_CAP + 1) + " ROWS ONLY) c");
        for (Query q : List.of(select, ids)) {
            q.setParameter(1, PurgeJobs.JOB);
            if (status != null) {
                q.setParameter(2, status);
            }
            if (submissionId != null) {
                q.setParameter(3, submissionId);
            }
        }
        long total = ((Number) ids.getSingleResult()).longValue();
        List<Run> runs = new ArrayList<>();
        for (Object row : select.setFirstResult(first).setMaxResults(max).getResultList()) {
            Object[] r = (Object[]) row;
            runs.add(new Run(((Number) r[0]).longValue(), (String) r[1], (String) r[2], r[3] == null ? null : ((Number) r[3]).longValue(),
                    (String) r[4], Boolean.TRUE.equals(r[5]), instant(r[6]), instant(r[7]), number(r[8]), number(r[9]),
                    number(r[10]), number(r[11]), number(r[12]), r[13] == null ? null : ((Number) r[13]).doubleValue(), (String) r[14], number(r[15])));
        }
        return new Page(Math.min(total, COUNT_CAP), total > COUNT_CAP, runs);
    }

    /** Totals per outcome over every run's figures (cheap: one row per run, not per item). */
    @Transactional
    public Map<String, Long> outcomeTotals() {
        Object[] r = (Object[]) em.createNativeQuery("SELECT COALESCE(SUM(deleted_count), 0), COALESCE(SUM(ignored_count), 0),"
                + " COALESCE(SUM(forbidden_count), 0), COALESCE(SUM(failed_count), 0) FROM purge_execution WHERE dry_run = FALSE")
                .getSingleResult();
        return Map.of("DELETED", number(r[0]), "IGNORED", number(r[1]), "FORBIDDEN", number(r[2]), "FAILED", number(r[3]));
    }

    /** The job repository's times are plain TIMESTAMPs written in the server's zone. */
    private static Instant instant(Object column) {
        if (column == null) {
            return null;
        }
        if (column instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (column instanceof java.time.LocalDateTime t) {
            return t.atZone(java.time.ZoneId.systemDefault()).toInstant();
        }
        if (column instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        return (Instant) column;
    }

    private static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
