package io.mediapurge.api.rest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A request body kept aside while its SHA-256 is computed, so it is held to the signed hash before
 * a single line is acted on: small bodies in memory, large ones (a million-line import) in a
 * temporary file, memory staying flat either way. A body over the upload limit is refused as soon
 * as it passes the limit, and what was spooled of it is removed.
 */
final class SpooledBody implements AutoCloseable {

    static final int IN_MEMORY_LIMIT = 1024 * 1024;

    /** A body longer than the upload limit. */
    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("The request body is larger than the " + limit + " bytes this service accepts.");
        }
    }

    private final byte[] bytes;
    private final Path file;
    private final String sha256Hex;

    private SpooledBody(byte[] bytes, Path file, String sha256Hex) {
        this.bytes = bytes;
        this.file = file;
        this.sha256Hex = sha256Hex;
    }

    static SpooledBody read(InputStream in, Path spoolDir, long maxBytes) throws IOException {
        MessageDigest sha256 = sha256();
        byte[] head = in.readNBytes((int) Math.min(IN_MEMORY_LIMIT, maxBytes) + 1);
        if (head.length > maxBytes) {
            throw new TooLarge(maxBytes);
        }
        if (head.length <= IN_MEMORY_LIMIT) {
            return new SpooledBody(head, null, HexFormat.of().formatHex(sha256.digest(head)));
        }
        Files.createDirectories(spoolDir);
        Path file = Files.createTempFile(spoolDir, "request-", ".body");
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha256)) {
            out.write(head);
            byte[] buffer = new byte[64 * 1024];
            long total = head.length;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new TooLarge(maxBytes);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new SpooledBody(null, file, HexFormat.of().formatHex(sha256.digest()));
    }

    String sha256Hex() {
        return sha256Hex;
    }

    InputStream open() {
        try {
            return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a stray temporary file is harmless; the request's answer matters more
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
