package io.mediapurge.signing;

import java.util.Objects;

/** What the server knows of an access key: its secret (decrypted), whether it is active, and whom it acts for. */
public record AccessKeySecret(String secret, boolean active, String principalRef) {

    public AccessKeySecret {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("an access key needs a secret");
        }
        Objects.requireNonNull(principalRef, "principalRef");
    }

    @Override
    public String toString() {
        // Records print every component; a secret must never reach a log this way.
        return "AccessKeySecret[secret=***, active=" + active + ", principalRef=" + principalRef + "]";
    }
}
