package io.mediapurge.signing;

import java.util.Optional;

/** Finds the secret of an access key by its AccessKeyId (backed by the access-key table). */
@FunctionalInterface
public interface AccessKeyDirectory {

    /** The key with this AccessKeyId, active or not; empty when there is none. */
    Optional<AccessKeySecret> find(String accessKeyId);
}
