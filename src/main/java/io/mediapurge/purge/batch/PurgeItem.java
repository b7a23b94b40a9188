package io.mediapurge.purge.batch;

import java.util.Map;

import io.mediapurge.access.BucketGrants;
import io.mediapurge.access.PolicyEvaluator;
import io.mediapurge.purge.DeletionRequest;
import io.mediapurge.purge.ItemResult;
import io.mediapurge.registry.AssetSnapshot;

/**
 * One pending request on its way through purge-media: the reader attaches what the registry stage
 * found and what its submission asks, the processor what the permission stage decided, the writer
 * carries out the deletion stage.
 *
 * @param permissions the requester's policies for the pipeline's action, compiled once per requester by the reader
 * @param assetLocked the asset's row was locked as the reader read it, until the chunk's transaction ends
 * @param decided the terminal result when the registry or permission stage already decided it (ignored, forbidden, would delete)
 */
record PurgeItem(DeletionRequest request, PolicyEvaluator.ForAction permissions, boolean physical, boolean dryRun, AssetSnapshot asset,
        boolean assetLocked, ItemResult decided, Map<String, BucketGrants> grants) {

    PurgeItem decide(ItemResult result) {
        return new PurgeItem(request, permissions, physical, dryRun, asset, assetLocked, result, grants);
    }
}
