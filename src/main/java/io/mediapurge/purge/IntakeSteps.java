package io.mediapurge.purge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import io.mediapurge.access.Principals;
import io.mediapurge.access.RamUser;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The transactions {@link SubmissionIntake} is made of: the submission opened, each batch of
 * selectors written, the submission closed or discarded, each in a transaction of its own so a
 * huge intake keeps memory and locks small. A bean of its own so each call crosses the CDI proxy
 * (and gets its transaction); only the intake calls it.
 */
@ApplicationScoped
class IntakeSteps {

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Inject
    Principals principals;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    long open(SubmissionIntake.Request request, Long retryOf, LongConsumer opened) {
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
     * Writes the selectors the submission does not hold yet, numbered on from {@code storedBefore}
     * (the submission's requests are numbered 1 to n in the order received); answers their digests.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    List<String> insert(long submissionId, Map<String, Selector> byDigest, List<String> maybeHeld, long storedBefore) {
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
    void close(long submissionId, long items) {
        em.find(PurgeSubmission.class, submissionId).received(items);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void discard(long submissionId) {
        em.createQuery("DELETE FROM DeletionRequest d WHERE d.submission.id = :id").setParameter("id", submissionId).executeUpdate();
        em.createNativeQuery("DELETE FROM purge_submission_execution WHERE submission_id = ?")
                .setParameter(1, submissionId).executeUpdate();
        em.createQuery("DELETE FROM PurgeSubmission s WHERE s.id = :id").setParameter("id", submissionId).executeUpdate();
    }

    @Transactional
    boolean hasFailed(long submissionId) {
        return !em.createQuery("SELECT d.id FROM DeletionRequest d WHERE d.submission.id = :id AND d.outcome = :failed", Long.class)
                .setParameter("id", submissionId).setParameter("failed", Outcome.FAILED).setMaxResults(1).getResultList().isEmpty();
    }

    /** Failed items after {@code afterId} in request order: id, selector, selector type. */
    @Transactional
    List<Object[]> failedAfter(long submissionId, long afterId, int max) {
        return em.createQuery("SELECT d.id, d.selector, d.selectorType FROM DeletionRequest d WHERE d.submission.id = :id"
                + " AND d.outcome = :failed AND d.id > :after ORDER BY d.id", Object[].class)
                .setParameter("id", submissionId).setParameter("failed", Outcome.FAILED).setParameter("after", afterId)
                .setMaxResults(max).getResultList();
    }

    /** Every item after {@code afterId} in request order: id, selector, selector type. */
    @Transactional
    List<Object[]> itemsAfter(long submissionId, long afterId, int max) {
        return em.createQuery("SELECT d.id, d.selector, d.selectorType FROM DeletionRequest d WHERE d.submission.id = :id"
                + " AND d.id > :after ORDER BY d.id", Object[].class)
                .setParameter("id", submissionId).setParameter("after", afterId).setMaxResults(max).getResultList();
    }
}
