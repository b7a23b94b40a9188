package io.mediapurge.purge;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import io.mediapurge.access.PrincipalRef;
import io.mediapurge.access.Principals;
import io.mediapurge.access.RamUser;
import io.mediapurge.database.SqlDialect;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

/**
 * Purge submissions of any size: received from a stream of selectors in batches, each batch in its
 * own transaction so memory stays flat; each selector kept once per submission (the database's
 * unique digest and a fixed-size filter do the remembering); read back as counts per outcome and
 * pages of items; retried by copying their FAILED items into a new submission. A submission is
 * seen only by callers of its requester's account: to everyone else it does not exist.
 */
@ApplicationScoped
public class Submissions {

    public static final int BATCH_SIZE = 500;
    public static final int MAX_REPORTED_ERRORS = 1000;
    public static final int MAX_PAGE_SIZE = 1000;

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

    /** A submission as the API shows it. */
    public record Summary(long id, SubmissionSource source, String requester, String requestedBy, boolean deletePhysicalFiles,
            boolean dryRun, SubmissionStatus status, long itemCount, Long retryOf, OffsetDateTime createdAt,
            OffsetDateTime completedAt, Map<Outcome, Long> counts, List<Long> jobExecutionIds) {
    }

    /** One deletion request as the API shows it. */
    public record Item(long id, String selector, SelectorType selectorType, Outcome outcome, String reason, String mediaId,
            Integer filesDeleted, Long bytesDeleted, Long jobExecutionId, OffsetDateTime completedAt) {
    }

    public record ItemPage(long total, List<Item> items) {
    }

    /** The submission cannot do what was asked in its present state (409 at the doors). */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Inject
    Principals principals;

    @Inject
    Submissions self; // batches commit through the proxy, one transaction each

