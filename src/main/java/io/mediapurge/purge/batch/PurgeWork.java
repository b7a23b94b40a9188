package io.mediapurge.purge.batch;

import io.mediapurge.access.Principal;
import io.mediapurge.purge.DeletionRequest;
import io.mediapurge.purge.ItemResult;
import io.mediapurge.registry.MediaAsset;

/**
 * One pending request on its way through purge-media: the reader attaches what stage 1 found,
 * the processor what stage 2 decided, the writer carries out stage 3.
 *
 * @param decided the terminal result when stages 1–2 already decided it (ignored, forbidden, would delete)
 */
record PurgeWork(DeletionRequest request, Principal requester, MediaAsset asset, ItemResult decided,
        java.util.Map<String, io.mediapurge.access.BucketGrants> grants) {

    boolean physical() {
        return request.getSubmission().isDeletePhysicalFiles();
    }

    PurgeWork decide(ItemResult result) {
        return new PurgeWork(request, requester, asset, result, grants);
    }
}
