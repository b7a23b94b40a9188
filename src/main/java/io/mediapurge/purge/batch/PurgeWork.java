package io.mediapurge.purge.batch;

import java.util.Map;

import io.mediapurge.access.BucketGrants;
import io.mediapurge.access.Principal;
import io.mediapurge.purge.DeletionRequest;
import io.mediapurge.purge.ItemResult;
import io.mediapurge.registry.MediaAsset;

/**
 * One pending request on its way through purge-media: the reader attaches what stage 1 found and
 * what its submission asks, the processor what stage 2 decided, the writer carries out stage 3.
 *
 * @param decided the terminal result when stages 1–2 already decided it (ignored, forbidden, would delete)
 */
record PurgeWork(DeletionRequest request, Principal requester, boolean physical, boolean dryRun, MediaAsset asset,
        ItemResult decided, Map<String, BucketGrants> grants) {

    PurgeWork decide(ItemResult result) {
        return new PurgeWork(request, requester, physical, dryRun, asset, result, grants);
    }
}
