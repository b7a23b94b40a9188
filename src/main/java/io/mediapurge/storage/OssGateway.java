package io.mediapurge.storage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.DeleteObjectsRequest;
import com.aliyun.oss.model.DeleteObjectsResult;
import com.aliyun.oss.model.ObjectMetadata;

/**
 * MediaPurge's one way into OSS: deletes files in bulk (per bucket, at most 1000 keys a request,
 * verbose so every key is accounted for), and heads objects for the registry. One thread-safe
 * {@code OSSClient} is shared by all callers; {@link #close()} releases its connections.
 *
 * <p>Every request runs under {@link RetryPolicy}: the SDK's own retries are off (it never
 * retries DeleteMultipleObjects anyway), so each gateway call has one budget and one deadline.
 *
 * <p>One file although over 300 lines: every request to OSS, whatever it does, goes through the
 * same client, retry budget and counters held here; the URL and error rules live beside it
 * ({@link OssUrl}, {@link OssError}, {@link RetryPolicy}).
 */
public final class OssGateway implements AutoCloseable {

    /**
     * Requests sent at once, across all callers (each chunk's deletion waits for its own): enough
     * for a chunk's buckets in several partitions, few enough for any OSS account's rate limits.
     */
    static final int PARALLEL_REQUESTS = 16;

    /** DeleteMultipleObjects takes at most this many keys. */
    public static final int MAX_KEYS_PER_REQUEST = 1000;

    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
    private static final int MAX_KEY_BYTES = 1023;

    static final String DELETE_MULTIPLE_OBJECTS = "DeleteMultipleObjects";
    static final String DELETE_OBJECT = "DeleteObject";
    static final String HEAD_OBJECT = "HeadObject";
    static final String GET_OBJECT_META = "GetObjectMeta";

    private final ObjectStoreSettings settings;
    private final OSS client;
    private final RetryPolicy retryPolicy;
    private final ObjectStoreStats stats = new ObjectStoreStats();
    /** Sends the requests of one delete call side by side; daemon threads, so they never hold a JVM open. */
    private final ExecutorService requestThreads;

    /** Builds the client; the settings must name an endpoint (see {@link ObjectStoreSettings#withEndpoint}). */
    public OssGateway(ObjectStoreSettings settings) {
        this(settings, new RetryPolicy(settings.retry(), settings.attemptLimit()));
    }

