package io.mediapurge.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {

    private static final String KEY_ID = "LTAI5tCipherTest001";
    private static final String SECRET = "kLm9PqRsTuVwXyZ0aBcDeFgHiJkLmN";

    private final SecretCipher cipher = new SecretCipher(MasterKey.generate());

    @Test
    void aSecretComesBackFromItsStoredForm() {
        String stored = cipher.encrypt(KEY_ID, SECRET);
        assertEquals(SECRET, cipher.decrypt(KEY_ID, stored));
        assertTrue(stored.startsWith("v1:" + cipher.masterKeyFingerprint() + ":"), stored);
        assertFalse(stored.contains(SECRET));
        assertTrue(stored.length() <= 512, "fits access_key.secret_ciphertext");
    }

    @Test
    void theLongestAllowedSecretFitsTheColumn() {
        String longest = "x".repeat(256);
        String stored = cipher.encrypt(KEY_ID, longest);
        assertTrue(stored.length() <= 512, () -> stored.length() + " characters");
        assertEquals(longest, cipher.decrypt(KEY_ID, stored));
    }

    @Test
    void everyEncryptionUsesAFreshIv() {
        assertNotEquals(cipher.encrypt(KEY_ID, SECRET), cipher.encrypt(KEY_ID, SECRET));
    }

    @Test
    void anotherMasterKeyIsRefusedAndNamedAsSuch() {
        String stored = cipher.encrypt(KEY_ID, SECRET);
        SecretCipher other = new SecretCipher(MasterKey.generate());
        SecretNotDecryptable refused = assertThrows(SecretNotDecryptable.class, () -> other.decrypt(KEY_ID, stored));
        assertTrue(refused.otherMasterKey());
        assertEquals("the secret of access key " + KEY_ID + " was encrypted with master key " + cipher.masterKeyFingerprint()
                + ", not with this server's master key " + other.masterKeyFingerprint(), refused.getMessage());
        assertFalse(refused.getMessage().contains(SECRET));
    }

    @Test
    void anotherMasterKeyWithTheSameFingerprintStillYieldsNoGarbage() {
        String stored = cipher.encrypt(KEY_ID, SECRET);
        SecretCipher other = new SecretCipher(MasterKey.generate());
        String relabelled = stored.replace(":" + cipher.masterKeyFingerprint() + ":", ":" + other.masterKeyFingerprint() + ":");
        SecretNotDecryptable refused = assertThrows(SecretNotDecryptable.class, () -> other.decrypt(KEY_ID, relabelled));
        assertFalse(refused.otherMasterKey());
    }

    @Test
    void tamperedCiphertextIsRefused() {
        String stored = cipher.encrypt(KEY_ID, SECRET);
        byte[] bytes = Base64.getDecoder().decode(stored.substring(stored.lastIndexOf(':') + 1));
        bytes[bytes.length / 2] ^= 1;
        String tampered = stored.substring(0, stored.lastIndexOf(':') + 1) + Base64.getEncoder().encodeToString(bytes);
        SecretNotDecryptable refused = assertThrows(SecretNotDecryptable.class, () -> cipher.decrypt(KEY_ID, tampered));
        assertEquals("the stored secret of access key " + KEY_ID + " is damaged or was altered (it fails authentication)",
                refused.getMessage());
    }

    @Test
    void aCiphertextMovedToAnotherKeysRowIsRefused() {
        String stored = cipher.encrypt(KEY_ID, SECRET);
        assertThrows(SecretNotDecryptable.class, () -> cipher.decrypt("LTAI5tSomeoneElse", stored));
    }

    @Test
    void unknownFormatsAndTruncationsAreRefused() {
        String stored = cipher.encrypt(KEY_ID, SECRET);
        for (String bad : new String[] {"", "plaintext-secret", "v2:" + stored.substring(3), stored.substring(0, 20),
                stored.substring(0, stored.length() - 4), stored + "AAAA", "v1:" + cipher.masterKeyFingerprint() + ":%%%"}) {
            assertThrows(SecretNotDecryptable.class, () -> cipher.decrypt(KEY_ID, bad), bad);
        }
        assertThrows(SecretNotDecryptable.class, () -> cipher.decrypt(KEY_ID, null));
    }

    @Test
    void aConfiguredKeyMustBeBase64Of32Bytes() {
        String good = Base64.getEncoder().encodeToString(new byte[32]);
        assertEquals(MasterKey.fromBase64(good, "MEDIAPURGE_MASTER_KEY"), MasterKey.fromBase64(" " + good + "\n", "x"));
        IllegalArgumentException notBase64 = assertThrows(IllegalArgumentException.class,
                () -> MasterKey.fromBase64("not base64!", "MEDIAPURGE_MASTER_KEY"));
        assertEquals("MEDIAPURGE_MASTER_KEY is not base64 (it must be the base64 of 32 random bytes)", notBase64.getMessage());
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[16]), "MEDIAPURGE_MASTER_KEY"));
        assertEquals("MEDIAPURGE_MASTER_KEY decodes to 16 bytes; it must be the base64 of 32 random bytes"
                + " (e.g. openssl rand -base64 32)", tooShort.getMessage());
    }

    @Test
    void theKeyNeverPrintsItself() {
        byte[] raw = new byte[32];
        raw[0] = 42;
        String base64 = Base64.getEncoder().encodeToString(raw);
        MasterKey key = MasterKey.fromBase64(base64, "k");
        assertFalse(key.toString().contains(base64));
        assertFalse(new SecretCipher(key).toString().contains(base64));
    }

    @Test
    void theKeyFileIsCreatedOnceAndReused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data").resolve("master.key");
        MasterKey.FromFile first = MasterKey.readOrGenerate(file);
        assertTrue(first.generated());
        assertTrue(Files.exists(file));
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(file));
        }
        String content = Files.readString(file);

        MasterKey.FromFile second = MasterKey.readOrGenerate(file);
        assertFalse(second.generated());
        assertEquals(first.key(), second.key());
        assertEquals(content, Files.readString(file), "the file is not rewritten");
        try (var entries = Files.list(file.getParent())) {
            assertEquals(1, entries.count(), "no temporary file is left behind");
        }

        String stored = new SecretCipher(first.key()).encrypt(KEY_ID, SECRET);
        assertEquals(SECRET, new SecretCipher(second.key()).decrypt(KEY_ID, stored));
    }

    @Test
    void aDamagedKeyFileIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("master.key"), "c2hvcnQ=\n");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> MasterKey.readOrGenerate(file));
        assertTrue(refused.getMessage().startsWith("the master key file " + file + " decodes to 5 bytes"), refused.getMessage());
    }
}
