package io.mediapurge.purge;

import java.time.OffsetDateTime;
import java.util.Optional;

import io.mediapurge.registry.MediaAsset;
import io.mediapurge.registry.MediaStatus;

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
    static Optional<ItemResult> ignored(Selector selector, boolean wellFormed, MediaAsset asset) {
        if (!wellFormed) {
            return Optional.of(ItemResult.ignored(selector, IgnoredReason.MALFORMED, null));
        }
        if (asset == null) {
            return Optional.of(ItemResult.ignored(selector, IgnoredReason.UNKNOWN, null));
        }
        if (asset.getStatus() == MediaStatus.Deleted) {
            return Optional.of(ItemResult.ignored(selector, IgnoredReason.ALREADY_DELETED, asset.getMediaId()));
        }
        return Optional.empty();
    }

    /**
     * The deletion stage for one allowed asset once its row is locked and OSS has answered: IGNORED
     * when another run tombstoned it meanwhile (its files were left alone), FAILED with the OSS error
     * of a file OSS kept refusing (the asset stays live for a rerun), else DELETED, the asset marked
     * a tombstone at {@code now}, with its files and bytes when they were deleted too.
     */
    static ItemResult deleted(Selector selector, MediaAsset asset, boolean deletedMeanwhile, String ossFailure,
            boolean deletePhysicalFiles, OffsetDateTime now) {
        if (deletedMeanwhile) {
            return ItemResult.ignored(selector, IgnoredReason.ALREADY_DELETED, asset.getMediaId());
        }
        if (ossFailure != null) {
            return new ItemResult(selector, Outcome.FAILED, ossFailure, asset.getMediaId(), 0, 0);
        }
        asset.markDeleted(now);
        int files = deletePhysicalFiles ? asset.getFiles().size() : 0;
        long bytes = deletePhysicalFiles ? asset.getFiles().stream()
                .mapToLong(f -> f.getSizeBytes() == null ? 0 : f.getSizeBytes()).sum() : 0;
        return new ItemResult(selector, Outcome.DELETED, null, asset.getMediaId(), files, bytes);
    }

    /** A second selector of an asset already decided in this chunk: the same outcome, its files counted once. */
    static ItemResult sameAsset(Selector selector, ItemResult earlier) {
        return new ItemResult(selector, earlier.outcome(), earlier.reason(), earlier.mediaId(), 0, 0);
    }
}
