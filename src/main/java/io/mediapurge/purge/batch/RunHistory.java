package io.mediapurge.purge.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mediapurge.jobrepository.ExecutionTables;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The purge-media runs as tables show them: one database page at a time over the batch runtime's
 * execution rows and the figures purge-media records for them, newest first or sorted by a
 * column, optionally of one status or one submission. Never reads the whole history: the query
 * (ExecutionTables') stops at the page.
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

    @Inject
    ExecutionTables tables;

    /**
     * A page of runs: {@code status} one batch status or null, {@code submissionId} or null,
     * {@code sortBy} a sortable column's key or null (newest first).
     */
    @Transactional
    public Page page(String status, Long submissionId, String sortBy, boolean ascending, int first, int max) {
        long total = tables.countRuns(PurgeJobs.JOB, status, submissionId, COUNT_CAP);
        List<Run> runs = new ArrayList<>();
        for (Object[] r : tables.runPage(PurgeJobs.JOB, status, submissionId, sortBy, ascending, first, max)) {
            runs.add(new Run(((Number) r[0]).longValue(), (String) r[1], (String) r[2], r[3] == null ? null : ((Number) r[3]).longValue(),
                    (String) r[4], Boolean.TRUE.equals(r[5]), instant(r[6]), instant(r[7]), number(r[8]), number(r[9]),
                    number(r[10]), number(r[11]), number(r[12]), r[13] == null ? null : ((Number) r[13]).doubleValue(), (String) r[14], number(r[15])));
        }
        return new Page(Math.min(total, COUNT_CAP), total > COUNT_CAP, runs);
    }

    /** Totals per outcome over every run's figures (cheap: one row per run, not per item). */
    @Transactional
    public Map<String, Long> outcomeTotals() {
        long[] t = tables.outcomeTotals();
        return Map.of("DELETED", t[0], "IGNORED", t[1], "FORBIDDEN", t[2], "FAILED", t[3]);
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
