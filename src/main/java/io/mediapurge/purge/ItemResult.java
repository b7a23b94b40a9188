package io.mediapurge.purge;

/**
 * The terminal outcome of one selector after the pipeline: what happened, why, to which asset,
 * and how much was removed from OSS.
 */
public record ItemResult(Selector selector, Outcome outcome, String reason, String mediaId, int filesDeleted,
        long bytesDeleted) {

    static ItemResult ignored(Selector selector, IgnoredReason reason, String mediaId) {
        return new ItemResult(selector, Outcome.IGNORED, reason.name(), mediaId, 0, 0);
    }
}
