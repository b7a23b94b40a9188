package io.mediapurge.registry;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mediapurge.storage.OssObject;

/**
 * An asset that registers an object the caller asked about. Several accounts may register the
 * same object, and a tombstone keeps its files' rows: {@link #preferred} says which asset the
 * object names.
 *
 * @param fileId the file's row ID: a higher one is a later registration
 */
record FileMatch<A>(OssObject object, long fileId, String ownerUid, boolean live, A asset) {

    /**
     * Each object's asset: one of {@code preferredOwner} (null: nobody's) before anyone else's, a
     * live one before a tombstone, the latest registration before an earlier one.
     */
    static <A> Map<OssObject, A> preferred(List<FileMatch<A>> matches, String preferredOwner) {
        Map<OssObject, A> found = new HashMap<>();
        matches.stream()
                .sorted(Comparator.comparing((FileMatch<A> m) -> m.ownerUid().equals(preferredOwner))
                        .thenComparing(FileMatch::live)
                        .thenComparingLong(FileMatch::fileId))
                .forEach(m -> found.put(m.object(), m.asset())); // the one that wins is put last
        return found;
    }
}
