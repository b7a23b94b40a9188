package io.mediapurge.access;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts access key secrets at rest with AES-256-GCM under the master key. A stored value reads
 * {@code v1:FINGERPRINT:BASE64(iv || ciphertext || tag)}: the version allows another scheme later,
 * the master key's fingerprint tells "wrong master key" apart from "damaged", and a fresh 12-byte
 * IV per secret keeps GCM safe. The AccessKeyId is authenticated with the secret, so a ciphertext
 * copied onto another key's row does not decrypt.
 */
public final class SecretCipher {

    static final String VERSION = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String fingerprint;

    public SecretCipher(MasterKey masterKey) {
        Objects.requireNonNull(masterKey, "masterKey");
        this.key = new SecretKeySpec(masterKey.bytes(), "AES");
        this.fingerprint = masterKey.fingerprint();
    }

    /** The fingerprint of the master key this cipher encrypts with. */
    public String masterKeyFingerprint() {
        return fingerprint;
    }

    /** The stored form of {@code secret} for the access key {@code accessKeyId}. */
    public String encrypt(String accessKeyId, String secret) {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secret, "secret");
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, accessKeyId);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] stored = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return VERSION + ":" + fingerprint + ":" + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this Java runtime", e);
        }
    }

    /** The secret of {@code accessKeyId} from its stored form; never garbage: a wrong key or damage is an exception. */
    public String decrypt(String accessKeyId, String stored) {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        String[] parts = stored == null ? new String[0] : stored.split(":", -1);
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            throw new SecretNotDecryptable("the stored secret of access key " + accessKeyId
                    + " is not in a format this MediaPurge knows", false);
        }
        if (!parts[1].equals(fingerprint)) {
            throw new SecretNotDecryptable("the secret of access key " + accessKeyId + " was encrypted with master key "
                    + parts[1] + ", not with this server's master key " + fingerprint, true);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw damaged(accessKeyId);
        }
        if (bytes.length < IV_BYTES + TAG_BITS / 8) {
            throw damaged(accessKeyId);
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, IV_BYTES), accessKeyId);
            byte[] plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            // A fingerprint collision with another key lands here too; both mean "not this secret".
            throw damaged(accessKeyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this Java runtime", e);
        }
    }

    /** The master key fingerprint a stored secret names, or empty when it is not in a known format. */
    public static Optional<String> fingerprintOf(String stored) {
        String[] parts = stored == null ? new String[0] : stored.split(":", -1);
        return parts.length == 3 && parts[0].equals(VERSION) ? Optional.of(parts[1]) : Optional.empty();
    }

    private Cipher cipher(int mode, byte[] iv, String accessKeyId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(accessKeyId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static SecretNotDecryptable damaged(String accessKeyId) {
        return new SecretNotDecryptable("the stored secret of access key " + accessKeyId
                + " is damaged or was altered (it fails authentication)", false);
    }

    @Override
    public String toString() {
        return "AES-256-GCM with master key " + fingerprint;
    }
}
