package io.mediapurge.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.mediapurge.database.Database;
import io.mediapurge.storage.OssObject;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

/**
 * Lookups of registered assets, in bulk: a whole chunk of selectors is resolved by one query per
 * selector kind, never one query per item. Assets come with their files loaded.
 */
@ApplicationScoped
public class MediaRegistry {

    /** IMS media IDs are 32 lowercase hex digits. */
    public static final Pattern MEDIA_ID = Pattern.compile("[0-9a-f]{32}");

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    public static boolean isMediaId(String candidate) {
        return candidate != null && MEDIA_ID.matcher(candidate).matches();
    }

    public Optional<MediaAsset> byMediaId(String mediaId) {
        return Optional.ofNullable(byMediaIds(List.of(mediaId)).get(mediaId));
    }

    /**
     * Locks the assets' rows until the caller's transaction ends, and reads again those another
     * transaction changed since they were read (their version moved), so an asset deleted
     * meanwhile reads Deleted here. One query, which reads only IDs and versions: refreshing every
     * asset would drop the files read with it, and reading them again cost one round trip per
     * asset. Rows are locked in ID order, so two transactions deleting overlapping assets wait for
     * each other and never deadlock.
     */
    public void lockForDeletion(Collection<MediaAsset> assets) {
        List<Long> ids = assets.stream().map(MediaAsset::getId).distinct().sorted().toList();
        if (ids.isEmpty()) {
            return;
        }
        Map<Long, Long> versions = new HashMap<>();
        // Over JDBC on the transaction's connection: EclipseLink printed this query's SQL anew for every
        // list of IDs, a tenth of a batch chunk's CPU. Nothing EclipseLink holds unwritten bears on it.
        String sql = "SELECT id, version FROM media_asset WHERE id IN ("
                + String.join(", ", Collections.nCopies(ids.size(), "?")) + ") ORDER BY id FOR UPDATE";
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < ids.size(); i++) {
                st.setLong(i + 1, ids.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    versions.put(rs.getLong(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the assets could not be locked for deletion: " + e.getMessage(), e);
        }
        Set<MediaAsset> refreshed = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (MediaAsset asset : assets) {
            Long version = versions.get(asset.getId());
            if (version != null && version != asset.getVersion() && refreshed.add(asset)) {
                em.refresh(asset);
            }
        }
    }

    /** The assets (live or tombstoned) with these IDs; malformed IDs simply find nothing. */
    public Map<String, MediaAsset> byMediaIds(Collection<String> mediaIds) {
        List<String> wellFormed = mediaIds.stream().filter(MediaRegistry::isMediaId).distinct().toList();
        Map<String, MediaAsset> found = new HashMap<>();
        if (wellFormed.isEmpty()) {
            return found;
        }
        em.createQuery("SELECT DISTINCT a FROM MediaAsset a LEFT JOIN FETCH a.files WHERE a.mediaId IN :ids",
                        MediaAsset.class)
                .setParameter("ids", wellFormed)
                .getResultList()
                .forEach(a -> found.put(a.getMediaId(), a));
        return found;
    }

    /**
     * The asset of this owner each file belongs to. Other accounts may register the same object;
     * their assets never stand in for the owner's.
     */
    public Map<OssObject, MediaAsset> byFilesOf(String ownerUid, Collection<OssObject> files) {
        return byFiles(files, ownerUid, null);
    }

    /**
     * The asset each file belongs to, whoever owns it (deletion answers another account's asset as
     * forbidden, not unknown). Registered by several accounts, a file resolves to an asset of
     * {@code preferredOwner} when it has one (live before tombstoned), else to a live asset of any.
     */
    public Map<OssObject, MediaAsset> byFiles(Collection<OssObject> files, String preferredOwner) {
        return byFiles(files, null, preferredOwner);
    }

    /**
     * One query for a chunk of files, fetching every file of the assets found (deletion needs them
     * all; loading them asset by asset would cost a round trip each). A tombstone never shadows
     * what is registered there now, and another account's asset never shadows the preferred owner's.
     */
    private Map<OssObject, MediaAsset> byFiles(Collection<OssObject> files, String ownerUid, String preferredOwner) {
        List<OssObject> distinct = files.stream().distinct().toList();
        Map<OssObject, MediaAsset> found = new HashMap<>();
        if (distinct.isEmpty()) {
            return found;
        }
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < distinct.size(); i++) {
            where.append(i == 0 ? "" : " OR ").append("(f.bucket = :b").append(i).append(" AND f.objectKey = :k")
                    .append(i).append(')');
        }
        TypedQuery<MediaAsset> query = em.createQuery("SELECT DISTINCT a FROM MediaAsset a LEFT JOIN FETCH a.files"
                + " WHERE a.id IN (SELECT f.asset.id FROM MediaFile f WHERE " + where + ")"
                + (ownerUid == null ? "" : " AND a.ownerUid = :owner"), MediaAsset.class);
        if (ownerUid != null) {
            query.setParameter("owner", ownerUid);
        }
        for (int i = 0; i < distinct.size(); i++) {
            query.setParameter("b" + i, distinct.get(i).bucket()).setParameter("k" + i, distinct.get(i).key());
        }
        Set<OssObject> wanted = new HashSet<>(distinct);
        record Match(OssObject object, MediaFile file, MediaAsset asset) {
        }
        List<Match> matches = new ArrayList<>();
        for (MediaAsset asset : query.getResultList()) {
            for (MediaFile f : asset.getFiles()) {
                OssObject object = new OssObject(f.getBucket(), f.getObjectKey());
                if (wanted.contains(object)) {
                    matches.add(new Match(object, f, asset));
                }
            }
        }
        matches.sort(Comparator.comparing((Match m) -> m.asset().getOwnerUid().equals(preferredOwner))
                .thenComparing(m -> m.asset().getStatus() == MediaStatus.Normal)
                .thenComparing(m -> m.file().getId()));
        for (Match m : matches) {
            found.put(m.object(), m.asset()); // the preferred owner's, then the live one, is put last
        }
        return found;
    }

    /** An owner's earlier registration under the same ClientToken, for idempotent retries. */
    public Optional<MediaAsset> byClientToken(String ownerUid, String clientToken) {
        return em.createQuery("SELECT a FROM MediaAsset a WHERE a.ownerUid = :owner AND a.clientToken = :token",
                        MediaAsset.class)
                .setParameter("owner", ownerUid).setParameter("token", clientToken)
                .getResultStream().findFirst();
    }

    public void add(MediaAsset asset) {
        em.persist(asset);
    }
}
