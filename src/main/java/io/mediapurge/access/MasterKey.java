package io.mediapurge.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The 256-bit key that encrypts access key secrets at rest: given as base64 in
 * {@code MEDIAPURGE_MASTER_KEY}, or generated once into a file under the data directory for a
 * local run. It never prints itself; its fingerprint identifies it in ciphertexts and errors.
 */
public final class MasterKey {

    static final int LENGTH = 32;
    private static final byte[] FINGERPRINT_LABEL = "mediapurge master key fingerprint\n".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final String fingerprint;

    private MasterKey(byte[] key) {
        this.key = key.clone();
        this.fingerprint = fingerprintOf(key);
    }

    /** A key from its base64 form; {@code source} names the setting in the error. */
    public static MasterKey fromBase64(String base64, String source) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not base64 (it must be the base64 of " + LENGTH + " random bytes)");
        }
        if (decoded.length != LENGTH) {
            throw new IllegalArgumentException(source + " decodes to " + decoded.length + " bytes; it must be the base64 of "
                    + LENGTH + " random bytes (e.g. openssl rand -base64 32)");
        }
        return new MasterKey(decoded);
    }

    /** A fresh random key. */
    public static MasterKey generate() {
        byte[] bytes = new byte[LENGTH];
        RANDOM.nextBytes(bytes);
        return new MasterKey(bytes);
    }

    /** A key file as {@link #readOrGenerate} found it: the key, and whether this call created the file. */
    public record FromFile(MasterKey key, boolean generated) {
    }

    /**
     * Reads the key kept in {@code file}, or generates one and writes it there (readable by the
     * owner only where the file system has POSIX permissions). Two processes racing here end up
     * with the same key: the file appears atomically, complete, or not at all.
     */
    public static FromFile readOrGenerate(Path file) throws IOException {
        if (Files.exists(file)) {
            return new FromFile(read(file), false);
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temporary = ownerOnlyTemporaryFile(dir);
        try {
            MasterKey key = generate();
            Files.writeString(temporary, Base64.getEncoder().encodeToString(key.key) + "\n", StandardCharsets.US_ASCII);
            try {
                // No REPLACE_EXISTING: a key someone else wrote meanwhile wins, and is the one used.
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file);
            }
            return new FromFile(key, true);
        } catch (FileAlreadyExistsException e) {
            return new FromFile(read(file), false);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static MasterKey read(Path file) throws IOException {
        return fromBase64(Files.readString(file, StandardCharsets.US_ASCII), "the master key file " + file);
    }

    private static Path ownerOnlyTemporaryFile(Path dir) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, ".master-key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Path file = Files.createTempFile(dir, ".master-key", ".tmp");
        var asFile = file.toFile();
        // Best effort where there are no POSIX permissions: clear everyone's access, give the owner's back.
        asFile.setReadable(false, false);
        asFile.setWritable(false, false);
        asFile.setReadable(true, true);
        asFile.setWritable(true, true);
        return file;
    }

    /** Eight hex digits that tell keys apart without revealing them. */
    public String fingerprint() {
        return fingerprint;
    }

    byte[] bytes() {
        return key.clone();
    }

    private static String fingerprintOf(byte[] key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(FINGERPRINT_LABEL);
            return HexFormat.of().formatHex(Arrays.copyOf(sha256.digest(key), 4));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MasterKey k && MessageDigest.isEqual(key, k.key);
    }

    @Override
    public int hashCode() {
        return fingerprint.hashCode();
    }

    @Override
    public String toString() {
        return "master key " + fingerprint;
    }
}
