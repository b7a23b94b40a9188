package io.mediapurge.devservices;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The buckets and objects behind the endpoint. The index (keys and metadata) is always in
 * memory so listings are ordered and cheap; the bytes live in memory for tests or in files
 * under a directory for a local run, where the index is rebuilt from disk at start.
 */
public final class BucketStore {

    private final ConcurrentHashMap<String, ConcurrentSkipListMap<String, StoredObject>> buckets =
            new ConcurrentHashMap<>();
    private final Contents contents;

    private BucketStore(Contents contents) {
        this.contents = contents;
    }

    public static BucketStore inMemory() {
        return new BucketStore(new MemoryContents());
    }

    /** Opens (or creates) a store under {@code directory}, one sub-directory per bucket. */
    public static BucketStore onDisk(Path directory) {
        DiskContents disk = new DiskContents(directory);
        BucketStore store = new BucketStore(disk);
        disk.load(store.buckets);
        return store;
    }

    /** @return false when the bucket already existed */
    public boolean createBucket(String bucket) {
        boolean[] created = {false};
        buckets.computeIfAbsent(bucket, b -> {
            contents.createBucket(b);
            created[0] = true;
            return new ConcurrentSkipListMap<>();
        });
        return created[0];
    }

    public boolean bucketExists(String bucket) {
        return buckets.containsKey(bucket);
    }

    /** @return false when the bucket still holds objects */
    public boolean deleteBucket(String bucket) {
        NavigableMap<String, StoredObject> objects = buckets.get(bucket);
        if (objects == null) {
            return true;
        }
        if (!objects.isEmpty()) {
            return false;
        }
        buckets.remove(bucket);
        contents.deleteBucket(bucket);
        return true;
    }

    public Set<String> buckets() {
        return new TreeSet<>(buckets.keySet());
    }

    /** Stores the object; the bucket must exist. */
    public StoredObject put(String bucket, String key, byte[] content, String contentType,
            Map<String, String> userMetadata) {
        NavigableMap<String, StoredObject> objects = objectsOf(bucket);
        StoredObject object = new StoredObject(key, content.length, md5Hex(content), Crc64.of(content),
                Instant.now(), contentType == null ? "application/octet-stream" : contentType, userMetadata);
        synchronized (objects) {
            contents.write(bucket, object, content);
            objects.put(key, object);
        }
        return object;
    }

    public Optional<StoredObject> find(String bucket, String key) {
        NavigableMap<String, StoredObject> objects = buckets.get(bucket);
        return objects == null ? Optional.empty() : Optional.ofNullable(objects.get(key));
    }

    /** The bytes of an object, or empty when it does not exist. */
    public Optional<byte[]> content(String bucket, String key) {
        return find(bucket, key).map(o -> contents.read(bucket, key));
    }

    /** @return true when the object existed */
    public boolean delete(String bucket, String key) {
        NavigableMap<String, StoredObject> objects = buckets.get(bucket);
        if (objects == null) {
            return false;
        }
        synchronized (objects) {
            boolean existed = objects.remove(key) != null;
            if (existed) {
                contents.delete(bucket, key);
            }
            return existed;
        }
    }

    /** The bucket's objects in key order, a live view; the bucket must exist. */
    public NavigableMap<String, StoredObject> objects(String bucket) {
        return java.util.Collections.unmodifiableNavigableMap(objectsOf(bucket));
    }

    public int count(String bucket) {
        NavigableMap<String, StoredObject> objects = buckets.get(bucket);
        return objects == null ? 0 : objects.size();
    }

    private NavigableMap<String, StoredObject> objectsOf(String bucket) {
        NavigableMap<String, StoredObject> objects = buckets.get(bucket);
        if (objects == null) {
            throw new IllegalArgumentException("no bucket " + bucket);
        }
        return objects;
    }

    static String md5Hex(byte[] content) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the bytes go. */
    interface Contents {
        void createBucket(String bucket);

        void deleteBucket(String bucket);

        void write(String bucket, StoredObject object, byte[] content);

        byte[] read(String bucket, String key);

        void delete(String bucket, String key);
    }

    private static final class MemoryContents implements Contents {
        private final ConcurrentHashMap<String, byte[]> bytes = new ConcurrentHashMap<>();

        @Override
        public void createBucket(String bucket) {
        }

        @Override
        public void deleteBucket(String bucket) {
        }

        @Override
        public void write(String bucket, StoredObject object, byte[] content) {
            bytes.put(bucket + '\n' + object.key(), content);
        }

        @Override
        public byte[] read(String bucket, String key) {
            byte[] content = bytes.get(bucket + '\n' + key);
            return content == null ? new byte[0] : content;
        }

        @Override
        public void delete(String bucket, String key) {
            bytes.remove(bucket + '\n' + key);
        }
    }
}
