package io.mediapurge.purge.batch;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import io.mediapurge.database.Database;
import io.mediapurge.jobrepository.ExecutionTables;

import io.mediapurge.purge.ItemResult;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The counts of each purge-media execution (table purge_execution), for the console, the REST API
 * and metrics: added in each chunk's own transaction, so they always match the committed outcomes.
 * The statements are ExecutionTables'; the rules (what a chunk adds, a run's rate) are here.
 */
@ApplicationScoped
public class ExecutionStats {

    @Inject
    ExecutionTables tables;

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
        long warmUpRoundTrips;

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
         * commit and checkpoint count), {@code beforeWrite} of this chunk's reader and processor,
         * and {@code warmUp} of the reader's cache loads among the total (not in {@code beforeWrite}).
         */
        void roundTrips(long total, long beforeWrite, long warmUp) {
            roundTrips = total;
            readRoundTrips = beforeWrite;
            warmUpRoundTrips = warmUp;
        }

        /** The delta in {@link ExecutionTables#bindAdd}'s order. */
        long[] addends() {
            return new long[] {read, deleted, ignored, forbidden, failed, files, bytes, ossRequests, roundTrips, readRoundTrips,
                warmUpRoundTrips};
        }
    }

    /**
     * What an execution did and cost so far. {@code itemsPerSecond}: requests read per second of
     * its run (until now while it runs). Round trips are null unless the server counted them;
     * {@code warmUpRoundTrips} are those of {@code dbRoundTrips} the readers spent filling their
     * caches (once per partition, again every few seconds), not any one chunk.
     */
    public record Figures(long read, long deleted, long ignored, long forbidden, long failed, long filesDeleted,
            long bytesDeleted, long ossRequests, long chunks, Long dbRoundTrips, Integer maxReadRoundTrips,
            Long warmUpRoundTrips, double itemsPerSecond, String server, String endReason) {
    }

    @Transactional
    public Optional<Figures> of(long executionId) {
        return tables.record(executionId).map(r -> {
            boolean counted = Boolean.TRUE.equals(r[9]);
            double rate = r[12] != null ? ((Number) r[12]).doubleValue()
                    : number(r[0]) / Math.max(0.001, Duration.between(Database.instant(r[13]), now().toInstant()).toNanos() / 1e9);
            return new Figures(number(r[0]), number(r[1]), number(r[2]), number(r[3]), number(r[4]), number(r[5]),
                    number(r[6]), number(r[7]), number(r[8]), counted ? number(r[10]) : null,
                    counted ? (int) number(r[11]) : null, counted ? number(r[16]) : null, rate, (String) r[14], (String) r[15]);
        });
    }

    private static long number(Object column) {
        return ((Number) column).longValue();
    }

    /** In the chunk's transaction. */
    public void add(long executionId, Delta d) {
        tables.add(executionId, d.addends(), now());
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void started(long executionId, Long submissionId, boolean dryRun, String instanceId, boolean roundTripsCounted) {
        tables.insertStarted(executionId, submissionId, dryRun, instanceId, roundTripsCounted, now());
    }

    /**
     * The record of an execution that never wrote its own (its server died before the run began),
     * so its end and reason can be kept; nothing when it has one. In the caller's transaction.
     */
    public void recordIfAbsent(long executionId, Long submissionId, boolean dryRun, String instanceId) {
        tables.insertIfAbsent(executionId, submissionId, dryRun, instanceId, now());
    }

    /** Why the run is about to end FAILED (OSS down, the failure breaker), kept for when it has ended. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failing(long executionId, String reason) {
        tables.setEndReason(executionId, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
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
        Optional<Object[]> open = tables.openRecord(executionId);
        if (open.isEmpty()) {
            return false;
        }
        Object[] row = open.get();
        double seconds = Math.max(0.001, Duration.between(Database.instant(row[1]), now.toInstant()).toNanos() / 1e9);
        return tables.close(executionId, now, ((Number) row[0]).longValue() / seconds, reason, endedStatus);
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
