package io.mediapurge.purge;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** An asset's deletion history: every request that named it (by ID or by a file's URL), newest first. */
@ApplicationScoped
public class DeletionHistory {

    /** One request that resolved to the asset, with its submission. */
    public record Entry(long requestId, long submissionId, String selector, Outcome outcome, String reason, boolean dryRun,
            String requestedBy, SubmissionSource source, OffsetDateTime requestedAt, OffsetDateTime completedAt) {
    }

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    /** The latest {@code max} requests that named {@code mediaId}. */
    @Transactional
    public List<Entry> of(String mediaId, int max) {
        List<Entry> entries = new ArrayList<>();
        for (Object row : em.createNativeQuery("SELECT d.id, d.submission_id, d.selector, d.outcome, d.reason, s.dry_run,"
                        + " s.requested_by, s.source, d.created_at, d.completed_at FROM deletion_request d"
                        + " JOIN purge_submission s ON s.id = d.submission_id WHERE d.media_id = ? ORDER BY d.id DESC")
                .setParameter(1, mediaId).setMaxResults(max).getResultList()) {
            Object[] r = (Object[]) row;
            entries.add(new Entry(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2],
                    Outcome.valueOf((String) r[3]), (String) r[4], (Boolean) r[5], (String) r[6],
                    SubmissionSource.valueOf((String) r[7]), time(r[8]), time(r[9])));
        }
        return entries;
    }

    private static OffsetDateTime time(Object value) {
        if (value == null || value instanceof OffsetDateTime) {
            return (OffsetDateTime) value;
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(value.toString());
    }
}
