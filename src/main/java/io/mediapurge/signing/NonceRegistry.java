package io.mediapurge.signing;

import java.time.Instant;

/** Remembers signature nonces so that each is accepted once per AccessKeyId while its request could still be valid. */
@FunctionalInterface
public interface NonceRegistry {

    /**
     * Records the nonce and says whether this is its first use by this AccessKeyId. It must be
     * atomic (two racing requests: one true, one false) and may forget the nonce after {@code expiresAt}.
     */
    boolean firstUse(String accessKeyId, String nonce, Instant expiresAt);
}
