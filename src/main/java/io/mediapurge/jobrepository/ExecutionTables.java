package io.mediapurge.jobrepository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import io.mediapurge.database.Database;
import io.mediapurge.database.SqlDialect;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Owns every statement over the executions' tables: the batch runtime's job repository (the
 * {@code jbatch*} tables, Payara's schema, not ours) and {@code purge_execution}, the record each
 * purge-media execution keeps beside it. When Payara changes its tables, this is the one class to
 * change. The statements run in the caller's transaction; the callers keep the rules (what a row
 * means, when it may change) and read the rows this class hands them in the column order its
 * methods name. {@code ChunkRecord} embeds {@link #ADD} in the chunk's one statement; the runs
 * table's paged query lives beside this class in {@link RunPages}, reached only through it.
 * Over 300 lines on purpose: a change of Payara's schema is read and made in this one file.
 */
@ApplicationScoped
public class ExecutionTables {

    /** Payara's default table prefix for the job repository; payara/post-boot.asadmin keeps it. */
    static final String JOB_REPOSITORY = "jbatch";
    static final String OPEN_STATUSES = "('STARTING', 'STARTED', 'STOPPING')";

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Inject
    SqlDialect dialect;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Inject
    RunPages pages;

    // ------------------------------------------------------------------ purge_execution: one run's record

    /**
     * Adds a chunk's delta to its execution's counts: the statement on its own ({@link #add}) or a
     * WITH clause of the chunk's one write (ChunkRecord), bound by {@link #bindAdd}.
     */
    public static final String ADD = "UPDATE purge_execution SET read_count = read_count + ?, deleted_count = deleted_count + ?,"
            + " ignored_count = ignored_count + ?, forbidden_count = forbidden_count + ?,"
            + " failed_count = failed_count + ?, files_deleted = files_deleted + ?,"
            + " bytes_deleted = bytes_deleted + ?, oss_requests = oss_requests + ?, chunks = chunks + 1,"
            + " db_round_trips = db_round_trips + ?, max_read_round_trips = GREATEST(max_read_round_trips, ?),"
            + " warm_up_round_trips = warm_up_round_trips + ?, updated_at = ? WHERE job_execution_id = ?";

    /**
     * Binds {@link #ADD}'s parameters from {@code from} on: {@code addends} are read, deleted, ignored,
     * forbidden, failed, files, bytes, OSS requests, round trips, the read's round trips (a
     * maximum, not a sum) and the warm-up round trips among them. Answers the next parameter's index.
     */
    public static int bindAdd(PreparedStatement st, int from, long executionId, long[] addends, OffsetDateTime now)
            throws SQLException {
        int p = from;
        for (long value : addends) {
            st.setLong(p++, value);
        }
        st.setObject(p++, now);
        st.setLong(p++, executionId);
        return p;
    }

    /** {@link #ADD} on its own, in the chunk's transaction. */
    public void add(long executionId, long[] addends, OffsetDateTime now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(ADD)) {
            bindAdd(st, 1, executionId, addends, now);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("the execution's counts could not be added: " + e.getMessage(), e);
        }
    }

    public void insertStarted(long executionId, Long submissionId, boolean dryRun, String instanceId, boolean roundTripsCounted,
            OffsetDateTime now) {
        em.createNativeQuery("INSERT INTO purge_execution (job_execution_id, submission_id, instance_id, dry_run,"
                        + " read_count, deleted_count, ignored_count, forbidden_count, failed_count, files_deleted,"
                        + " bytes_deleted, oss_requests, round_trips_counted, started_at, updated_at)"
                        + " VALUES (?1, ?2, ?3, ?4, 0, 0, 0, 0, 0, 0, 0, 0, ?5, ?6, ?6)")
                .setParameter(1, executionId).setParameter(2, submissionId).setParameter(3, instanceId)
                .setParameter(4, dryRun).setParameter(5, roundTripsCounted).setParameter(6, now).executeUpdate();
    }

    /** A record with zero counts, unless the execution has one. */
    public void insertIfAbsent(long executionId, Long submissionId, boolean dryRun, String instanceId, OffsetDateTime now) {
        // No submission is written as NULL: a bound null has no type PostgreSQL would take for a BIGINT.
        em.createNativeQuery(dialect.insertIfAbsent("purge_execution", "job_execution_id, submission_id, instance_id, dry_run,"
                        + " read_count, deleted_count, ignored_count, forbidden_count, failed_count, files_deleted,"
                        + " bytes_deleted, oss_requests, started_at, updated_at",
                        "?1, " + (submissionId == null ? "NULL" : String.valueOf(submissionId.longValue()))
                                + ", ?2, ?3, 0, 0, 0, 0, 0, 0, 0, 0, ?4, ?4", "t.job_execution_id = ?1"))
                .setParameter(1, executionId).setParameter(2, instanceId)
                .setParameter(3, dryRun).setParameter(4, now).executeUpdate();
    }

    /** Keeps why a run not yet ended is about to end. */
    public void setEndReason(long executionId, String reason) {
        em.createNativeQuery("UPDATE purge_execution SET end_reason = ?1 WHERE job_execution_id = ?2 AND ended_at IS NULL")
                .setParameter(1, reason).setParameter(2, executionId).executeUpdate();
    }

    /** A record not ended yet: read_count, started_at; empty when there is none. */
    public Optional<Object[]> openRecord(long executionId) {
        List<?> rows = em.createNativeQuery("SELECT read_count, started_at FROM purge_execution"
                + " WHERE job_execution_id = ?1 AND ended_at IS NULL").setParameter(1, executionId).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of((Object[]) rows.get(0));
    }

    /** Closes a record not ended yet (a null reason keeps the one it has); false when it had ended. */
    public boolean close(long executionId, OffsetDateTime now, double itemsPerSecond, String reason, String endedStatus) {
        jakarta.persistence.Query update = em.createNativeQuery("UPDATE purge_execution SET ended_at = ?1, updated_at = ?1,"
                        + " items_per_second = ?2," + (reason == null ? "" : " end_reason = ?5,")
                        + " ended_status = ?3 WHERE job_execution_id = ?4 AND ended_at IS NULL")
                .setParameter(1, now).setParameter(2, itemsPerSecond).setParameter(3, endedStatus).setParameter(4, executionId);
        if (reason != null) {
            update.setParameter(5, reason);
        }
        return update.executeUpdate() == 1;
    }

    /**
     * An execution's record: read, deleted, ignored, forbidden, failed, files_deleted,
     * bytes_deleted, oss_requests, chunks, round_trips_counted, db_round_trips,
     * max_read_round_trips, items_per_second, started_at, instance_id, end_reason, warm_up_round_trips.
     */
    public Optional<Object[]> record(long executionId) {
        List<?> rows = em.createNativeQuery("SELECT read_count, deleted_count, ignored_count, forbidden_count, failed_count,"
                + " files_deleted, bytes_deleted, oss_requests, chunks, round_trips_counted, db_round_trips, max_read_round_trips,"
                + " items_per_second, started_at, instance_id, end_reason, warm_up_round_trips"
                + " FROM purge_execution WHERE job_execution_id = ?1")
                .setParameter(1, executionId).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of((Object[]) rows.get(0));
    }

    /** Deleted, ignored, forbidden and failed summed over every run that was not a dry run. */
    public long[] outcomeTotals() {
        Object[] r = (Object[]) em.createNativeQuery("SELECT COALESCE(SUM(deleted_count), 0), COALESCE(SUM(ignored_count), 0),"
                + " COALESCE(SUM(forbidden_count), 0), COALESCE(SUM(failed_count), 0) FROM purge_execution WHERE dry_run = FALSE")
                .getSingleResult();
        return new long[] {number(r[0]), number(r[1]), number(r[2]), number(r[3])};
    }

    /** Per submission of {@code submissionIds}, its runs' deleted, ignored, forbidden, failed and read, summed. */
    public Map<Long, long[]> figuresBySubmission(Collection<Long> submissionIds) {
        Map<Long, long[]> figures = new HashMap<>();
        if (submissionIds.isEmpty()) {
            return figures;
        }
        // IDs written as numbers: nothing a caller typed reaches the statement.
        String ids = String.join(",", submissionIds.stream().map(id -> String.valueOf(id.longValue())).toList());
        for (Object row : em.createNativeQuery("SELECT submission_id, SUM(deleted_count), SUM(ignored_count), SUM(forbidden_count),"
                + " SUM(failed_count), SUM(read_count) FROM purge_execution WHERE submission_id IN (" + ids + ")"
                + " GROUP BY submission_id").getResultList()) {
            Object[] r = (Object[]) row;
            long[] f = new long[5];
            for (int i = 0; i < 5; i++) {
                f[i] = r[i + 1] == null ? 0 : ((Number) r[i + 1]).longValue();
            }
            figures.put(((Number) r[0]).longValue(), f);
        }
        return figures;
    }

    /** A record not ended: its requests read so far and when it started. */
    public record Running(long read, Instant started) {
    }

    /**
     * For the metrics, on a connection of its own (outside any transaction): the sums of read,
     * deleted, ignored, forbidden, failed, files, bytes and OSS requests over every record, and
     * the records not ended.
     */
    public long[] totals(List<Running> running) throws SQLException {
        long[] sums = new long[8];
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            try (var rs = st.executeQuery("SELECT COALESCE(SUM(read_count), 0), COALESCE(SUM(deleted_count), 0),"
                    + " COALESCE(SUM(ignored_count), 0), COALESCE(SUM(forbidden_count), 0), COALESCE(SUM(failed_count), 0),"
                    + " COALESCE(SUM(files_deleted), 0), COALESCE(SUM(bytes_deleted), 0), COALESCE(SUM(oss_requests), 0)"
                    + " FROM purge_execution")) {
                rs.next();
                for (int i = 0; i < sums.length; i++) {
                    sums[i] = rs.getLong(i + 1);
                }
            }
            try (var rs = st.executeQuery("SELECT read_count, started_at FROM purge_execution WHERE ended_at IS NULL")) {
                while (rs.next()) {
                    running.add(new Running(rs.getLong(1), rs.getTimestamp(2).toInstant()));
                }
            }
        }
        return sums;
    }

    /** The submission an execution's record names; null when it names none. */
    public Long submissionOf(long executionId) {
        Number submission = (Number) em.createNativeQuery("SELECT submission_id FROM purge_execution WHERE job_execution_id = ?1")
                .setParameter(1, executionId).getSingleResult();
        return submission == null ? null : submission.longValue();
    }

    /** The executions whose records name the submission. */
    public List<Long> recordedExecutions(long submissionId) {
        return ids(em.createNativeQuery("SELECT job_execution_id FROM purge_execution WHERE submission_id = ?")
                .setParameter(1, submissionId).getResultList());
    }

    /** Deletes the records naming the submission; answers how many. */
    public int deleteRecords(long submissionId) {
        return em.createNativeQuery("DELETE FROM purge_execution WHERE submission_id = ?").setParameter(1, submissionId)
                .executeUpdate();
    }

    /**
     * A condition for another table's statement: no record of submission {@code submissionIdColumn}
     * is open or ended at or after the time bound to the condition's one parameter.
     */
    public static String noRunOpenOrEndedSince(String submissionIdColumn) {
        return "NOT EXISTS (SELECT 1 FROM purge_execution e WHERE e.submission_id = " + submissionIdColumn
                + "   AND (e.ended_at IS NULL OR e.ended_at >= ?))";
    }

    /** A condition for another table's statement: no record of server {@code instanceIdColumn} is open. */
    public static String noOpenRunOf(String instanceIdColumn) {
        return "NOT EXISTS (SELECT 1 FROM purge_execution e WHERE e.instance_id = " + instanceIdColumn + "   AND e.ended_at IS NULL)";
    }

    // ------------------------------------------------------------------ the job repository

    /**
     * The executions of job {@code job} the batch runtime holds open, with their records when they
     * have one: jobexecid, instance_id, ended_at, ended_status; oldest first.
     */
    public List<Object[]> openExecutions(String job) {
        return rows(em.createNativeQuery("SELECT e.jobexecid, p.instance_id, p.ended_at, p.ended_status FROM "
                        + JOB_REPOSITORY + "executioninstancedata e JOIN " + JOB_REPOSITORY + "jobinstancedata i"
                        + " ON i.jobinstanceid = e.jobinstanceid LEFT JOIN purge_execution p ON p.job_execution_id = e.jobexecid"
                        + " WHERE i.name = ?1 AND e.batchstatus IN " + OPEN_STATUSES + " ORDER BY e.jobexecid")
                .setParameter(1, job).getResultList());
    }

    /** Records not ended: job_execution_id, instance_id. */
    public List<Object[]> unendedRecords() {
        return rows(em.createNativeQuery("SELECT job_execution_id, instance_id FROM purge_execution WHERE ended_at IS NULL")
                .getResultList());
    }

    /** Ends an open execution's own row FAILED with {@code exitStatus}; answers 1, or 0 when it was not open. */
    public int failOpenExecution(long executionId, String exitStatus, OffsetDateTime now) {
        return em.createNativeQuery("UPDATE " + JOB_REPOSITORY + "executioninstancedata SET batchstatus = 'FAILED',"
                        + " exitstatus = ?1, endtime = ?2, updatetime = ?2 WHERE jobexecid = ?3 AND batchstatus IN " + OPEN_STATUSES)
                .setParameter(1, exitStatus).setParameter(2, now).setParameter(3, executionId).executeUpdate();
    }

    /** Ends an execution's open step rows FAILED with {@code exitStatus}. */
    public void failOpenSteps(long executionId, String exitStatus, OffsetDateTime now) {
        em.createNativeQuery("UPDATE " + JOB_REPOSITORY + "stepexecutioninstancedata SET batchstatus = 'FAILED',"
                        + " exitstatus = ?1, endtime = ?2 WHERE jobexecid = ?3 AND batchstatus IN " + OPEN_STATUSES)
                .setParameter(1, exitStatus).setParameter(2, now).setParameter(3, executionId).executeUpdate();
    }

    /**
     * Ends an open execution's own row and its open step rows with {@code status} (also their exit
     * status, unless they have one); answers whether the execution's row was open.
     */
    public boolean closeOpen(long executionId, String status, OffsetDateTime now) {
        int runtime = em.createNativeQuery("UPDATE " + JOB_REPOSITORY + "executioninstancedata SET batchstatus = ?1,"
                        + " exitstatus = COALESCE(exitstatus, ?1), endtime = ?2, updatetime = ?2 WHERE jobexecid = ?3"
                        + " AND batchstatus IN " + OPEN_STATUSES)
                .setParameter(1, status).setParameter(2, now).setParameter(3, executionId).executeUpdate();
        em.createNativeQuery("UPDATE " + JOB_REPOSITORY + "stepexecutioninstancedata SET batchstatus = ?1,"
                        + " exitstatus = COALESCE(exitstatus, ?1), endtime = ?2 WHERE jobexecid = ?3 AND batchstatus IN " + OPEN_STATUSES)
                .setParameter(1, status).setParameter(2, now).setParameter(3, executionId).executeUpdate();
        return runtime == 1;
    }

    /**
     * The batch runtime's rows of one execution: JobOperator reads them but has no call to delete
     * them, so they go as it wrote them: the execution's steps and their status, the execution,
     * and its job instance (with its status and checkpoints) once no execution of it is left.
     */
    public void deleteJobRepositoryRows(long execution) {
        Number instance = (Number) em.createNativeQuery("SELECT jobinstanceid FROM " + JOB_REPOSITORY + "executioninstancedata"
                + " WHERE jobexecid = ?").setParameter(1, execution).getResultStream().findFirst().orElse(null);
        em.createNativeQuery("DELETE FROM " + JOB_REPOSITORY + "stepstatus WHERE id IN (SELECT stepexecid FROM " + JOB_REPOSITORY
                + "stepexecutioninstancedata WHERE jobexecid = ?)").setParameter(1, execution).executeUpdate();
        em.createNativeQuery("DELETE FROM " + JOB_REPOSITORY + "stepexecutioninstancedata WHERE jobexecid = ?")
                .setParameter(1, execution).executeUpdate();
        em.createNativeQuery("DELETE FROM " + JOB_REPOSITORY + "executioninstancedata WHERE jobexecid = ?")
                .setParameter(1, execution).executeUpdate();
        if (instance != null && em.createNativeQuery("SELECT 1 FROM " + JOB_REPOSITORY + "executioninstancedata WHERE jobinstanceid = ?")
                .setParameter(1, instance.longValue()).getResultList().isEmpty()) {
            em.createNativeQuery("DELETE FROM " + JOB_REPOSITORY + "checkpointdata WHERE id LIKE ?")
                    .setParameter(1, instance.longValue() + ",%").executeUpdate();
            em.createNativeQuery("DELETE FROM " + JOB_REPOSITORY + "jobstatus WHERE id = ?").setParameter(1, instance.longValue())
                    .executeUpdate();
            em.createNativeQuery("DELETE FROM " + JOB_REPOSITORY + "jobinstancedata WHERE jobinstanceid = ?")
                    .setParameter(1, instance.longValue()).executeUpdate();
        }
    }

    // ------------------------------------------------------------------ the runs, a page at a time

    /**
     * A page of job {@code job}'s runs ({@link RunPages}): jobexecid, batchstatus, exitstatus,
     * submission_id, requested_by, dry_run, starttime, endtime, read_count, deleted_count,
     * ignored_count, forbidden_count, failed_count, items_per_second, end_reason, item_count.
     * {@code status} and {@code submissionId} filter when not null; {@code sortBy} is executionId,
     * batchStatus, submissionId, started, ended, read, deleted or failed, else newest first.
     */
    public List<Object[]> runPage(String job, String status, Long submissionId, String sortBy, boolean ascending, int first,
            int max) {
        return pages.page(job, status, submissionId, sortBy, ascending, first, max);
    }

    /** How many runs {@link #runPage} would page through, counted up to {@code cap} + 1. */
    public long countRuns(String job, String status, Long submissionId, int cap) {
        return pages.count(job, status, submissionId, cap);
    }

    private static List<Object[]> rows(List<?> result) {
        List<Object[]> rows = new ArrayList<>(result.size());
        result.forEach(r -> rows.add((Object[]) r));
        return rows;
    }

    private static List<Long> ids(List<?> result) {
        return result.stream().map(id -> ((Number) id).longValue()).toList();
    }

    private static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
