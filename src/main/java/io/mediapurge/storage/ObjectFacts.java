package io.mediapurge.storage;

import java.time.Instant;

/** What a HEAD tells about an existing object, for registering it. */
public record ObjectFacts(OssObject object, long size, String etag, Instant lastModified, String contentType) {
}
