package io.mediapurge.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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

    /** A page of events matching {@code q}, newest first, with their number counted up to {@link #COUNT_CAP}. */
    @Transactional
    public Page search(AuditQuery q, int first, int max) {
        Map<String, Object> parameters = new HashMap<>();
        String where = where(q, parameters);
        TypedQuery<AuditEvent> select = em.createQuery("SELECT e FROM AuditEvent e" + where + " ORDER BY e.at DESC, e.id DESC",
                AuditEvent.class);
        TypedQuery<Long> ids = em.createQuery("SELECT e.id FROM AuditEvent e" + where, Long.class);
        parameters.forEach((k, v) -> {
            select.setParameter(k, v);
            ids.setParameter(k, v);
        });
        long total = ids.setMaxResults(COUNT_CAP + 1).getResultList().size();
        return new Page(Math.min(total, COUNT_CAP), total > COUNT_CAP,
                select.setFirstResult(first).setMaxResults(max).getResultList());
    }

    /** Every event matching {@code q}, newest first, handed over {@code batch} rows at a time (an export of any size). */
    public void forEach(AuditQuery q, int batch, Consumer<List<AuditEvent>> rows) {
        Long below = null;
        while (true) {
            List<AuditEvent> page = self().before(q, below, batch);
            if (page.isEmpty()) {
                return;
            }
            rows.accept(page);
            if (page.size() < batch) {
                return;
            }
            below = page.get(page.size() - 1).getId();
        }
    }

    /** Up to {@code max} matches with an ID below {@code beforeId} (null: from the newest), newest ID first. */
    @Transactional
    public List<AuditEvent> before(AuditQuery q, Long beforeId, int max) {
        Map<String, Object> parameters = new HashMap<>();
        String where = where(q, parameters);
        if (beforeId != null) {
            where += " AND e.id < :below";
            parameters.put("below", beforeId);
        }
        TypedQuery<AuditEvent> select = em.createQuery("SELECT e FROM AuditEvent e" + where + " ORDER BY e.id DESC", AuditEvent.class);
        parameters.forEach(select::setParameter);
        return select.setMaxResults(max).getResultList();
    }

    private AuditLog self() {
        return jakarta.enterprise.inject.spi.CDI.current().select(AuditLog.class).get();
    }

    private static String where(AuditQuery q, Map<String, Object> parameters) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (q.text() != null && !q.text().isBlank()) {
            parameters.put("t", contains(q.text()));
            where.append(" AND (LOWER(e.actor) LIKE :t ESCAPE '\\' OR LOWER(e.action) LIKE :t ESCAPE '\\'"
                    + " OR LOWER(e.target) LIKE :t ESCAPE '\\' OR LOWER(e.detail) LIKE :t ESCAPE '\\')");
        }
        if (q.who() != null && !q.who().isBlank()) {
            parameters.put("who", q.who().strip());
            where.append(" AND e.actor = :who");
        }
        if (q.action() != null && !q.action().isBlank()) {
            parameters.put("action", q.action().strip());
            where.append(" AND e.action = :action");
        }
        if (q.target() != null && !q.target().isBlank()) {
            parameters.put("target", contains(q.target()));
            where.append(" AND LOWER(e.target) LIKE :target ESCAPE '\\'");
        }
        if (q.from() != null) {
            parameters.put("from", q.from());
            where.append(" AND e.at >= :from");
        }
        if (q.until() != null) {
            parameters.put("until", q.until());
            where.append(" AND e.at < :until");
        }
        if (q.allowed() != null) {
            where.append(q.allowed() ? " AND e.allowed = TRUE" : " AND e.allowed = FALSE");
        }
        return where.toString();
    }

    private static String contains(String text) {
        return "%" + text.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
