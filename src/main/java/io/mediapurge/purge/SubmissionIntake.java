package io.mediapurge.purge;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import io.mediapurge.access.PrincipalRef;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Purge submissions of any size, received from a stream of selectors in batches, each batch in its
 * own transaction so memory stays flat; each selector kept once per submission (the database's
 * unique digest and a fixed-size filter do the remembering). A retry copies a submission's FAILED
 * items into a new one; a dry run's selectors can be submitted again for real.
 */
@ApplicationScoped
public class SubmissionIntake {

    public static final int BATCH_SIZE = 500;
    public static final int MAX_REPORTED_ERRORS = 1000;

    /** A new submission: from which door, whose permissions apply, who asked, and how. */
    public record Request(SubmissionSource source, PrincipalRef requester, String requestedBy, boolean deletePhysicalFiles,
            boolean dryRun) {
    }

    /** A line (or entry) that was not kept, and why. */
    public record LineError(long line, String message) {
    }

    /**
     * What receiving did: the new submission (null when no selector was good, and then nothing was
     * kept), how many requests it holds, how many repeats were answered by an earlier line, how
     * many lines were refused, and the first of those by number.
     */
    public record Receipt(Long submissionId, long items, long duplicates, long rejected, List<LineError> errors,
            boolean errorsTruncated) {
    }

    @Inject
    IntakeSteps steps;

    @Inject
    Submissions submissions;

    /** Where selectors come from: CSV lines, a JSON list, a submission's failed items. */
    @FunctionalInterface
    interface Entries {
        SelectorCsv.Entry next() throws IOException;
    }

    /** A submission from a CSV of selectors: good lines kept, bad lines reported by number. */
    public Receipt receive(Request request, SelectorCsv csv) throws IOException {
        return receive(request, null, csv::next);
    }

    /** A submission from a list already checked whole (the JSON door refuses a list with a bad entry). */
    public Receipt receive(Request request, List<Selector> selectors) throws IOException {
        Iterator<Selector> it = selectors.iterator();
        long[] position = {0};
        return receive(request, null, () -> it.hasNext() ? new SelectorCsv.Entry(++position[0], it.next(), null) : null);
    }

    /**
     * A submission from selectors made one at a time ({@code null} ends them), e.g. read from the
     * registry page by page: stored in batches like a CSV. {@code opened} is told the new
     * submission's ID inside the transaction that creates it, so whatever made it can link itself
     * to the submission atomically (and find it again should this server die half-way).
     */
    public Receipt receive(Request request, Supplier<Selector> selectors, LongConsumer opened) throws IOException {
        long[] position = {0};
        return receive(request, null, () -> {
            Selector next = selectors.get();
            return next == null ? null : new SelectorCsv.Entry(++position[0], next, null);
        }, opened);
    }

    /**
     * A new submission of the FAILED items of {@code originalId}, with its deletePhysicalFiles and
     * dryRun, requested by the caller; refused when there is nothing to retry.
     */
    public Receipt retryFailed(long originalId, Request request) throws IOException {
        if (!steps.hasFailed(originalId)) {
            throw new Submissions.Refused("submission " + originalId + " has no FAILED items; nothing to retry");
        }
        Entries failed = pagedAfter((after, max) -> steps.failedAfter(originalId, after, max));
        return receive(request, originalId, failed);
    }

    /**
     * A new submission of every selector of the dry run {@code dryRunId}, as written and in its
     * order, with its deletePhysicalFiles, to be run for real; refused when it is not a dry run.
     */
    public Receipt runForReal(long dryRunId, Request request) throws IOException {
        if (!submissions.isDryRun(dryRunId)) {
            throw new Submissions.Refused("submission " + dryRunId + " is not a dry run");
        }
        Entries all = pagedAfter((after, max) -> steps.itemsAfter(dryRunId, after, max));
        return receive(request, null, all);
    }

    /**
     * Selectors read from another submission's items a page at a time, each page past the last
     * item ID read ({@code pageAfter} answers rows of item ID, selector text, selector type).
     */
    private static Entries pagedAfter(BiFunction<Long, Integer, List<Object[]>> pageAfter) {
        return new Entries() {
            long after = 0;
            Iterator<Object[]> page = List.<Object[]>of().iterator();
            boolean exhausted;

            @Override
            public SelectorCsv.Entry next() {
                if (!page.hasNext() && !exhausted) {
                    List<Object[]> rows = pageAfter.apply(after, BATCH_SIZE);
                    exhausted = rows.size() < BATCH_SIZE;
                    page = rows.iterator();
                }
                if (!page.hasNext()) {
                    return null;
                }
                Object[] row = page.next();
                after = (Long) row[0];
                return new SelectorCsv.Entry(after, new Selector((String) row[1], (SelectorType) row[2]), null);
            }
        };
    }

    /**
     * An empty submission, RECEIVING, that {@link #receive} would fill; {@code opened} is told its
     * ID in the transaction that creates it. What a server that dies half-way through an intake
     * leaves behind.
     */
    public long open(Request request, LongConsumer opened) {
        return steps.open(request, null, opened);
    }

    /** The submission and everything received for it go, as if it had never been made. */
    public void discard(long submissionId) {
        steps.discard(submissionId);
    }

    private Receipt receive(Request request, Long retryOf, Entries entries) throws IOException {
        return receive(request, retryOf, entries, null);
    }

    private Receipt receive(Request request, Long retryOf, Entries entries, LongConsumer opened) throws IOException {
        long id = steps.open(request, retryOf, opened);
        SeenSelectors seen = new SeenSelectors();
        try {
            List<LineError> errors = new ArrayList<>();
            long items = 0;
            long offered = 0;
            long rejected = 0;
            List<Selector> batch = new ArrayList<>(BATCH_SIZE);
            for (SelectorCsv.Entry entry = entries.next(); entry != null; entry = entries.next()) {
                if (entry.selector() == null) {
                    rejected++;
                    if (errors.size() < MAX_REPORTED_ERRORS) {
                        errors.add(new LineError(entry.line(), entry.problem()));
                    }
                    continue;
                }
                batch.add(entry.selector());
                offered++;
                if (batch.size() == BATCH_SIZE) {
                    items += store(id, batch, seen, items);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                items += store(id, batch, seen, items);
            }
            if (items == 0) {
                steps.discard(id);
                return new Receipt(null, 0, 0, rejected, errors, rejected > errors.size());
            }
            steps.close(id, items);
            return new Receipt(id, items, offered - items, rejected, errors, rejected > errors.size());
        } catch (IOException | RuntimeException e) {
            // A body cut off half-way leaves nothing behind for a job to pick up.
            steps.discard(id);
            throw e;
        }
    }

    /**
     * One batch in one transaction. Selectors of this batch that an earlier one may have brought
     * are looked up (usually none: see {@link SeenSelectors}); the unique digest backs this up.
     */
    private int store(long submissionId, List<Selector> batch, SeenSelectors seen, long storedBefore) {
        Map<String, Selector> byDigest = new LinkedHashMap<>();
        batch.forEach(s -> byDigest.putIfAbsent(s.digest(), s));
        List<String> maybeHeld = byDigest.keySet().stream().filter(seen::mightHold).toList();
        List<String> stored = steps.insert(submissionId, byDigest, maybeHeld, storedBefore);
        stored.forEach(seen::add);
        return stored.size();
    }
}
