package io.mediapurge.access;

import java.util.Objects;

/** An access key as the database holds it, its secret decrypted: for verifying a signature, never for display. */
public record StoredAccessKey(String accessKeyId, String secret, boolean active, PrincipalRef owner) {

    public StoredAccessKey {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(owner, "owner");
    }

    @Override
    public String toString() {
        // Records print every component; a secret must never reach a log this way.
        return "StoredAccessKey[accessKeyId=" + accessKeyId + ", secret=***, active=" + active + ", owner=" + owner + "]";
    }
}
