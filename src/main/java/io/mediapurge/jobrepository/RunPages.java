package io.mediapurge.jobrepository;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;

/**
 * The runs table's query, a page at a time, for {@link ExecutionTables}: a deferred join. The
 * inner query picks the page's execution IDs over the fewest tables its sort and filter need
 * (newest first: the job repository's execution and instance rows only), with the page's offset
 * and size in the statement itself, so the planner stops after the page; the outer query joins
 * the page's rows to their records and submissions. Without the limit in the SQL (a JPA
 * setFirstResult on a native query) the database joined and sorted every run for every page.
 */
@ApplicationScoped
class RunPages {

    /** The page's columns, in {@link ExecutionTables#runPage}'s order. */
    private static final String COLUMNS = "e.jobexecid, e.batchstatus, e.exitstatus, s.id AS submission_id, s.requested_by,"
            + " COALESCE(p.dry_run, s.dry_run), e.starttime, e.endtime, p.read_count, p.deleted_count, p.ignored_count,"
            + " p.forbidden_count, p.failed_count, p.items_per_second, p.end_reason, s.item_count";

    /** Columns a table may sort by, as the query names them. */
    static final Map<String, String> SORTABLE = Map.of(
            "executionId", "e.jobexecid", "batchStatus", "e.batchstatus", "submissionId", "s.id",
            "started", "e.starttime", "ended", "e.endtime", "read", "p.read_count", "deleted", "p.deleted_count",
            "failed", "p.failed_count");

    private static final String RUNS = " FROM " + ExecutionTables.JOB_REPOSITORY + "executioninstancedata e"
            + " JOIN " + ExecutionTables.JOB_REPOSITORY + "jobinstancedata i ON i.jobinstanceid = e.jobinstanceid";
    private static final String RECORDS = " LEFT JOIN purge_execution p ON p.job_execution_id = e.jobexecid";
    // An execution is linked to one submission at most, so these joins add no row.
    private static final String SUBMISSIONS = " LEFT JOIN purge_submission_execution x ON x.job_execution_id = e.jobexecid"
            + " LEFT JOIN purge_submission s ON s.id = COALESCE(p.submission_id, x.submission_id)";

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    List<Object[]> page(String job, String status, Long submissionId, String sortBy, boolean ascending, int first, int max) {
        if (first < 0 || max < 1) {
            throw new IllegalArgumentException("a page starts at 0 or later and holds at least one run, not " + first + " + " + max);
        }
        String column = SORTABLE.getOrDefault(sortBy == null ? "" : sortBy, "e.jobexecid");
        String order = " ORDER BY " + column + (ascending && sortBy != null ? " ASC" : " DESC") + ", e.jobexecid DESC";
        // Offset and size are ints, written as numbers: the planner sees the limit, nothing typed reaches the statement.
        Query select = em.createNativeQuery("SELECT " + COLUMNS + " FROM (SELECT e.jobexecid" + narrow(column, submissionId)
                + where(status, submissionId) + order + " OFFSET " + first + " ROWS FETCH NEXT " + max + " ROWS ONLY) picked"
                + " JOIN " + ExecutionTables.JOB_REPOSITORY + "executioninstancedata e ON e.jobexecid = picked.jobexecid"
                + RECORDS + SUBMISSIONS + order);
        List<Object[]> rows = new ArrayList<>();
        for (Object row : bind(select, job, status, submissionId).getResultList()) {
            rows.add((Object[]) row);
        }
        return rows;
    }

    /**
     * Counted in the database, up to {@code cap} + 1: one number comes back, not the matching runs'
     * IDs. Newest first along the execution key, as the first pages read them: without an order
     * the planner hashed every job instance before counting the first run.
     */
    long count(String job, String status, Long submissionId, int cap) {
        Query count = em.createNativeQuery("SELECT COUNT(*) FROM (SELECT e.jobexecid" + narrow("e.jobexecid", submissionId)
                + where(status, submissionId) + " ORDER BY e.jobexecid DESC FETCH FIRST " + (cap + 1) + " ROWS ONLY) c");
        return ((Number) bind(count, job, status, submissionId).getSingleResult()).longValue();
    }

    /** The runs with only the joins the sort column and the filter need. */
    private static String narrow(String sortColumn, Long submissionId) {
        if (submissionId != null || sortColumn.startsWith("s.")) {
            return RUNS + RECORDS + SUBMISSIONS;
        }
        return sortColumn.startsWith("p.") ? RUNS + RECORDS : RUNS;
    }

    private static String where(String status, Long submissionId) {
        return " WHERE i.name = ?1" + (status == null ? "" : " AND e.batchstatus = ?2") + (submissionId == null ? "" : " AND s.id = ?3");
    }

    private static Query bind(Query q, String job, String status, Long submissionId) {
        q.setParameter(1, job);
        if (status != null) {
            q.setParameter(2, status);
        }
        if (submissionId != null) {
            q.setParameter(3, submissionId);
        }
        return q;
    }
}
