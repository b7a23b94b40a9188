package io.mediapurge.purge;

import java.util.Optional;

import io.mediapurge.registry.AssetSnapshot;

/**
 * The rules the pipeline applies to one selector, apart from the queries and OSS calls that feed
 * them, so each can be read (and tested) on its own.
 */
final class PipelineDecisions {

    private PipelineDecisions() {
    }

    /**
     * The registry stage for one selector: IGNORED with a reason, or empty when it names a live
     * asset that goes on to the permission stage.
     *
     * @param asset what the registry found for a well-formed selector, null when nothing
     */
    static Optional<ItemResult> ignored(Selector selector, boolean wellFormed, AssetSnapshot asset) {
        if (!wellFormed) {
            return Optional.of(ItemResult.ignored(selector, IgnoredReason.MALFORMED, null));
        }
        if (asset == null) {
            return Optional.of(ItemResult.ignored(selector, IgnoredReason.UNKNOWN, null));
        }
        if (!asset.live()) {
            return Optional.of(ItemResult.ignored(selector, IgnoredReason.ALREADY_DELETED, asset.mediaId()));
        }
        return Optional.empty();
    }

    /**
     * The deletion stage for one allowed asset once its row is locked and OSS has answered: IGNORED
     * when another run tombstoned it meanwhile (its files were left alone), FAILED with the OSS error
     * of a file OSS kept refusing (the asset stays live for a rerun), else DELETED, with its files
     * and bytes when they were deleted too: the asset becomes a tombstone ({@link #tombstones}).
     */
    static ItemResult deleted(Selector selector, AssetSnapshot asset, boolean deletedMeanwhile, String ossFailure,
            boolean deletePhysicalFiles) {
        if (deletedMeanwhile) {
            return ItemResult.ignored(selector, IgnoredReason.ALREADY_DELETED, asset.mediaId());
        }
        if (ossFailure != null) {
            return new ItemResult(selector, Outcome.FAILED, ossFailure, asset.mediaId(), 0, 0);
        }
        return new ItemResult(selector, Outcome.DELETED, null, asset.mediaId(),
                deletePhysicalFiles ? asset.files().size() : 0, deletePhysicalFiles ? asset.bytes() : 0);
    }

    /** Whether the deletion stage's result for an asset makes it a tombstone: only DELETED does. */
    static boolean tombstones(ItemResult result) {
        return result.outcome() == Outcome.DELETED;
    }

    /** A second selector of an asset already decided in this chunk: the same outcome, its files counted once. */
    static ItemResult sameAsset(Selector selector, ItemResult earlier) {
        return new ItemResult(selector, earlier.outcome(), earlier.reason(), earlier.mediaId(), 0, 0);
    }
}
