package io.mediapurge.api.ice;

import java.util.Optional;

import io.mediapurge.access.ResourceArn;
import io.mediapurge.registry.MediaAsset;
import io.mediapurge.registry.MediaStatus;

/**
 * What a caller may read: another account's assets and deleted ones do not exist for them; an
 * asset of their own that a policy denies is forbidden.
 */
final class MediaVisibility {

    private MediaVisibility() {
    }

    /** The asset if the caller's account owns it and it is live; empty when it must look absent. */
    static Optional<MediaAsset> visible(IceCall call, MediaAsset asset) {
        if (asset == null || asset.getStatus() != MediaStatus.Normal
                || !asset.getOwnerUid().equals(call.principal().accountUid())) {
            return Optional.empty();
        }
        return Optional.of(asset);
    }

    static boolean allowed(IceCall call, String action, MediaAsset asset) {
        return call.permissions()
                .decide(action, ResourceArn.media(asset.getRegion(), asset.getOwnerUid(), asset.getMediaId()))
                .allowed();
    }
}
