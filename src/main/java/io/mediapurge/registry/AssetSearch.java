package io.mediapurge.registry;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * The registry browser's search: assets matching an {@link AssetQuery}, newest first, a page at a
 * time by keyset (registry row ID), so any page of a million assets is one indexed query and
 * nothing is ever counted.
 */
@ApplicationScoped
public class AssetSearch {

    /** One asset as a result row shows it. */
    public record Row(long id, String mediaId, String ownerUid, String mediaType, String title, String inputUrl,
            MediaStatus status, OffsetDateTime registeredAt) {
    }

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    /** Up to {@code max} matches with a registry row ID below {@code beforeId} (null: from the newest), newest first. */
    @Transactional
    public List<Row> page(AssetQuery q, Long beforeId, int max) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder where = where(q, parameters);
        if (beforeId != null) {
            where.append(" AND a.id < ?");
            parameters.add(beforeId);
        }
        Query query = em.createNativeQuery("SELECT a.id, a.media_id, a.owner_uid, a.media_type, a.title, a.input_url, a.status,"
                + " a.created_at FROM media_asset a WHERE " + where + " ORDER BY a.id DESC");
        bind(query, parameters);
        List<Row> rows = new ArrayList<>();
        for (Object row : query.setMaxResults(max).getResultList()) {
            Object[] r = (Object[]) row;
            rows.add(new Row(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    (String) r[5], MediaStatus.valueOf((String) r[6]), time(r[7])));
        }
        return rows;
    }

    private static StringBuilder where(AssetQuery q, List<Object> parameters) {
        StringBuilder where = new StringBuilder("1 = 1");
        if (q.mediaIdPrefix() != null) {
            if (MediaRegistry.isMediaId(q.mediaIdPrefix())) {
                where.append(" AND a.media_id = ?");
                parameters.add(q.mediaIdPrefix());
            } else {
                where.append(" AND a.media_id LIKE ? ESCAPE '!'");
                parameters.add(literal(q.mediaIdPrefix()) + "%");
            }
        }
        if (q.bucket() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM media_file f WHERE f.asset_id = a.id AND f.bucket = ?");
            parameters.add(q.bucket());
            if (q.keyPrefix() != null && !q.keyPrefix().isEmpty()) {
                where.append(" AND f.object_key LIKE ? ESCAPE '!'");
                parameters.add(literal(q.keyPrefix()) + "%");
            }
            where.append(')');
        }
        if (q.ownerUid() != null) {
            where.append(" AND a.owner_uid = ?");
            parameters.add(q.ownerUid());
        }
        if (q.mediaType() != null) {
            where.append(" AND a.media_type = ?");
            parameters.add(q.mediaType());
        }
        if (q.status() != null) {
            where.append(" AND a.status = ?");
            parameters.add(q.status().name());
        }
        if (q.registeredAfter() != null) {
            where.append(" AND a.created_at >= ?");
            parameters.add(q.registeredAfter());
        }
        if (q.registeredBefore() != null) {
            where.append(" AND a.created_at < ?");
            parameters.add(q.registeredBefore());
        }
        return where;
    }

    /** A LIKE pattern that matches {@code text} literally. */
    private static String literal(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static void bind(Query query, List<Object> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
    }

    private static OffsetDateTime time(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t;
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.time.Instant t) {
            return t.atOffset(java.time.ZoneOffset.UTC);
        }
        return value == null ? null : OffsetDateTime.parse(value.toString());
    }
}
