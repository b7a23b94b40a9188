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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
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
 * The requests run on this gateway's own threads and the caller waits for them no longer than
 * that deadline. The SDK's own whole-request timeout stays off: it hands every request to a pool
 * of its own sized five threads a CPU, with no setting, so on two cores no more than ten requests
 * were ever in flight, whatever the connection pool allowed.
 *
 * <p>One file although over 300 lines: every request to OSS, whatever it does, goes through the
 * same client, retry budget and counters held here; the URL and error rules live beside it
 * ({@link OssUrl}, {@link OssError}, {@link RetryPolicy}).
 */
public final class OssGateway implements AutoCloseable {

    /**
     * Requests in flight at once, across all callers (each chunk's deletion waits for its own), at
     * most the connection pool's size: the default run's 8 partitions with chunks in 4 buckets
     * each all at once; at a 20 ms OSS latency 1 600 requests a second at most.
     */
    static final int PARALLEL_REQUESTS = 32;

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
        // No whole-request timeout in the SDK (see the class comment): the socket timeout ends a
        // stalled attempt, and the wait in runWithinBudget keeps the call's deadline whatever the
        // endpoint does.
        conf.setRequestTimeoutEnabled(false);
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
        List<BoundedCall<Part>> parts = new ArrayList<>();
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
                    parts.add(new BoundedCall<>(() -> new Part().deleteOne(object, budget),
                            error -> new Part().failAll(List.of(object), error)));
                }
            }
            for (int from = 0; from < batchable.size(); from += MAX_KEYS_PER_REQUEST) {
                List<OssObject> batch = batchable.subList(from, Math.min(batchable.size(), from + MAX_KEYS_PER_REQUEST));
                parts.add(new BoundedCall<>(() -> new Part().deleteBatch(bucket.getKey(), batch, budget),
                        error -> new Part().failAll(batch, error)));
            }
        }
        int requests = 0;
        for (Part part : runWithinBudget(parts, budget)) {
            outcomes.putAll(part.outcomes);
            requests += part.requests;
        }
        return new DeletionReport(outcomes, requests);
    }

    /** One piece of work for the request threads, and its answer should the call's deadline pass first. */
    private record BoundedCall<T>(Callable<T> call, Function<OssError, T> unansweredByDeadline) {
    }

    /**
     * Runs the calls on the request threads, side by side, and waits for them no longer than the
     * budget's deadline. The budget starts no attempt that could overrun it and the socket timeout
     * ends a stalled one, so this wait only ever gives up on an endpoint that answers too slowly
     * for either (a byte at a time): that call is then reported RequestTimeout and its thread
     * ends with its socket.
     */
    private <T> List<T> runWithinBudget(List<BoundedCall<T>> calls, RetryPolicy.Budget budget) {
        List<Future<T>> running = new ArrayList<>();
        try {
            for (BoundedCall<T> call : calls) {
                running.add(requestThreads.submit(call.call()));
            }
            List<T> done = new ArrayList<>();
            for (int i = 0; i < calls.size(); i++) {
                try {
                    done.add(running.get(i).get(budget.remaining().toNanos(), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    running.get(i).cancel(true);
                    done.add(calls.get(i).unansweredByDeadline().apply(OssError.requestTimeout()));
                }
            }
            return done;
        } catch (InterruptedException e) {
            running.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for OSS", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
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

        Part failAll(List<OssObject> objects, OssError error) {
            objects.forEach(o -> outcomes.put(o, new DeletionReport.KeyOutcome(o, error.code())));
            requests++;
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
        RetryPolicy.Outcome<Optional<ObjectMetadata>> outcome = runAlone(() -> {
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
        RetryPolicy.Outcome<Boolean> outcome = runAlone(() -> client.doesObjectExist(object.bucket(), object.key()));
        stats.record(GET_OBJECT_META, outcome.attempts(), 1, outcome instanceof RetryPolicy.Failed,
                System.nanoTime() - start);
        if (outcome instanceof RetryPolicy.Failed<Boolean> failed) {
            throw new ObjectStoreException(GET_OBJECT_META + " " + object, failed.error());
        }
        return ((RetryPolicy.Succeeded<Boolean>) outcome).value();
    }

    /** One request with a budget of its own, its retries included, within that budget's deadline. */
    private <T> RetryPolicy.Outcome<T> runAlone(RetryPolicy.Attempt<T> attempt) {
        RetryPolicy.Budget budget = retryPolicy.startBudget();
        return runWithinBudget(List.of(new BoundedCall<RetryPolicy.Outcome<T>>(() -> retryPolicy.run(budget, attempt),
                error -> new RetryPolicy.Failed<>(error, 1))), budget).get(0);
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
