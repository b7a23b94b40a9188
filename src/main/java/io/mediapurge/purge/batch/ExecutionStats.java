package io.mediapurge.purge.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.mediapurge.database.Database;
import io.mediapurge.database.SqlDialect;

import io.mediapurge.purge.ItemResult;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The counts of each purge-media execution (table purge_execution), for the console, the REST API
 * and metrics: added in each chunk's own transaction, so they always match the committed outcomes.
 */
@ApplicationScoped
public class ExecutionStats {

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Inject
    SqlDialect dialect;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    /** What one chunk adds to its execution's counts. */
    public static final class Delta {
        long read;
        long deleted;
        long ignored;
        long forbidden;
        long failed;
        long files;
        long bytes;
        long ossRequests;
        long roundTrips;
        long readRoundTrips;

        void add(ItemResult r) {
            read++;
            switch (r.outcome()) {
                case DELETED, WOULD_DELETE -> deleted++;
                case IGNORED -> ignored++;
                case FORBIDDEN -> forbidden++;
                case FAILED -> failed++;
                default -> throw new IllegalArgumentException("not terminal: " + r.outcome());
            }
            files += r.filesDeleted();
            bytes += r.bytesDeleted();
        }

        long failed() {
            return failed;
        }

        /** OSS requests the chunk's deletion sent, retries included. */
        void ossRequests(long requests) {
            ossRequests += requests;
        }

        /**
         * Database round trips: {@code total} since the previous chunk's write (so the previous
         * commit and checkpoint count), {@code beforeWrite} of this chunk's reader and processor.
         */
        void roundTrips(long total, long beforeWrite) {
            roundTrips = total;
            readRoundTrips = beforeWrite;
        }
    }

    /**
     * What an execution did and cost so far. {@code itemsPerSecond}: requests read per second of
     * its run (until now while it runs). Round trips are null unless the server counted them.
     */
    public record Figures(long read, long deleted, long ignored, long forbidden, long failed, long filesDeleted,
            long bytesDeleted, long ossRequests, long chunks, Long dbRoundTrips, Integer maxReadRoundTrips,
            double itemsPerSecond, String server, String endReason) {
    }

