package io.mediapurge.devservices;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The buckets and objects a fresh local run starts with, so the console has something to purge. */
public final class DemoContent {

    public static final String MEDIA_BUCKET = "mediapurge-demo";
    public static final String ARCHIVE_BUCKET = "mediapurge-demo-archive";

    private static final Map<String, String> MEDIA = Map.of(
            "videos/2024/launch.mp4", "video/mp4",
            "videos/2024/launch-720p.mp4", "video/mp4",
            "videos/2024/launch-cover.jpg", "image/jpeg",
            "videos/2023/keynote.mp4", "video/mp4",
            "videos/2023/keynote-720p.mp4", "video/mp4",
            "audio/podcast-001.mp3", "audio/mpeg",
            "images/banner.png", "image/png");
    private static final Map<String, String> ARCHIVE = Map.of(
            "2022/old-campaign.mp4", "video/mp4",
            "2022/old-campaign-480p.mp4", "video/mp4");

    private DemoContent() {
    }

    /** Seeds only a store without buckets, so a local run keeps what was deleted in it. */
    public static boolean seedIfEmpty(BucketStore store) {
        if (!store.buckets().isEmpty()) {
            return false;
        }
        seed(store, MEDIA_BUCKET, MEDIA);
        seed(store, ARCHIVE_BUCKET, ARCHIVE);
        return true;
    }

    private static void seed(BucketStore store, String bucket, Map<String, String> objects) {
        store.createBucket(bucket);
        objects.forEach((key, type) -> store.put(bucket, key,
                ("MediaPurge demo content: " + bucket + "/" + key + "\n").getBytes(StandardCharsets.UTF_8),
                type, Map.of("x-oss-meta-origin", "mediapurge-demo")));
    }
}
