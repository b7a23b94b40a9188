package io.mediapurge.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
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
import java.util.StringJoiner;

import io.mediapurge.database.SqlDialect;
import io.mediapurge.database.TransactionConnection;
import io.mediapurge.storage.OssObject;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Lookups of registered assets, in bulk: a whole chunk of selectors is resolved by one query per
 * selector kind, never one query per item. Assets come with their files loaded.
 */
@ApplicationScoped
public class MediaRegistry {

    /** Tombstones for the assets with the IDs in parameter 3, deleted at parameters 1 and 2. */
    public static final String TOMBSTONES = "UPDATE media_asset SET status = '" + MediaStatus.Deleted.name()
            + "', deleted_at = ?, modified_at = ?, version = version + 1 WHERE id = ANY (?)";

    /** IMS media IDs are 32 lowercase hex digits. */
    private static final int MEDIA_ID_LENGTH = 32;

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Inject
    TransactionConnection connections;

    @Inject
    SqlDialect dialect;

    public static boolean isMediaId(String candidate) {
        // by hand, not by a regular expression: every selector of every chunk is checked, twice
        if (candidate == null || candidate.length() != MEDIA_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < MEDIA_ID_LENGTH; i++) {
            char c = candidate.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    public Optional<MediaAsset> byMediaId(String mediaId) {
        return Optional.ofNullable(byMediaIds(List.of(mediaId)).get(mediaId));
    }

    /**
     * Locks the assets' rows until the caller's transaction ends and answers which of them are
     * tombstones now (another run or call deleted them since they were read), or no longer exist.
     * Rows are locked in ID order, so two transactions deleting overlapping assets wait for each
     * other and never deadlock.
     */
    public Set<Long> lockForDeletion(Collection<AssetSnapshot> assets) {
        List<Long> ids = assets.stream().map(AssetSnapshot::id).distinct().sorted().toList();
        Set<Long> gone = new HashSet<>(ids);
        if (ids.isEmpty()) {
            return gone;
        }
        String sql = "SELECT id, status FROM media_asset WHERE id IN (" + parameters(ids.size()) + ") ORDER BY id FOR UPDATE";
        try {
            connections.run(c -> {
                try (PreparedStatement st = c.prepareStatement(sql)) {
                    for (int i = 0; i < ids.size(); i++) {
                        st.setLong(i + 1, ids.get(i));
                    }
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            if (MediaStatus.valueOf(rs.getString(2)) != MediaStatus.Deleted) {
                                gone.remove(rs.getLong(1));
                            }
                        }
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("the assets could not be locked for deletion: " + e.getMessage(), e);
        }
        return gone;
    }

    /**
     * Makes the assets tombstones in the caller's transaction, their rows locked by
     * {@link #lockForDeletion}; the version moves as EclipseLink would move it. The SQL is
     * {@link #TOMBSTONES} with the IDs as one array parameter, for callers that send it inside a
     * larger statement.
     */
    public void tombstone(Collection<Long> assetIds, OffsetDateTime when) {
        if (assetIds.isEmpty()) {
            return;
        }
        try {
            connections.run(c -> {
                try (PreparedStatement st = c.prepareStatement(TOMBSTONES)) {
                    bindTombstones(c, st, 1, assetIds, when);
                    return st.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("the tombstones could not be written: " + e.getMessage(), e);
        }
    }

    /** Binds {@link #TOMBSTONES}' three parameters from {@code first} on; answers the next parameter's index. */
    public static int bindTombstones(Connection c, PreparedStatement st, int first, Collection<Long> assetIds,
            OffsetDateTime when) throws SQLException {
        st.setObject(first, when);
        st.setObject(first + 1, when);
        st.setArray(first + 2, c.createArrayOf("bigint", assetIds.toArray()));
        return first + 3;
    }

    /**
     * What the deletion pipeline needs of the assets with these media IDs (live or tombstoned), one
     * query with their files; malformed IDs simply find nothing. With {@code lock}, the assets' rows
     * are locked in ID order until the caller's transaction ends, as {@link #lockForDeletion} would
     * lock them, and read as they are under the lock.
     */
    public Map<String, AssetSnapshot> snapshotsByMediaIds(Collection<String> mediaIds, boolean lock) {
        List<String> wellFormed = mediaIds.stream().filter(MediaRegistry::isMediaId).distinct().toList();
        Map<String, AssetSnapshot> found = new HashMap<>();
        if (!wellFormed.isEmpty()) {
            snapshots("a.media_id IN (" + parameters(wellFormed.size()) + ")", wellFormed, lock)
                    .forEach(s -> found.put(s.asset().mediaId(), s.asset()));
        }
        return found;
    }

    /**
     * What the deletion pipeline needs of the asset each file belongs to, whoever owns it (deletion
     * answers another account's asset as forbidden, not unknown): one query for a chunk's files,
     * with every file of the assets found. Registered by several accounts, a file resolves to an
     * asset of {@code preferredOwner} when it has one (live before tombstoned), else to a live asset of any.
     */
    public Map<OssObject, AssetSnapshot> snapshotsByFiles(Collection<OssObject> files, String preferredOwner) {
        return snapshotsByFiles(files, preferredOwner, false);
    }

    /**
     * {@link #snapshotsByFiles(Collection, String)}; with {@code lock}, every asset that registers one of
     * the files is locked in ID order until the caller's transaction ends, and read as it is under the lock.
     */
    public Map<OssObject, AssetSnapshot> snapshotsByFiles(Collection<OssObject> files, String preferredOwner, boolean lock) {
        List<OssObject> distinct = files.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return new HashMap<>();
        }
        List<String> values = new ArrayList<>();
        StringJoiner where = new StringJoiner(" OR ", "a.id IN (SELECT asset_id FROM media_file WHERE ", ")");
        for (OssObject o : distinct) {
            where.add("(bucket = ? AND object_key = ?)");
            values.add(o.bucket());
            values.add(o.key());
        }
        Set<OssObject> wanted = new HashSet<>(distinct);
        List<FileMatch> matches = new ArrayList<>();
        for (SnapshotRow row : snapshots(where.toString(), values, lock)) {
            AssetSnapshot asset = row.asset();
            for (int i = 0; i < asset.files().size(); i++) {
                OssObject object = asset.files().get(i).object();
                if (wanted.contains(object)) {
                    matches.add(new FileMatch(object, row.fileIds().get(i), asset));
                }
            }
        }
        // the one that wins is put last: the preferred owner's, then a live one, then the latest registration
        Map<OssObject, AssetSnapshot> found = new HashMap<>();
        matches.stream()
                .sorted(Comparator.comparing((FileMatch m) -> m.asset().ownerUid().equals(preferredOwner))
                        .thenComparing(m -> m.asset().live())
                        .thenComparingLong(FileMatch::fileId))
                .forEach(m -> found.put(m.object(), m.asset()));
        return found;
    }

    /** An asset that registers an object asked about; a higher file ID is a later registration. */
    private record FileMatch(OssObject object, long fileId, AssetSnapshot asset) {
    }

    /** An asset read for the pipeline, with its files' row IDs (which registration of an object is newest). */
    private record SnapshotRow(AssetSnapshot asset, List<Long> fileIds) {
    }

    /**
     * Assets with their files, by one query over JDBC: {@code where} on media_asset {@code a}, its
     * parameters in order. Locked rows are locked as they come out of the sort, so in ID order.
     */
    private List<SnapshotRow> snapshots(String where, List<String> parameters, boolean lock) {
        String sql = "SELECT a.id, a.media_id, a.owner_uid, a.region, a.status, f.id, f.bucket, f.object_key, f.size_bytes"
                + " FROM media_asset a LEFT JOIN media_file f ON f.asset_id = a.id WHERE " + where + " ORDER BY a.id, f.id"
                + (lock ? dialect.forUpdateOf("a") : "");
        try {
            return connections.run(c -> {
                try (PreparedStatement st = c.prepareStatement(sql)) {
                    return snapshots(st, parameters);
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("the registry could not be read: " + e.getMessage(), e);
        }
    }

    private static List<SnapshotRow> snapshots(PreparedStatement st, List<String> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            st.setString(i + 1, parameters.get(i));
        }
        List<SnapshotRow> assets = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            // one row per file (ordered by asset), or one with no file for an asset that has none
            RowsOfAsset current = null;
            while (rs.next()) {
                long id = rs.getLong(1);
                if (current == null || current.id != id) {
                    if (current != null) {
                        assets.add(current.snapshot());
                    }
                    current = new RowsOfAsset(id, rs.getString(2), rs.getString(3), rs.getString(4),
                            MediaStatus.valueOf(rs.getString(5)));
                }
                long fileId = rs.getLong(6);
                if (!rs.wasNull()) {
                    long size = rs.getLong(9);
                    Long sizeBytes = rs.wasNull() ? null : size;
                    current.files.add(new AssetSnapshot.File(new OssObject(rs.getString(7), rs.getString(8)), sizeBytes));
                    current.fileIds.add(fileId);
                }
            }
            if (current != null) {
                assets.add(current.snapshot());
            }
        }
        return assets;
    }

    /** One asset's rows of the snapshot query, as they are read. */
    private static final class RowsOfAsset {
        final long id;
        final String mediaId;
        final String ownerUid;
        final String region;
        final MediaStatus status;
        final List<AssetSnapshot.File> files = new ArrayList<>();
        final List<Long> fileIds = new ArrayList<>();

        RowsOfAsset(long id, String mediaId, String ownerUid, String region, MediaStatus status) {
            this.id = id;
            this.mediaId = mediaId;
            this.ownerUid = ownerUid;
            this.region = region;
            this.status = status;
        }

        SnapshotRow snapshot() {
            return new SnapshotRow(new AssetSnapshot(id, mediaId, ownerUid, region, status, files), fileIds);
        }
    }

    private static String parameters(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
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
     * The asset of this owner each file belongs to (live before tombstoned, the latest registration
     * first), as entities to change or answer with. Other accounts may register the same object;
     * their assets never stand in for the owner's. The files are matched by the pipeline's own
     * lookup, {@link #snapshotsByFiles}: the owner's assets always win there when there are any.
     */
    public Map<OssObject, MediaAsset> byFilesOf(String ownerUid, Collection<OssObject> files) {
        Map<OssObject, AssetSnapshot> matched = snapshotsByFiles(files, ownerUid);
        matched.values().removeIf(a -> !a.ownerUid().equals(ownerUid));
        Map<OssObject, MediaAsset> found = new HashMap<>();
        if (matched.isEmpty()) {
            return found;
        }
        Map<Long, MediaAsset> assets = new HashMap<>();
        em.createQuery("SELECT DISTINCT a FROM MediaAsset a LEFT JOIN FETCH a.files WHERE a.id IN :ids", MediaAsset.class)
                .setParameter("ids", matched.values().stream().map(AssetSnapshot::id).distinct().toList())
                .getResultList()
                .forEach(a -> assets.put(a.getId(), a));
        matched.forEach((object, snapshot) -> found.put(object, assets.get(snapshot.id())));
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
