package io.mediapurge.registry;

import java.util.ArrayList;
import java.util.List;

import io.mediapurge.storage.OssObject;

/**
 * What the deletion pipeline decides on about one registered asset, as read in its transaction:
 * who owns it, where, whether it is live, and its files. Read over JDBC, never managed by
 * EclipseLink, so a chunk's transaction has no entities to compare or write at its commit; the
 * pipeline writes the tombstones itself ({@link MediaRegistry#tombstone}).
 *
 * @param id the row's ID, which locks and tombstones name
 * @param files in registration order
 */
public record AssetSnapshot(long id, String mediaId, String ownerUid, String region, MediaStatus status, List<File> files) {

    /** One physical object of the asset; {@code sizeBytes} null when the registration did not say. */
    public record File(OssObject object, Long sizeBytes) {
    }

    public AssetSnapshot {
        files = List.copyOf(files);
    }

    public boolean live() {
        return status != MediaStatus.Deleted;
    }

    /** The buckets the asset's files are in, each once, in the files' order. */
    public List<String> buckets() {
        // a loop, not a stream: the permission stage asks once per asset, and an asset has a few files
        List<String> buckets = new ArrayList<>(files.size());
        for (File f : files) {
            if (!buckets.contains(f.object().bucket())) {
                buckets.add(f.object().bucket());
            }
        }
        return buckets;
    }

    /** The bytes of the asset's files, a file of unknown size counting 0. */
    public long bytes() {
        return files.stream().mapToLong(f -> f.sizeBytes() == null ? 0 : f.sizeBytes()).sum();
    }
}
