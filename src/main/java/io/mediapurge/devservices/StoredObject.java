package io.mediapurge.devservices;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the endpoint knows about one object besides its bytes.
 *
 * @param etag upper-case hex MD5 of the content, without quotes
 * @param userMetadata {@code x-oss-meta-*} headers exactly as uploaded (name case kept)
 */
public record StoredObject(String key, long size, String etag, String crc64, Instant lastModified,
        String contentType, Map<String, String> userMetadata) {

    public StoredObject {
        userMetadata = Collections.unmodifiableMap(new LinkedHashMap<>(userMetadata));
    }
}
