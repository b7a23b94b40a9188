package io.mediapurge.access;

/**
 * A stored secret that this server cannot decrypt: another master key encrypted it, or the stored
 * text was damaged. The message names the access key and the reason, never any part of the secret.
 */
public final class SecretNotDecryptable extends RuntimeException {

    private final boolean otherMasterKey;

    SecretNotDecryptable(String message, boolean otherMasterKey) {
        super(message, null, false, false);
        this.otherMasterKey = otherMasterKey;
    }

    /** True when the ciphertext is intact but was made with another master key (a configuration problem, not damage). */
    public boolean otherMasterKey() {
        return otherMasterKey;
    }
}
