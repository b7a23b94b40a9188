package io.mediapurge.devservices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The endpoint's storage: what a local run keeps on disk across restarts. */
class BucketStoreTest {

    @TempDir
    Path dataDir;

    @Test
    void objectsOnDiskSurviveARestart() throws IOException {
        String longKey = "deep/" + "k".repeat(600) + "/视频 1.mp4";
        BucketStore first = BucketStore.onDisk(dataDir);
        first.createBucket("media");
        first.put("media", longKey, "payload".getBytes(StandardCharsets.UTF_8), "video/mp4",
                Map.of("x-oss-meta-Author", "Ann"));
        first.put("media", "gone.mp4", new byte[1], null, Map.of());
        assertTrue(first.delete("media", "gone.mp4"));

        BucketStore reopened = BucketStore.onDisk(dataDir);
        assertEquals(List.of(longKey), List.copyOf(reopened.objects("media").keySet()));
        StoredObject object = reopened.find("media", longKey).orElseThrow();
        assertEquals("video/mp4", object.contentType());
        assertEquals(Map.of("x-oss-meta-Author", "Ann"), object.userMetadata());
        assertArrayEquals("payload".getBytes(StandardCharsets.UTF_8), reopened.content("media", longKey).orElseThrow());
        try (Stream<Path> files = Files.list(dataDir.resolve("media"))) {
            assertEquals(2, files.count(), "one data and one metadata file, no leftovers");
        }
    }

    @Test
    void demoContentIsSeededOnlyIntoAnEmptyStore() {
        BucketStore store = BucketStore.onDisk(dataDir);
        assertTrue(DemoContent.seedIfEmpty(store));
        assertTrue(store.count(DemoContent.MEDIA_BUCKET) > 0);
        store.delete(DemoContent.MEDIA_BUCKET, "images/banner.png");
        assertFalse(DemoContent.seedIfEmpty(BucketStore.onDisk(dataDir)), "what was deleted stays deleted");
        assertFalse(BucketStore.onDisk(dataDir).find(DemoContent.MEDIA_BUCKET, "images/banner.png").isPresent());
    }

    @Test
    void bucketsHoldingObjectsAreNotDeleted() {
        BucketStore store = BucketStore.inMemory();
        store.createBucket("full");
        store.put("full", "a", new byte[0], null, Map.of());
        assertFalse(store.deleteBucket("full"));
        store.delete("full", "a");
        assertTrue(store.deleteBucket("full"));
        assertFalse(store.bucketExists("full"));
    }

    @Test
    void crc64IsTheEcmaChecksumOssSends() {
        // The CRC-64/XZ check value of "123456789".
        assertEquals(Long.toUnsignedString(0x995DC9BBDF1939FAL), Crc64.of("123456789".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("0", Crc64.of(new byte[0]));
    }
}
