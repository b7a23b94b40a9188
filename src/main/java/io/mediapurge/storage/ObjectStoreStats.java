package io.mediapurge.storage;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the gateway per OSS operation (DeleteMultipleObjects, DeleteObject, HeadObject,
 * GetObjectMeta): calls, HTTP requests, keys, retries, failures and latency, cheap enough for
 * every call and read as snapshots by the metrics endpoint.
 */
public final class ObjectStoreStats {

    /** The counters of one operation at one moment. */
    public record Snapshot(long calls, long requests, long keys, long retries, long failures,
            Duration totalLatency, Duration maxLatency) {
        public Duration meanLatency() {
            return calls == 0 ? Duration.ZERO : totalLatency.dividedBy(calls);
        }
    }

    private static final class Counters {
        final LongAdder calls = new LongAdder();
        final LongAdder requests = new LongAdder();
        final LongAdder keys = new LongAdder();
        final LongAdder retries = new LongAdder();
        final LongAdder failures = new LongAdder();
        final LongAdder latencyNanos = new LongAdder();
        final LongAccumulator maxLatencyNanos = new LongAccumulator(Math::max, 0);
    }

    private final ConcurrentHashMap<String, Counters> byOperation = new ConcurrentHashMap<>();

    /**
     * Records one call of an operation, which took {@code attempts} requests.
     *
     * @param keys the keys the call was about (1 for single-object operations)
     */
    void record(String operation, int attempts, int keys, boolean failed, long latencyNanos) {
        Counters c = byOperation.computeIfAbsent(operation, op -> new Counters());
        c.calls.increment();
        c.requests.add(attempts);
        c.keys.add(keys);
        c.retries.add(Math.max(0, attempts - 1));
        if (failed) {
            c.failures.increment();
        }
        c.latencyNanos.add(latencyNanos);
        c.maxLatencyNanos.accumulate(latencyNanos);
    }

    public Snapshot of(String operation) {
        Counters c = byOperation.get(operation);
        if (c == null) {
            return new Snapshot(0, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO);
        }
        return new Snapshot(c.calls.sum(), c.requests.sum(), c.keys.sum(), c.retries.sum(), c.failures.sum(),
                Duration.ofNanos(c.latencyNanos.sum()), Duration.ofNanos(c.maxLatencyNanos.get()));
    }

    /** Every operation seen so far, by name. */
    public Map<String, Snapshot> snapshot() {
        Map<String, Snapshot> all = new TreeMap<>();
        byOperation.keySet().forEach(op -> all.put(op, of(op)));
        return all;
    }
}
