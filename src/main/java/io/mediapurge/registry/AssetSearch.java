package io.mediapurge.registry;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.mediapurge.database.Database;
import io.mediapurge.database.SqlDialect;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * The registry browser's search: assets matching an {@link AssetQuery}, newest registered first,
 * a page at a time by keyset (registration time, then registry row ID), so any page of a million
 * assets is one range of an index (V11) and nothing is ever counted.
 * <p>
 * A file criterion is the one a plan cannot get right from statistics alone: a key prefix often
 * names files of one period ("videos/2024/..."), so walking the newest assets and probing their
 * files may pass most of the registry before the first match. So the files are counted first, up
 * to {@link #FILES_FIRST_CAP}: a prefix matching fewer files is answered from those files, sorted;
 * a broader one walks the assets, newest first, probing each one's files.
 */
@ApplicationScoped
public class AssetSearch {

    /** Up to this many matching files, a file search starts from the files (their sort stays well under 100 ms). */
    public static final int FILES_FIRST_CAP = 20_000;

    /** One asset as a result row shows it. */
    public record Row(long id, String mediaId, String ownerUid, String mediaType, String title, String inputUrl,
            MediaStatus status, OffsetDateTime registeredAt) {

        /** Where the page after this row starts. */
        public Cursor cursor() {
            return new Cursor(registeredAt, id);
        }
    }

    /** A keyset position: the rows after it are those registered before it, or at the same time with a lower row ID. */
    public record Cursor(OffsetDateTime registeredAt, long id) implements Serializable {
    }

    /** How a page is read. */
    public enum Plan {
        /** Assets in the order shown, each file criterion probed per asset. */
        WALK,
        /** The matching files' assets gathered first, then sorted (PostgreSQL: by primary key lookups). */
        FILES_FIRST_POSTGRESQL,
        /** The same for H2, which plans {@code IN (subquery)} as lookups itself. */
        FILES_FIRST_PORTABLE
    }

    /** A statement with its positional parameters, for a native query or plain JDBC. */
    public record Statement(String sql, List<Object> parameters) {
    }

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Inject
    SqlDialect dialect;

    /** Up to {@code max} matches after {@code after} (null: from the newest), newest first. */
    @Transactional
    public List<Row> page(AssetQuery q, Cursor after, int max) {
        Plan plan = Plan.WALK;
        if (q.bucket() != null) {
            Statement count = fileCount(q);
            long files = ((Number) bind(em.createNativeQuery(count.sql()), count.parameters()).getSingleResult()).longValue();
            plan = plan(files, dialect.postgreSql());
        }
        Statement page = statement(q, after, max, plan);
        List<Row> rows = new ArrayList<>();
        for (Object row : bind(em.createNativeQuery(page.sql()), page.parameters()).getResultList()) {
            Object[] r = (Object[]) row;
            rows.add(new Row(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    (String) r[5], MediaStatus.valueOf((String) r[6]), Database.instant(r[7]).atOffset(java.time.ZoneOffset.UTC)));
        }
        return rows;
    }

    /** How many files the query's file criterion matches, counted up to one more than {@link #FILES_FIRST_CAP}. */
    public static Statement fileCount(AssetQuery q) {
        List<Object> parameters = new ArrayList<>();
        return new Statement("SELECT COUNT(*) FROM (SELECT 1 FROM media_file f WHERE " + fileCondition(q, parameters)
                + " FETCH FIRST " + (FILES_FIRST_CAP + 1) + " ROWS ONLY) m", parameters);
    }

    /** The plan for a file search whose criterion matches {@code files} files (as {@link #fileCount} counts them). */
    public static Plan plan(long files, boolean postgreSql) {
        if (files > FILES_FIRST_CAP) {
            return Plan.WALK;
        }
        return postgreSql ? Plan.FILES_FIRST_POSTGRESQL : Plan.FILES_FIRST_PORTABLE;
    }

    /** The page's query: the columns of {@link Row}, in the order shown. */
    public static Statement statement(AssetQuery q, Cursor after, int max, Plan plan) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder where = new StringBuilder("1 = 1");
        if (q.mediaIdPrefix() != null) {
            if (MediaRegistry.isMediaId(q.mediaIdPrefix())) {
                where.append(" AND a.media_id = ?");
                parameters.add(q.mediaIdPrefix());
            } else {
                where.append(" AND a.media_id LIKE ? ESCAPE '!'"); // served by media_asset_media_id_uq (text_pattern_ops)
                parameters.add(literal(q.mediaIdPrefix()) + "%");
            }
        }
        if (q.bucket() != null) {
            where.append(switch (plan) {
                // an array of IDs makes PostgreSQL look each asset up; IN (subquery) would hash the whole table
                case FILES_FIRST_POSTGRESQL -> " AND a.id = ANY(ARRAY(SELECT f.asset_id FROM media_file f WHERE ";
                case FILES_FIRST_PORTABLE -> " AND a.id IN (SELECT f.asset_id FROM media_file f WHERE ";
                case WALK -> " AND EXISTS (SELECT 1 FROM media_file f WHERE f.asset_id = a.id AND ";
            }).append(fileCondition(q, parameters)).append(plan == Plan.FILES_FIRST_POSTGRESQL ? "))" : ")");
        }
        equal(where, parameters, "a.owner_uid", q.ownerUid());
        equal(where, parameters, "a.media_type", q.mediaType());
        equal(where, parameters, "a.status", q.status() == null ? null : q.status().name());
        if (q.registeredAfter() != null) {
            where.append(" AND a.created_at >= ?");
            parameters.add(q.registeredAfter());
        }
        if (q.registeredBefore() != null) {
            where.append(" AND a.created_at < ?");
            parameters.add(q.registeredBefore());
        }
        if (after != null) {
            // (created_at, id) < (t, id) spelled so both databases take "created_at <= t" as the index range
            where.append(" AND a.created_at <= ? AND (a.created_at < ? OR a.id < ?)");
            parameters.add(after.registeredAt());
            parameters.add(after.registeredAt());
            parameters.add(after.id());
        }
        return new Statement("SELECT a.id, a.media_id, a.owner_uid, a.media_type, a.title, a.input_url, a.status, a.created_at"
                + " FROM media_asset a WHERE " + where + " ORDER BY a.created_at DESC, a.id DESC FETCH FIRST " + max
                + " ROWS ONLY", parameters);
    }

    private static String fileCondition(AssetQuery q, List<Object> parameters) {
        parameters.add(q.bucket());
        if (q.keyPrefix() == null || q.keyPrefix().isEmpty()) {
            return "f.bucket = ?";
        }
        parameters.add(literal(q.keyPrefix()) + "%");
        return "f.bucket = ? AND f.object_key LIKE ? ESCAPE '!'"; // served by media_file_object_prefix_ix
    }

    private static void equal(StringBuilder where, List<Object> parameters, String column, String value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = ?");
            parameters.add(value);
        }
    }

    /** A LIKE pattern that matches {@code text} literally. */
    private static String literal(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static Query bind(Query query, List<Object> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        return query;
    }
}
