package io.mediapurge.schedule;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * The live assets a rule selects, read from the registry in pages by ID (keyset, so a million
 * matches take constant memory and every page is one indexed query), and their count and size for
 * a preview. An asset's bucket and key are those of its source file ({@code input_url}).
 */
@ApplicationScoped
public class RuleMatches {

    public static final int PAGE_SIZE = 500;

    /** One matching asset: its registry row and MediaId. */
    public record Match(long id, String mediaId) {
    }

    /** How many assets match now, their total stored size, and the first few MediaIds. */
    public record Preview(long matched, long totalBytes, List<String> mediaIds) {
    }

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    /** Up to {@code max} matches after registry row {@code afterId}, in ID order. */
    @Transactional
    public List<Match> page(RuleSelection selection, OffsetDateTime registeredBefore, long afterId, int max) {
        List<Object> parameters = new ArrayList<>();
        String where = where(selection, registeredBefore, parameters);
        parameters.add(afterId);
        Query query = em.createNativeQuery("SELECT a.id, a.media_id FROM media_asset a WHERE " + where + " AND a.id > ?"
                + " ORDER BY a.id");
        bind(query, parameters);
        List<Match> matches = new ArrayList<>();
        for (Object row : query.setMaxResults(max).getResultList()) {
            Object[] r = (Object[]) row;
            matches.add(new Match(((Number) r[0]).longValue(), (String) r[1]));
        }
        return matches;
    }

    @Transactional
    public Preview preview(RuleSelection selection, OffsetDateTime registeredBefore, int firstIds) {
        List<Object> parameters = new ArrayList<>();
        String where = where(selection, registeredBefore, parameters);
        Query totals = em.createNativeQuery("SELECT COUNT(DISTINCT a.id), COALESCE(SUM(f.size_bytes), 0) FROM media_asset a"
                + " LEFT JOIN media_file f ON f.asset_id = a.id WHERE " + where);
        bind(totals, parameters);
        Object[] row = (Object[]) totals.getSingleResult();
        List<String> ids = page(selection, registeredBefore, 0, firstIds).stream().map(Match::mediaId).toList();
        return new Preview(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ids);
    }

    private static String where(RuleSelection s, OffsetDateTime registeredBefore, List<Object> parameters) {
        StringBuilder where = new StringBuilder("a.owner_uid = ? AND a.status = 'Normal'");
        parameters.add(s.ownerUid());
        if (s.bucket() != null) {
            // The canonical oss://bucket/key form of the source file.
            where.append(" AND a.input_url LIKE ? ESCAPE '!'");
            parameters.add("oss://" + literal(s.bucket()) + "/" + literal(s.keyPrefix() == null ? "" : s.keyPrefix()) + "%");
        }
        if (s.mediaType() != null) {
            where.append(" AND a.media_type = ?");
            parameters.add(s.mediaType());
        }
        if (s.businessType() != null) {
            where.append(" AND a.business_type = ?");
            parameters.add(s.businessType());
        }
        if (registeredBefore != null) {
            where.append(" AND a.created_at < ?");
            parameters.add(registeredBefore);
        }
        return where.toString();
    }

    /** A LIKE pattern that matches {@code text} literally. */
    static String literal(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static void bind(Query query, List<Object> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
    }
}
