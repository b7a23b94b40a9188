package io.mediapurge.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.mediapurge.purge.SubmissionIntake;
import io.mediapurge.purge.SubmissionStatus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * What a fire leaves in the database besides its claim: the link between the fire and its
 * submission, the leftovers of a dead server's attempt, and how the fire ended (FIRED with its
 * run, SKIPPED or FAILED with the reason). Each step commits in its own transaction.
 */
@ApplicationScoped
public class FireRecords {

    private static final List<SubmissionStatus> GOING = List.of(SubmissionStatus.RECEIVING, SubmissionStatus.PENDING,
            SubmissionStatus.RUNNING);
    /** The fire's reason column holds this many characters. */
    private static final int MAX_REASON = 500;

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Inject
    SubmissionIntake intake;

    /** Why the rule must not fire now (its last submission is still going), or empty. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<String> previousGoing(long ruleId, long fireId) {
        for (Object row : em.createNativeQuery("SELECT id, status FROM purge_submission WHERE rule_id = ? AND"
                + " (rule_fire_id IS NULL OR rule_fire_id <> ?) ORDER BY id DESC").setParameter(1, ruleId).setParameter(2, fireId)
                .setMaxResults(1).getResultList()) {
            Object[] r = (Object[]) row;
            SubmissionStatus status = SubmissionStatus.valueOf((String) r[1]);
            if (GOING.contains(status)) {
                return Optional.of("the rule's previous submission " + ((Number) r[0]).longValue() + " is still " + status);
            }
        }
        return Optional.empty();
    }

    /** A half-made submission a dead server left for this fire goes; the fire makes it afresh. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void discardLeftovers(long fireId) {
        for (Object id : em.createNativeQuery("SELECT id FROM purge_submission WHERE rule_fire_id = ?").setParameter(1, fireId)
                .getResultList()) {
            intake.discard(((Number) id).longValue());
        }
    }

    /** A submission made for a fire this server no longer holds goes, as if it had never been made. */
    public void discard(long submissionId) {
        intake.discard(submissionId);
    }

    /** Runs inside the transaction that opens the submission (see {@link SubmissionIntake#receive}). */
    @Transactional
    public void link(long submissionId, long ruleId, long fireId) {
        em.createNativeQuery("UPDATE purge_submission SET rule_id = ?, rule_fire_id = ? WHERE id = ?")
                .setParameter(1, ruleId).setParameter(2, fireId).setParameter(3, submissionId).executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long startingSubmission(long fireId) {
        return em.find(RuleFire.class, fireId).getSubmissionId();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public RuleFiring.Fired fired(long fireId, long execution) {
        em.createQuery("UPDATE RuleFire f SET f.state = :fired, f.jobExecutionId = :execution, f.endedAt = :now WHERE f.id = :id")
                .setParameter("fired", RuleFire.State.FIRED).setParameter("execution", execution)
                .setParameter("now", FireClaims.at(Instant.now())).setParameter("id", fireId).executeUpdate();
        RuleFire fire = em.find(RuleFire.class, fireId);
        em.refresh(fire);
        return new RuleFiring.Fired(fireId, fire.getRuleId(), RuleFire.State.FIRED, fire.getSubmissionId(), execution,
                fire.getMatched() == null ? 0 : fire.getMatched(), Boolean.TRUE.equals(fire.getCapped()), null);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public RuleFiring.Fired end(long fireId, RuleFire.State state, String reason) {
        return end(fireId, state, reason, null, null);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public RuleFiring.Fired end(long fireId, RuleFire.State state, String reason, Long matched, Boolean capped) {
        String text = reason == null ? null : reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        em.createQuery("UPDATE RuleFire f SET f.state = :state, f.reason = :reason, f.endedAt = :now, f.matched = :matched,"
                        + " f.capped = :capped WHERE f.id = :id")
                .setParameter("state", state).setParameter("reason", text).setParameter("now", FireClaims.at(Instant.now()))
                .setParameter("matched", matched).setParameter("capped", capped).setParameter("id", fireId).executeUpdate();
        RuleFire fire = em.find(RuleFire.class, fireId);
        return new RuleFiring.Fired(fireId, fire.getRuleId(), state, null, null, matched == null ? 0 : matched,
                Boolean.TRUE.equals(capped), text);
    }
}
