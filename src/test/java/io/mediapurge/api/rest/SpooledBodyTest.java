package io.mediapurge.api.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpooledBodyTest {

    @TempDir
    Path spool;

    @Test
    void aSmallBodyStaysInMemoryWithItsHash() throws Exception {
        byte[] bytes = "{\"mediaIds\":[]}".getBytes();
        try (SpooledBody body = SpooledBody.read(new ByteArrayInputStream(bytes), spool, 1024)) {
            assertEquals(sha256(bytes), body.sha256Hex());
            try (InputStream in = body.open()) {
                assertArrayEquals(bytes, in.readAllBytes());
            }
        }
        assertEquals(0, files(), "nothing spooled to disk");
    }

    @Test
    void aLargeBodyIsSpooledAndRemovedWhenClosed() throws Exception {
        byte[] bytes = new byte[SpooledBody.IN_MEMORY_LIMIT * 3];
        bytes[bytes.length - 1] = 7;
        try (SpooledBody body = SpooledBody.read(new ByteArrayInputStream(bytes), spool, bytes.length)) {
            assertEquals(sha256(bytes), body.sha256Hex());
            assertEquals(1, files());
            try (InputStream in = body.open()) {
                assertArrayEquals(bytes, in.readAllBytes());
            }
        }
        assertEquals(0, files());
    }

    @Test
    void aBodyOverTheLimitIsRefusedAndLeavesNothingBehind() throws Exception {
        byte[] small = new byte[101];
        SpooledBody.TooLarge inMemory = assertThrows(SpooledBody.TooLarge.class,
                () -> SpooledBody.read(new ByteArrayInputStream(small), spool, 100));
        assertTrue(inMemory.getMessage().contains("100 bytes"), inMemory.getMessage());

        byte[] large = new byte[SpooledBody.IN_MEMORY_LIMIT * 3];
        assertThrows(SpooledBody.TooLarge.class,
                () -> SpooledBody.read(new ByteArrayInputStream(large), spool, SpooledBody.IN_MEMORY_LIMIT * 2L));
        assertEquals(0, files(), "the part spooled before the limit was removed");
    }

    private long files() throws Exception {
        try (Stream<Path> list = Files.list(spool)) {
            return list.count();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
