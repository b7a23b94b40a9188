package io.mediapurge.purge;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.mediapurge.access.RamUser;
import io.mediapurge.jobrepository.ExecutionTables;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

/**
 * Purge submissions once received ({@link SubmissionIntake} receives them): read back as counts
 * per outcome and pages of items, their status as purge-media drives it, and the runs started for
 * them. A submission is seen only by callers of its requester's account: to everyone else it does
 * not exist.
 */
@ApplicationScoped
public class Submissions {

    public static final int MAX_PAGE_SIZE = 1000;

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
    ExecutionRecords records;

    @Inject
    ExecutionTables tables;

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
     * Remembers that a purge-media run was started (or restarted) for the submission, in a
     * transaction of its own. Whoever starts a run calls it, and the job does too: on PostgreSQL the
     * second of two racing recorders finds the row there and does nothing; H2's MERGE can instead
     * fail on the key the first one just committed, and the row being there is then all that was asked.
     */
    public void recordExecution(long submissionId, long jobExecutionId) {
        try {
            records.insert(submissionId, jobExecutionId);
        } catch (RuntimeException raced) {
            if (!records.exists(submissionId, jobExecutionId)) {
                throw raced;
            }
        }
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

    /** Whether the submission is a dry run: its own flag, the one source of truth for every run over it. */
    @Transactional
    public boolean isDryRun(long submissionId) {
        PurgeSubmission s = em.find(PurgeSubmission.class, submissionId);
        return s != null && s.isDryRun();
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
        Map<Long, long[]> figures = tables.figuresBySubmission(page.stream().map(PurgeSubmission::getId).toList());
        Map<Long, List<Long>> runs = new java.util.HashMap<>();
        if (!page.isEmpty()) {
            // IDs of this page only, written as numbers: nothing a caller typed reaches the statement.
            String ids = String.join(",", page.stream().map(p -> String.valueOf(p.getId().longValue())).toList());
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
