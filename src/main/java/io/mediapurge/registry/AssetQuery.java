package io.mediapurge.registry;

import java.time.OffsetDateTime;

/**
 * What the registry browser searches by; a null criterion does not narrow the search. A media ID
 * of fewer than 32 digits is a prefix; a file criterion is a bucket and a key prefix, matched
 * against every file of an asset (source, transcodes, snapshots, ...).
 */
public record AssetQuery(String mediaIdPrefix, String bucket, String keyPrefix, String ownerUid, String mediaType,
        MediaStatus status, OffsetDateTime registeredAfter, OffsetDateTime registeredBefore) {

    public static AssetQuery everything() {
        return new AssetQuery(null, null, null, null, null, null, null, null);
    }
}
