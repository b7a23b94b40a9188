package io.mediapurge.bench;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import io.mediapurge.devservices.BucketStore;
import io.mediapurge.storage.OssObject;

/**
 * A numbered set of generated assets, computed on demand and never held: asset i has three files
 * (source, transcode, cover) in buckets i, i+1 and i+2 of four, so 20 consecutive assets (one
 * chunk) touch all four buckets with 15 keys each. Media IDs are 32 hex digits made of the set's
 * tag and the number, so every set is disjoint from the others.
 */
record AssetSet(String tag, long first, long count) {

    static final List<String> BUCKETS = List.of("bench-media-0", "bench-media-1", "bench-media-2", "bench-media-3");
    static final int FILES_PER_ASSET = 3;
    private static final byte[] CONTENT = "bench".getBytes(StandardCharsets.UTF_8);
    private static final long SOURCE_BYTES = 48L * 1024 * 1024;

    AssetSet {
        if (!tag.matches("[a-z0-9]{1,12}")) {
            throw new IllegalArgumentException("a set's tag is 1 to 12 lowercase letters or digits");
        }
    }

    /** The first {@code count} assets of the set named {@code tag}. */
    static AssetSet of(String tag, long count) {
        return new AssetSet(tag, 0, count);
    }

    /** 8 hex digits from the tag (never starting "dead", which a policy in the seed denies), then 24 of the number. */
    String mediaId(long i) {
        String prefix = String.format("%08x", tag.hashCode() & 0x7fffffff | 0x10000000);
        return prefix + String.format("%024x", first + i);
    }

    List<OssObject> files(long i) {
        long n = first + i;
        String base = "bench/" + tag + "/" + String.format("%08d", n);
        return List.of(
                new OssObject(bucket(n), base + "/source.mp4"),
                new OssObject(bucket(n + 1), base + "/720p.mp4"),
                new OssObject(bucket(n + 2), base + "/cover.jpg"));
    }

    private static String bucket(long n) {
        return BUCKETS.get((int) (n % BUCKETS.size()));
    }

    /** Puts every file of the set into the endpoint's store, as if uploaded earlier. */
    void putInto(BucketStore store) {
        for (long i = 0; i < count; i++) {
            for (OssObject f : files(i)) {
                store.put(f.bucket(), f.key(), CONTENT, null, Map.of());
            }
        }
    }

    /** How many of the set's files are still in the store. */
    long remainingIn(BucketStore store) {
        long remaining = 0;
        for (long i = 0; i < count; i++) {
            for (OssObject f : files(i)) {
                if (store.find(f.bucket(), f.key()).isPresent()) {
                    remaining++;
                }
            }
        }
        return remaining;
    }

    /** One NDJSON line of {@code POST /api/v1/media:import} for asset i. */
    String importLine(String ownerUid, long i) {
        List<OssObject> f = files(i);
        return "{\"ownerUid\":\"" + ownerUid + "\",\"mediaId\":\"" + mediaId(i) + "\",\"title\":\"bench " + tag + " " + (first + i)
                + "\",\"mediaType\":\"video\",\"files\":["
                + "{\"url\":\"oss://" + f.get(0).bucket() + "/" + f.get(0).key() + "\",\"role\":\"source\",\"size\":" + SOURCE_BYTES + "},"
                + "{\"url\":\"oss://" + f.get(1).bucket() + "/" + f.get(1).key() + "\",\"role\":\"transcode\",\"size\":" + SOURCE_BYTES / 4 + "},"
                + "{\"url\":\"oss://" + f.get(2).bucket() + "/" + f.get(2).key() + "\",\"role\":\"cover\",\"size\":65536}]}\n";
    }

    /** The set's media IDs, one a line, as a purge submission's CSV. */
    InputStream csv() {
        return new GeneratedLines(count, i -> mediaId(i) + "\n");
    }

    /** The set's import lines. */
    InputStream ndjson(String ownerUid) {
        return new GeneratedLines(count, i -> importLine(ownerUid, i));
    }

    /** Several sets' import lines, one after another, as one body. */
    static InputStream ndjson(String ownerUid, List<AssetSet> sets) {
        long total = sets.stream().mapToLong(AssetSet::count).sum();
        return new GeneratedLines(total, i -> {
            long rest = i;
            for (AssetSet set : sets) {
                if (rest < set.count()) {
                    return set.importLine(ownerUid, rest);
                }
                rest -= set.count();
            }
            throw new IndexOutOfBoundsException(i);
        });
    }

    /** The files of assets {@code from} to {@code from + size - 1}: what one chunk of the job deletes. */
    List<OssObject> filesOf(long from, int size) {
        List<OssObject> files = new ArrayList<>();
        for (long i = from; i < Math.min(count, from + size); i++) {
            files.addAll(files(i));
        }
        return files;
    }

    /** Lines produced one at a time, the same bytes each time the stream is opened anew. */
    private static final class GeneratedLines extends InputStream {
        private final long lines;
        private final LongFunction<String> line;
        private long next;
        private byte[] current = new byte[0];
        private int position;

        GeneratedLines(long lines, LongFunction<String> line) {
            this.lines = lines;
            this.line = line;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            int copied = 0;
            while (copied < length) {
                if (position == current.length) {
                    if (next == lines) {
                        break;
                    }
                    current = line.apply(next++).getBytes(StandardCharsets.UTF_8);
                    position = 0;
                }
                int n = Math.min(length - copied, current.length - position);
                System.arraycopy(current, position, into, offset + copied, n);
                position += n;
                copied += n;
            }
            return copied == 0 && length > 0 ? -1 : copied;
        }
    }
}
