package io.mediapurge.audit;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

/**
 * The audit log every door writes to: one call per attempt, allowed or refused, in a transaction
 * of its own so that a refusal (whose own transaction rolls back) is still kept.
 */
@ApplicationScoped
public class AuditLog {

    /** Counting past this many matches is not worth a scan: the page says "more than". */
    public static final int COUNT_CAP = 10_000;

    /** Who asked, through which door and from which address. */
    public record Caller(String actor, Door door, String address) {
    }

    public record Page(long total, boolean totalCapped, List<AuditEvent> events) {
    }

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void allowed(Caller caller, String action, String target, String detail) {
        em.persist(new AuditEvent(caller.actor(), caller.door(), caller.address(), action, target, detail, true));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void refused(Caller caller, String action, String target, String detail) {
        em.persist(new AuditEvent(caller.actor(), caller.door(), caller.address(), action, target, detail, false));
    }

    /**
     * A page of events, newest first, whose actor, action, target or detail contains {@code text}
     * (any case; null or blank: all), optionally only refused ones.
     */
    @Transactional
    public Page search(String text, boolean refusedOnly, int first, int max) {
        String where = " WHERE 1 = 1";
        String like = null;
        if (text != null && !text.isBlank()) {
            like = "%" + text.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where += " AND (LOWER(e.actor) LIKE :t ESCAPE '\\' OR LOWER(e.action) LIKE :t ESCAPE '\\'"
                    + " OR LOWER(e.target) LIKE :t ESCAPE '\\' OR LOWER(e.detail) LIKE :t ESCAPE '\\')";
        }
        if (refusedOnly) {
            where += " AND e.allowed = FALSE";
        }
        TypedQuery<AuditEvent> select = em.createQuery("SELECT e FROM AuditEvent e" + where + " ORDER BY e.at DESC, e.id DESC",
                AuditEvent.class);
        TypedQuery<Long> ids = em.createQuery("SELECT e.id FROM AuditEvent e" + where, Long.class);
        if (like != null) {
            select.setParameter("t", like);
            ids.setParameter("t", like);
        }
        long total = ids.setMaxResults(COUNT_CAP + 1).getResultList().size();
        return new Page(Math.min(total, COUNT_CAP), total > COUNT_CAP,
                select.setFirstResult(first).setMaxResults(max).getResultList());
    }
}
