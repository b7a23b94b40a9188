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
 * temporary file, memory staying flat either way.
 */
final class SpooledBody implements AutoCloseable {

    static final int IN_MEMORY_LIMIT = 1024 * 1024;

    private final byte[] bytes;
    private final Path file;
    private final String sha256Hex;

    private SpooledBody(byte[] bytes, Path file, String sha256Hex) {
        this.bytes = bytes;
        this.file = file;
        this.sha256Hex = sha256Hex;
    }

    static SpooledBody read(InputStream in, Path spoolDir) throws IOException {
        MessageDigest sha256 = sha256();
        byte[] head = in.readNBytes(IN_MEMORY_LIMIT + 1);
        if (head.length <= IN_MEMORY_LIMIT) {
            return new SpooledBody(head, null, HexFormat.of().formatHex(sha256.digest(head)));
        }
        Files.createDirectories(spoolDir);
        Path file = Files.createTempFile(spoolDir, "request-", ".body");
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha256)) {
            out.write(head);
            in.transferTo(out);
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