    @Inject
    SqlDialect dialect;

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
        if (!self.hasFailed(originalId)) {
            throw new Refused("submission " + originalId + " has no FAILED items; nothing to retry");
        }
        Entries failed = pagedAfter((after, max) -> self.failedAfter(originalId, after, max));
        return receive(request, originalId, failed);
    }

    /**
     * A new submission of every selector of the dry run {@code dryRunId}, as written and in its
     * order, with its deletePhysicalFiles, to be run for real; refused when it is not a dry run.
     */
    public Receipt runForReal(long dryRunId, Request request) throws IOException {
        if (!self.isDryRun(dryRunId)) {
            throw new Refused("submission " + dryRunId + " is not a dry run");
        }
        Entries all = pagedAfter((after, max) -> self.itemsAfter(dryRunId, after, max));
        return receive(request, null, all);
    }

    /**
     * Selectors read from another submission's items a page at a time, each page past the last
     * item ID read ({@code pageAfter} answers rows of item ID, selector text, selector type).
     */
    private static Entries pagedAfter(java.util.function.BiFunction<Long, Integer, List<Object[]>> pageAfter) {
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

    @Transactional
    public boolean isDryRun(long submissionId) {
        PurgeSubmission s = em.find(PurgeSubmission.class, submissionId);
        return s != null && s.isDryRun();
    }

    /** Every item after {@code afterId} in request order: id, selector, selector type. */
    @Transactional
    public List<Object[]> itemsAfter(long submissionId, long afterId, int max) {
        return em.createQuery("SELECT d.id, d.selector, d.selectorType FROM DeletionRequest d WHERE d.submission.id = :id"
                + " AND d.id > :after ORDER BY d.id", Object[].class)
                .setParameter("id", submissionId).setParameter("after", afterId).setMaxResults(max).getResultList();
    }

    private Receipt receive(Request request, Long retryOf, Entries entries) throws IOException {
        return receive(request, retryOf, entries, null);
    }

    private Receipt receive(Request request, Long retryOf, Entries entries, LongConsumer opened) throws IOException {
        long id = self.open(request, retryOf, opened);
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
                self.discard(id);
                return new Receipt(null, 0, 0, rejected, errors, rejected > errors.size());
            }
            self.close(id, items);
            return new Receipt(id, items, offered - items, rejected, errors, rejected > errors.size());
        } catch (IOException | RuntimeException e) {
            // A body cut off half-way leaves nothing behind for a job to pick up.
            self.discard(id);
            throw e;
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long open(Request request, Long retryOf) {
        return open(request, retryOf, null);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long open(Request request, Long retryOf, LongConsumer opened) {
        RamUser user = principals.user(request.requester().accountUid(), request.requester().userName());
        PurgeSubmission submission = new PurgeSubmission(request.source(), user, request.requestedBy(),
                request.deletePhysicalFiles(), request.dryRun());
        if (retryOf != null) {
            submission.retryOf(em.getReference(PurgeSubmission.class, retryOf));
        }
        em.persist(submission);
        em.flush();
        if (opened != null) {
            opened.accept(submission.getId());
        }
        return submission.getId();
    }

    /**
     * One batch in one transaction. Selectors of this batch that an earlier one may have brought
     * are looked up (usually none: see {@link SeenSelectors}); the unique digest backs this up.
     */
    private int store(long submissionId, List<Selector> batch, SeenSelectors seen, long storedBefore) {
        Map<String, Selector> byDigest = new LinkedHashMap<>();
        batch.forEach(s -> byDigest.putIfAbsent(s.digest(), s));
        List<String> maybeHeld = byDigest.keySet().stream().filter(seen::mightHold).toList();
        List<String> stored = self.insert(submissionId, byDigest, maybeHeld, storedBefore);
        stored.forEach(seen::add);
        return stored.size();
    }

    /**
     * Writes the selectors the submission does not hold yet, numbered on from {@code storedBefore}
     * (the submission's requests are numbered 1 to n in the order received); answers their digests.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<String> insert(long submissionId, Map<String, Selector> byDigest, List<String> maybeHeld, long storedBefore) {
        Map<String, Selector> fresh = new LinkedHashMap<>(byDigest);
        if (!maybeHeld.isEmpty()) {
            em.createQuery("SELECT d.selectorDigest FROM DeletionRequest d WHERE d.submission.id = :id"
                    + " AND d.selectorDigest IN :digests", String.class)
                    .setParameter("id", submissionId).setParameter("digests", maybeHeld)
                    .getResultList().forEach(fresh::remove);
        }
        PurgeSubmission submission = em.getReference(PurgeSubmission.class, submissionId);
        long number = storedBefore;
        for (Selector s : fresh.values()) {
            em.persist(DeletionRequest.unique(submission, s, ++number));
        }
        em.flush();
        em.clear();
        return List.copyOf(fresh.keySet());
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void close(long submissionId, long items) {
        em.find(PurgeSubmission.class, submissionId).received(items);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void discard(long submissionId) {
        em.createQuery("DELETE FROM DeletionRequest d WHERE d.submission.id = :id").setParameter("id", submissionId).executeUpdate();
        em.createNativeQuery("DELETE FROM purge_submission_execution WHERE submission_id = ?")
                .setParameter(1, submissionId).executeUpdate();
        em.createQuery("DELETE FROM PurgeSubmission s WHERE s.id = :id").setParameter("id", submissionId).executeUpdate();
    }

    @Transactional
    public boolean hasFailed(long submissionId) {
        return !em.createQuery("SELECT d.id FROM DeletionRequest d WHERE d.submission.id = :id AND d.outcome = :failed", Long.class)
                .setParameter("id", submissionId).setParameter("failed", Outcome.FAILED).setMaxResults(1).getResultList().isEmpty();
    }

    /** Failed items after {@code afterId} in request order: id, selector, selector type. */
    @Transactional
    public List<Object[]> failedAfter(long submissionId, long afterId, int max) {
        return em.createQuery("SELECT d.id, d.selector, d.selectorType FROM DeletionRequest d WHERE d.submission.id = :id"
                + " AND d.outcome = :failed AND d.id > :after ORDER BY d.id", Object[].class)
                .setParameter("id", submissionId).setParameter("failed", Outcome.FAILED).setParameter("after", afterId)
                .setMaxResults(max).getResultList();
    }

    /** The account whose callers see this submission (its requester's); empty when there is no such submission. */
    @Transactional
    public Optional<String> accountOf(long submissionId) {
        return em.createQuery("SELECT s.requester.account.uid FROM PurgeSubmission s WHERE s.id = :id", String.class)
                .setParameter("id", submissionId).getResultStream().findFirst();
    }

    /** The submission, when a caller of {@code accountUid} may see it. */
    @Transactional
    public Optional<Summary> find(long submissionId, String accountUid) {
        PurgeSubmission s = em.find(PurgeSubmission.class, submissionId);
        if (s == null || !s.getRequester().getAccount().getUid().equals(accountUid)) {
            return Optional.empty();
        }
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0L);
        }
        for (Object[] row : em.createQuery("SELECT d.outcome, COUNT(d) FROM DeletionRequest d WHERE d.submission.id = :id"
                + " GROUP BY d.outcome", Object[].class).setParameter("id", submissionId).getResultList()) {
            counts.put((Outcome) row[0], ((Number) row[1]).longValue());
        }
        RamUser requester = s.getRequester();
        return Optional.of(new Summary(s.getId(), s.getSource(), requester.getAccount().getUid() + "/" + requester.getName(),
                s.getRequestedBy(), s.isDeletePhysicalFiles(), s.isDryRun(), s.getStatus(), s.getItemCount(),
                s.getRetryOf() == null ? null : s.getRetryOf().getId(), s.getCreatedAt(), s.getCompletedAt(), counts,
                executionIds(submissionId)));
    }

    /** The runs started for a submission, and any run that processed one of its requests, oldest first. */
    @Transactional
    public List<Long> executionIds(long submissionId) {
        TreeSet<Long> ids = new TreeSet<>();
        for (Object id : em.createNativeQuery("SELECT job_execution_id FROM purge_submission_execution WHERE submission_id = ?")
                .setParameter(1, submissionId).getResultList()) {
            ids.add(((Number) id).longValue());
        }
        ids.addAll(em.createQuery("SELECT DISTINCT d.jobExecutionId FROM DeletionRequest d WHERE d.submission.id = :id"
                + " AND d.jobExecutionId IS NOT NULL", Long.class).setParameter("id", submissionId).getResultList());
        return List.copyOf(ids);
    }

    /**
     * Remembers that a purge-media run was started (or restarted) for the submission. Whoever
     * starts a run calls it, and the job does too: the second of two racing recorders finds the
     * row there and does nothing (no error on either side, none in the database's log).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordExecution(long submissionId, long jobExecutionId) {
        em.createNativeQuery(dialect.insertIfAbsent("purge_submission_execution", "submission_id, job_execution_id, started_at",
                        "?1, ?2, CURRENT_TIMESTAMP", "t.submission_id = ?1 AND t.job_execution_id = ?2"))
                .setParameter(1, submissionId).setParameter(2, jobExecutionId).executeUpdate();
    }

    /** The runs recorded for the submissions of one account, newest first. */
    @Transactional
    public List<Long> executionIdsOfAccount(String accountUid, int first, int max) {
        List<Long> ids = new ArrayList<>();
        for (Object id : em.createNativeQuery("SELECT e.job_execution_id FROM purge_submission_execution e"
                + " JOIN purge_submission s ON s.id = e.submission_id JOIN ram_user u ON u.id = s.requester_user_id"
                + " WHERE u.account_uid = ? ORDER BY e.job_execution_id DESC").setParameter(1, accountUid)
                .setFirstResult(first).setMaxResults(max).getResultList()) {
            ids.add(((Number) id).longValue());
        }
        return ids;
    }

    /**
     * A submission may be started once, while it is PENDING and no run was started for it; after
     * that its runs are steered (restart, stop, abandon) as job executions.
     */
    @Transactional
    public void checkStartable(long submissionId) {
        PurgeSubmission s = em.find(PurgeSubmission.class, submissionId);
        if (s.getStatus() != SubmissionStatus.PENDING || !executionIds(submissionId).isEmpty()) {
            throw new Refused("submission " + submissionId + " is " + s.getStatus() + " and was started already;"
                    + " restart its job execution instead");
        }
    }

    /** Requests of the submission still waiting for a run. */
    @Transactional
    public long pendingCount(long submissionId) {
        return em.createQuery("SELECT COUNT(d) FROM DeletionRequest d WHERE d.submission.id = :id AND d.outcome = :pending",
                Long.class).setParameter("id", submissionId).setParameter("pending", Outcome.PENDING).getSingleResult();
    }

    /** The submission's life as purge-media drives it (RUNNING, then COMPLETED, FAILED or STOPPED). */
    @Transactional
    public void moveTo(long submissionId, SubmissionStatus status) {
        em.find(PurgeSubmission.class, submissionId).moveTo(status);
    }

    /**
     * A submission as a list shows it: what its runs decided, from their figures (one row per
     * run, not per item, so a page of million-item submissions costs no scan of their items);
     * {@code undecided} is what no run has read yet.
     */
    public record Listed(long id, SubmissionSource source, String requestedBy, boolean dryRun, boolean deletePhysicalFiles,
            SubmissionStatus status, long itemCount, OffsetDateTime createdAt, long deleted, long ignored, long forbidden,
            long failed, long undecided, List<Long> jobExecutionIds) {
    }

    /** Counting past this many submissions is not worth a scan: a list says "more than". */
    public static final int LIST_COUNT_CAP = 10_000;

    public record ListPage(long total, boolean totalCapped, List<Listed> submissions) {
    }

    /** A page of every account's submissions, newest first. */
    @Transactional
    public ListPage list(int first, int max) {
        List<PurgeSubmission> page = em.createQuery("SELECT s FROM PurgeSubmission s ORDER BY s.id DESC", PurgeSubmission.class)
                .setFirstResult(first).setMaxResults(max).getResultList();
        long total = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM (SELECT id FROM purge_submission FETCH FIRST "
                + (LIST_COUNT_CAP + 1) + " ROWS ONLY) c").getSingleResult()).longValue();
        Map<Long, long[]> figures = new java.util.HashMap<>();
        Map<Long, List<Long>> runs = new java.util.HashMap<>();
        if (!page.isEmpty()) {
            // IDs of this page only, written as numbers: nothing a caller typed reaches the statement.
            String ids = String.join(",", page.stream().map(p -> String.valueOf(p.getId().longValue())).toList());
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
            for (Object row : em.createNativeQuery("SELECT submission_id, job_execution_id FROM purge_submission_execution"
                    + " WHERE submission_id IN (" + ids + ") ORDER BY job_execution_id").getResultList()) {
                Object[] r = (Object[]) row;
                runs.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>()).add(((Number) r[1]).longValue());
            }
        }
        List<Listed> listed = page.stream().map(p -> {
            long[] f = figures.getOrDefault(p.getId(), new long[5]);
            return new Listed(p.getId(), p.getSource(), p.getRequestedBy(), p.isDryRun(), p.isDeletePhysicalFiles(), p.getStatus(),
                    p.getItemCount(), p.getCreatedAt(), f[0], f[1], f[2], f[3], Math.max(0, p.getItemCount() - f[4]),
                    List.copyOf(runs.getOrDefault(p.getId(), List.of())));
        }).toList();
        return new ListPage(Math.min(total, LIST_COUNT_CAP), total > LIST_COUNT_CAP, listed);
    }

    /**
     * The submission's requests numbered {@code first + 1} to {@code first + size} in the order
     * received: one range of the (submission, item number) index, as cheap at the millionth
     * request as at the first. Requests stored without numbers (before numbering, or by
     * DeleteMediaInfos) are not found here; {@link #items} pages through them.
     */
    @Transactional
    public List<Item> itemsInOrderReceived(long submissionId, long first, int size) {
        return em.createQuery("SELECT d FROM DeletionRequest d WHERE d.submission.id = :id AND d.itemNo > :first"
                        + " AND d.itemNo <= :last ORDER BY d.itemNo", DeletionRequest.class)
                .setParameter("id", submissionId).setParameter("first", first).setParameter("last", first + size)
                .getResultList().stream()
                .map(d -> new Item(d.getId(), d.getSelector(), d.getSelectorType(), d.getOutcome(), d.getReason(), d.getMediaId(),
                        d.getFilesDeleted(), d.getBytesDeleted(), d.getJobExecutionId(), d.getCompletedAt()))
                .toList();
    }

    /** A FAILED request and the submission it belongs to. */
    public record FailedItem(long submissionId, Item item) {
    }

    /**
     * The latest FAILED requests of every submission, newest first: a walk down the end of the
     * (outcome, id) index, however many requests there are.
     */
    @Transactional
    public List<FailedItem> latestFailed(int max) {
        return em.createQuery("SELECT d FROM DeletionRequest d WHERE d.outcome = :failed ORDER BY d.id DESC", DeletionRequest.class)
                .setParameter("failed", Outcome.FAILED).setMaxResults(max).getResultList().stream()
                .map(d -> new FailedItem(d.getSubmissionId(), new Item(d.getId(), d.getSelector(), d.getSelectorType(),
                        d.getOutcome(), d.getReason(), d.getMediaId(), d.getFilesDeleted(), d.getBytesDeleted(),
                        d.getJobExecutionId(), d.getCompletedAt())))
                .toList();
    }

    /**
     * A page (from 1) of a submission's items, optionally of one outcome and reason, by outcome
     * name and then in request order: the order of the (submission, outcome, id) index.
     */
    @Transactional
    public ItemPage items(long submissionId, Outcome outcome, String reason, int page, int size) {
        String where = " WHERE d.submission.id = :id" + (outcome == null ? "" : " AND d.outcome = :outcome")
                + (reason == null ? "" : " AND d.reason = :reason");
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(d) FROM DeletionRequest d" + where, Long.class);
        TypedQuery<DeletionRequest> select = em.createQuery("SELECT d FROM DeletionRequest d" + where + " ORDER BY d.outcome, d.id",
                DeletionRequest.class);
        for (TypedQuery<?> q : List.of(count, select)) {
            q.setParameter("id", submissionId);
            if (outcome != null) {
                q.setParameter("outcome", outcome);
            }
            if (reason != null) {
                q.setParameter("reason", reason);
            }
        }
        List<Item> items = select.setFirstResult((int) Math.min(Integer.MAX_VALUE, (long) (page - 1) * size))
                .setMaxResults(size).getResultList().stream()
                .map(d -> new Item(d.getId(), d.getSelector(), d.getSelectorType(), d.getOutcome(), d.getReason(), d.getMediaId(),
                        d.getFilesDeleted(), d.getBytesDeleted(), d.getJobExecutionId(), d.getCompletedAt()))
                .toList();
        return new ItemPage(count.getSingleResult(), items);
    }
}
