package io.mediapurge.storage;

/**
 * One file in OSS: a bucket and a key, with its size in bytes when known (-1 otherwise).
 * Equality ignores the size, so the same file listed twice is deleted once.
 */
public record OssObject(String bucket, String key, long size) {

    public static final long UNKNOWN_SIZE = -1;

    public OssObject {
        if (bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("an OSS object needs a bucket");
        }
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("an OSS object needs a key");
        }
    }

    public OssObject(String bucket, String key) {
        this(bucket, key, UNKNOWN_SIZE);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OssObject o && o.bucket.equals(bucket) && o.key.equals(key);
    }

    @Override
    public int hashCode() {
        return bucket.hashCode() * 31 + key.hashCode();
    }

    @Override
    public String toString() {
        return "oss://" + bucket + "/" + key;
    }
}