    @Transactional
    public Optional<Figures> of(long executionId) {
        List<?> rows = em.createNativeQuery("SELECT read_count, deleted_count, ignored_count, forbidden_count, failed_count,"
                + " files_deleted, bytes_deleted, oss_requests, chunks, round_trips_counted, db_round_trips, max_read_round_trips,"
                + " items_per_second, started_at, instance_id, end_reason FROM purge_execution WHERE job_execution_id = ?1")
                .setParameter(1, executionId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        boolean counted = Boolean.TRUE.equals(r[9]);
        double rate = r[12] != null ? ((Number) r[12]).doubleValue()
                : number(r[0]) / Math.max(0.001, Duration.between(Database.instant(r[13]), now().toInstant()).toNanos() / 1e9);
        return Optional.of(new Figures(number(r[0]), number(r[1]), number(r[2]), number(r[3]), number(r[4]), number(r[5]),
                number(r[6]), number(r[7]), number(r[8]), counted ? number(r[10]) : null,
                counted ? (int) number(r[11]) : null, rate, (String) r[14], (String) r[15]));
    }

    private static long number(Object column) {
        return ((Number) column).longValue();
    }

    /**
     * Adds a chunk's delta to its execution's counts: the statement on its own (JDBC parameters,
     * bound by {@link #bindAdd}) or a WITH clause of the chunk's one write ({@link ChunkRecord}).
     */
    static final String ADD = "UPDATE purge_execution SET read_count = read_count + ?, deleted_count = deleted_count + ?,"
            + " ignored_count = ignored_count + ?, forbidden_count = forbidden_count + ?,"
            + " failed_count = failed_count + ?, files_deleted = files_deleted + ?,"
            + " bytes_deleted = bytes_deleted + ?, oss_requests = oss_requests + ?, chunks = chunks + 1,"
            + " db_round_trips = db_round_trips + ?, max_read_round_trips = GREATEST(max_read_round_trips, ?),"
            + " updated_at = ? WHERE job_execution_id = ?";

    /** Binds {@link #ADD}'s parameters from {@code from} on; answers the next parameter's index. */
    static int bindAdd(PreparedStatement st, int from, long executionId, Delta d) throws SQLException {
        int p = from;
        for (long value : new long[] {d.read, d.deleted, d.ignored, d.forbidden, d.failed, d.files, d.bytes, d.ossRequests,
                d.roundTrips, d.readRoundTrips}) {
            st.setLong(p++, value);
        }
        st.setObject(p++, now());
        st.setLong(p++, executionId);
        return p;
    }

    /** In the chunk's transaction. */
    public void add(long executionId, Delta d) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(ADD)) {
            bindAdd(st, 1, executionId, d);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("the execution's counts could not be added: " + e.getMessage(), e);
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void started(long executionId, Long submissionId, boolean dryRun, String instanceId, boolean roundTripsCounted) {
        OffsetDateTime now = now();
        em.createNativeQuery("INSERT INTO purge_execution (job_execution_id, submission_id, instance_id, dry_run,"
                        + " read_count, deleted_count, ignored_count, forbidden_count, failed_count, files_deleted,"
                        + " bytes_deleted, oss_requests, round_trips_counted, started_at, updated_at)"
                        + " VALUES (?1, ?2, ?3, ?4, 0, 0, 0, 0, 0, 0, 0, 0, ?5, ?6, ?6)")
                .setParameter(1, executionId).setParameter(2, submissionId).setParameter(3, instanceId)
                .setParameter(4, dryRun).setParameter(5, roundTripsCounted).setParameter(6, now).executeUpdate();
    }

    /**
     * The record of an execution that never wrote its own (its server died before the run began),
     * so its end and reason can be kept; nothing when it has one. In the caller's transaction.
     */
    public void recordIfAbsent(long executionId, Long submissionId, boolean dryRun, String instanceId) {
        // No submission is written as NULL: a bound null has no type PostgreSQL would take for a BIGINT.
        em.createNativeQuery(dialect.insertIfAbsent("purge_execution", "job_execution_id, submission_id, instance_id, dry_run,"
                        + " read_count, deleted_count, ignored_count, forbidden_count, failed_count, files_deleted,"
                        + " bytes_deleted, oss_requests, started_at, updated_at",
                        "?1, " + (submissionId == null ? "NULL" : String.valueOf(submissionId.longValue()))
                                + ", ?2, ?3, 0, 0, 0, 0, 0, 0, 0, 0, ?4, ?4", "t.job_execution_id = ?1"))
                .setParameter(1, executionId).setParameter(2, instanceId)
                .setParameter(3, dryRun).setParameter(4, now()).executeUpdate();
    }

    /** Why the run is about to end FAILED (OSS down, the failure breaker), kept for when it has ended. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failing(long executionId, String reason) {
        em.createNativeQuery("UPDATE purge_execution SET end_reason = ?1 WHERE job_execution_id = ?2 AND ended_at IS NULL")
                .setParameter(1, reason.length() > 1000 ? reason.substring(0, 1000) : reason).setParameter(2, executionId)
                .executeUpdate();
    }

    /** The run's listener closes its record with the status the batch runtime is about to write. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void ended(long executionId, String endedStatus) {
        end(executionId, null, endedStatus);
    }

    /**
     * Closes an execution's record: its end time, its rate (requests read per second of its run),
     * how it ended and, when it did not end by itself, why (a null reason keeps one the run gave
     * before it ended, see {@link #failing}). Answers false when it had already ended.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public boolean end(long executionId, String reason, String endedStatus) {
        OffsetDateTime now = now();
        List<?> rows = em.createNativeQuery("SELECT read_count, started_at FROM purge_execution"
                + " WHERE job_execution_id = ?1 AND ended_at IS NULL").setParameter(1, executionId).getResultList();
        if (rows.isEmpty()) {
            return false;
        }
        Object[] row = (Object[]) rows.get(0);
        double seconds = Math.max(0.001, Duration.between(Database.instant(row[1]), now.toInstant()).toNanos() / 1e9);
        jakarta.persistence.Query update = em.createNativeQuery("UPDATE purge_execution SET ended_at = ?1, updated_at = ?1,"
                        + " items_per_second = ?2," + (reason == null ? "" : " end_reason = ?5,")
                        + " ended_status = ?3 WHERE job_execution_id = ?4 AND ended_at IS NULL")
                .setParameter(1, now).setParameter(2, ((Number) row[0]).longValue() / seconds)
                .setParameter(3, endedStatus).setParameter(4, executionId);
        if (reason != null) {
            update.setParameter(5, reason);
        }
        return update.executeUpdate() == 1;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
