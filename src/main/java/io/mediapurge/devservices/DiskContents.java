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
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Each object is two files named by the SHA-256 of its key (keys may be longer than a file
 * name and contain any character): {@code .bin} with the bytes, {@code .properties} with the
 * key and metadata. Both are written to a temporary file and moved into place.
 */
final class DiskContents implements BucketStore.Contents {
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