    OssGateway(ObjectStoreSettings settings, RetryPolicy retryPolicy) {
        if (!settings.endpointConfigured()) {
            throw new IllegalArgumentException("no OSS endpoint: set " + ObjectStoreSettings.ENDPOINT
                    + " or start the development endpoint first");
        }
        this.settings = settings;
        this.retryPolicy = retryPolicy;
        this.client = buildClient(settings);
        AtomicInteger threads = new AtomicInteger();
        this.requestThreads = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL_REQUESTS, settings.maxConnections())), r -> {
            Thread thread = new Thread(r, "mediapurge-oss-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private static OSS buildClient(ObjectStoreSettings settings) {
        ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
        conf.setConnectionTimeout((int) settings.connectTimeout().toMillis());
        conf.setConnectionRequestTimeout((int) settings.connectTimeout().toMillis());
        conf.setSocketTimeout((int) settings.socketTimeout().toMillis());
        // The socket timeout is per read; this caps a whole attempt, so the retry deadline holds.
        conf.setRequestTimeoutEnabled(true);
        conf.setRequestTimeout((int) settings.attemptLimit().toMillis());
        conf.setMaxErrorRetry(0);
        conf.setMaxConnections(settings.maxConnections());
        conf.setSLDEnabled(settings.pathStyle());
        conf.setSignatureVersion(settings.signature() == ObjectStoreSettings.SignatureVersion.V4
                ? SignVersion.V4 : SignVersion.V1);
        return OSSClientBuilder.create()
                .endpoint(settings.endpoint())
                .credentialsProvider(new DefaultCredentialProvider(settings.accessKeyId(), settings.accessKeySecret()))
                .clientConfiguration(conf)
                .region(settings.region())
                .build();
    }

    /** A bucket no one owns: asking for it shows OSS answers and accepts our signature, and touches nothing. */
    static final OssObject PROBE = new OssObject("mediapurge-readiness-probe", "probe");

    /**
     * Whether OSS answers and accepts this service's credentials: one HEAD, no backoff. "No such
     * bucket or key" is an answer; a refused connection, a timeout or a refused signature is not.
     */
    public boolean answers() {
        // Twice at most: after an outage the first request may meet a pooled connection OSS closed.
        for (int attempt = 1; ; attempt++) {
            try {
                client.getObjectMetadata(PROBE.bucket(), PROBE.key());
                return true;
            } catch (OSSException e) {
                // A HEAD answer has no body: a 404 arrives as a status only, classified by OssError.
                String code = OssError.of(e).code();
                return "NoSuchKey".equals(code) || "NoSuchBucket".equals(code);
            } catch (RuntimeException e) {
                if (attempt == 2) {
                    return false;
                }
            }
        }
    }

    /**
     * Deletes the objects, one DeleteMultipleObjects per bucket and 1000 keys, those requests sent
     * side by side (a chunk's files usually sit in several buckets, and each request mostly waits
     * for OSS). A key already missing counts as deleted. A key the answer does not report deleted
     * is retried alone with DeleteObject, whose error code then says why. Never takes longer than
     * the retry deadline; requests the deadline leaves no room for report the last error (or
     * DeadlineExceeded).
     */
    public DeletionReport delete(Collection<OssObject> objects) {
        Map<OssObject, DeletionReport.KeyOutcome> outcomes = new LinkedHashMap<>();
        Map<String, Set<OssObject>> byBucket = new LinkedHashMap<>();
        for (OssObject object : objects) {
            if (!outcomes.containsKey(object)) {
                outcomes.put(object, null);
                byBucket.computeIfAbsent(object.bucket(), b -> new LinkedHashSet<>()).add(object);
            }
        }
        RetryPolicy.Budget budget = retryPolicy.startBudget();
        List<Callable<Part>> parts = new ArrayList<>();
        for (Map.Entry<String, Set<OssObject>> bucket : byBucket.entrySet()) {
            List<OssObject> batchable = new ArrayList<>();
            for (OssObject object : bucket.getValue()) {
                // The SDK throws on these before sending, which would fail the whole batch.
                Optional<String> invalid = invalidName(object);
                if (invalid.isPresent()) {
                    outcomes.put(object, new DeletionReport.KeyOutcome(object, invalid.get()));
                } else if (fitsInXml(object.key())) {
                    batchable.add(object);
                } else {
                    // XML cannot carry this key intact; DeleteObject puts it in the URL instead.
                    parts.add(() -> new Part().deleteOne(object, budget));
                }
            }
            for (int from = 0; from < batchable.size(); from += MAX_KEYS_PER_REQUEST) {
                List<OssObject> batch = batchable.subList(from, Math.min(batchable.size(), from + MAX_KEYS_PER_REQUEST));
                parts.add(() -> new Part().deleteBatch(bucket.getKey(), batch, budget));
            }
        }
        int requests = 0;
        for (Part part : run(parts)) {
            outcomes.putAll(part.outcomes);
            requests += part.requests;
        }
        return new DeletionReport(outcomes, requests);
    }

    /** The parts of one delete call, side by side when there are several; each stays within the budget. */
    private List<Part> run(List<Callable<Part>> parts) {
        try {
            if (parts.size() == 1) {
                return List.of(parts.get(0).call());
            }
            List<Part> done = new ArrayList<>();
            for (Future<Part> part : requestThreads.invokeAll(parts)) {
                done.add(part.get());
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deleting from OSS", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** What one request (and the DeleteObject retries it leads to) did: its keys' outcomes and how many requests it took. */
    private final class Part {
        final Map<OssObject, DeletionReport.KeyOutcome> outcomes = new LinkedHashMap<>();
        int requests;

        Part deleteBatch(String bucket, List<OssObject> batch, RetryPolicy.Budget budget) {
            List<String> keys = batch.stream().map(OssObject::key).toList();
            long start = System.nanoTime();
            RetryPolicy.Outcome<DeleteObjectsResult> outcome = retryPolicy.run(budget, () -> client.deleteObjects(
                    new DeleteObjectsRequest(bucket).withKeys(new ArrayList<>(keys)).withQuiet(false)));
            requests += outcome.attempts();
            stats.record(DELETE_MULTIPLE_OBJECTS, outcome.attempts(), keys.size(),
                    outcome instanceof RetryPolicy.Failed, System.nanoTime() - start);
            if (outcome instanceof RetryPolicy.Failed<DeleteObjectsResult> failed) {
                batch.forEach(o -> outcomes.put(o, new DeletionReport.KeyOutcome(o, failed.error().code())));
                return this;
            }
            Set<String> deleted = new HashSet<>(((RetryPolicy.Succeeded<DeleteObjectsResult>) outcome).value()
                    .getDeletedObjects());
            for (OssObject object : batch) {
                if (deleted.contains(object.key())) {
                    outcomes.put(object, new DeletionReport.KeyOutcome(object, null));
                } else {
                    deleteOne(object, budget);
                }
            }
            return this;
        }

        Part deleteOne(OssObject object, RetryPolicy.Budget budget) {
            long start = System.nanoTime();
            RetryPolicy.Outcome<Object> outcome = retryPolicy.run(budget, () -> {
                client.deleteObject(object.bucket(), object.key());
                return Boolean.TRUE;
            });
            requests += outcome.attempts();
            stats.record(DELETE_OBJECT, outcome.attempts(), 1, outcome instanceof RetryPolicy.Failed,
                    System.nanoTime() - start);
            outcomes.put(object, new DeletionReport.KeyOutcome(object,
                    outcome instanceof RetryPolicy.Failed<Object> failed ? failed.error().code() : null));
            return this;
        }
    }

    /**
     * The object's facts, or empty when it does not exist.
     *
     * @throws ObjectStoreException when OSS cannot answer (after retries) or refuses access
     */
    public Optional<ObjectFacts> head(OssObject object) {
        refuseInvalidName(HEAD_OBJECT, object);
        long start = System.nanoTime();
        RetryPolicy.Outcome<Optional<ObjectMetadata>> outcome = retryPolicy.run(retryPolicy.startBudget(), () -> {
            try {
                return Optional.of(client.getObjectMetadata(object.bucket(), object.key()));
            } catch (OSSException e) {
                // A HEAD answer has no body: every 404 arrives as NoSuchKey, a missing bucket too.
                if ("NoSuchKey".equals(e.getErrorCode()) || "NoSuchBucket".equals(e.getErrorCode())) {
                    return Optional.empty();
                }
                throw e;
            }
        });
        stats.record(HEAD_OBJECT, outcome.attempts(), 1, outcome instanceof RetryPolicy.Failed,
                System.nanoTime() - start);
        if (outcome instanceof RetryPolicy.Failed<Optional<ObjectMetadata>> failed) {
            throw new ObjectStoreException(HEAD_OBJECT + " " + object, failed.error());
        }
        return ((RetryPolicy.Succeeded<Optional<ObjectMetadata>>) outcome).value().map(m -> new ObjectFacts(
                new OssObject(object.bucket(), object.key(), m.getContentLength()), m.getContentLength(),
                m.getETag(), m.getLastModified() == null ? null : m.getLastModified().toInstant(), m.getContentType()));
    }

    /**
     * Whether the object exists (HEAD with {@code ?objectMeta}).
     *
     * @throws ObjectStoreException when OSS cannot answer (after retries) or refuses access
     */
    public boolean exists(OssObject object) {
        refuseInvalidName(GET_OBJECT_META, object);
        long start = System.nanoTime();
        RetryPolicy.Outcome<Boolean> outcome = retryPolicy.run(retryPolicy.startBudget(),
                () -> client.doesObjectExist(object.bucket(), object.key()));
        stats.record(GET_OBJECT_META, outcome.attempts(), 1, outcome instanceof RetryPolicy.Failed,
                System.nanoTime() - start);
        if (outcome instanceof RetryPolicy.Failed<Boolean> failed) {
            throw new ObjectStoreException(GET_OBJECT_META + " " + object, failed.error());
        }
        return ((RetryPolicy.Succeeded<Boolean>) outcome).value();
    }

    public ObjectStoreStats stats() {
        return stats;
    }

    public ObjectStoreSettings settings() {
        return settings;
    }

    /** Releases the client's connections; the gateway cannot be used afterwards. */
    @Override
    public void close() {
        requestThreads.shutdownNow();
        client.shutdown();
    }

    /** The OSS error code for a bucket or key OSS would refuse: the SDK refuses them before sending. */
    static Optional<String> invalidName(OssObject object) {
        if (!BUCKET_NAME.matcher(object.bucket()).matches()) {
            return Optional.of("InvalidBucketName");
        }
        String key = object.key();
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES || key.startsWith("/") || key.startsWith("\\")) {
            return Optional.of("InvalidObjectName");
        }
        return Optional.empty();
    }

    private static void refuseInvalidName(String operation, OssObject object) {
        invalidName(object).ifPresent(code -> {
            throw new ObjectStoreException(operation + " " + object, new OssError(code, false, "refused before sending"));
        });
    }

    /** Whether XML 1.0 carries the key unchanged (no control characters, which parsers drop or rewrite). */
    static boolean fitsInXml(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= key.length() || !Character.isLowSurrogate(key.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }
}
