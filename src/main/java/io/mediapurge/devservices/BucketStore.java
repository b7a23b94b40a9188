package io.mediapurge.devservices;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Properties;
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
    private interface Contents {
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

    /**
     * Each object is two files named by the SHA-256 of its key (keys may be longer than a file
     * name and contain any character): {@code .bin} with the bytes, {@code .properties} with the
     * key and metadata. Both are written to a temporary file and moved into place.
     */
    private static final class DiskContents implements Contents {
        private static final String META_PREFIX = "meta.";
        private final Path root;

        DiskContents(Path root) {
            this.root = root;
            try {
                Files.createDirectories(root);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + root, e);
            }
        }

        void load(ConcurrentHashMap<String, ConcurrentSkipListMap<String, StoredObject>> buckets) {
            try (DirectoryStream<Path> bucketDirs = Files.newDirectoryStream(root, Files::isDirectory)) {
                for (Path bucketDir : bucketDirs) {
                    ConcurrentSkipListMap<String, StoredObject> objects = new ConcurrentSkipListMap<>();
                    try (DirectoryStream<Path> metas = Files.newDirectoryStream(bucketDir, "*.properties")) {
                        for (Path meta : metas) {
                            StoredObject object = readMeta(meta);
                            objects.put(object.key(), object);
                        }
                    }
                    buckets.put(bucketDir.getFileName().toString(), objects);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the object store under " + root, e);
            }
        }

        @Override
        public void createBucket(String bucket) {
            try {
                Files.createDirectories(root.resolve(bucket));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void deleteBucket(String bucket) {
            try {
                Files.deleteIfExists(root.resolve(bucket));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void write(String bucket, StoredObject object, byte[] content) {
            Path base = base(bucket, object.key());
            Properties meta = new Properties();
            meta.setProperty("key", object.key());
            meta.setProperty("size", Long.toString(object.size()));
            meta.setProperty("etag", object.etag());
            meta.setProperty("crc64", object.crc64());
            meta.setProperty("lastModified", object.lastModified().toString());
            meta.setProperty("contentType", object.contentType());
            object.userMetadata().forEach((name, value) -> meta.setProperty(META_PREFIX + name, value));
            try {
                replace(base.resolveSibling(base.getFileName() + ".bin"), content);
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                meta.store(out, null);
                replace(base.resolveSibling(base.getFileName() + ".properties"), out.toByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public byte[] read(String bucket, String key) {
            Path base = base(bucket, key);
            try {
                return Files.readAllBytes(base.resolveSibling(base.getFileName() + ".bin"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void delete(String bucket, String key) {
            Path base = base(bucket, key);
            try {
                Files.deleteIfExists(base.resolveSibling(base.getFileName() + ".properties"));
                Files.deleteIfExists(base.resolveSibling(base.getFileName() + ".bin"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Path base(String bucket, String key) {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
                return root.resolve(bucket).resolve(HexFormat.of().formatHex(hash));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void replace(Path target, byte[] content) throws IOException {
            Path temp = Files.createTempFile(target.getParent(), ".tmp-", null);
            try (OutputStream out = Files.newOutputStream(temp)) {
                out.write(content);
            }
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }

        private static StoredObject readMeta(Path file) throws IOException {
            Properties meta = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                meta.load(in);
            }
            Map<String, String> user = new LinkedHashMap<>();
            for (String name : new TreeSet<>(meta.stringPropertyNames())) {
                if (name.startsWith(META_PREFIX)) {
                    user.put(name.substring(META_PREFIX.length()), meta.getProperty(name));
                }
            }
            return new StoredObject(meta.getProperty("key"), Long.parseLong(meta.getProperty("size")),
                    meta.getProperty("etag"), meta.getProperty("crc64"),
                    Instant.parse(meta.getProperty("lastModified")), meta.getProperty("contentType"), user);
        }
    }
}
