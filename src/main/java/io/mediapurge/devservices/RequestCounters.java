package io.mediapurge.devservices;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many requests of each operation reached the endpoint, faulted ones included, so a test
 * can assert how many calls the client really made, and how many it had in flight at once.
 * Refused connections never arrive and are not counted.
 */
public final class RequestCounters {

    private final ConcurrentHashMap<OssOperation, LongAdder> counts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> signatures = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();

    void count(OssOperation operation) {
        counts.computeIfAbsent(operation, op -> new LongAdder()).increment();
    }

    /** A request arrived; it is in flight until its answer is written or its connection reset. */
    void started() {
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    void finished() {
        inFlight.decrementAndGet();
    }

    /** The most requests held at once since the last reset, injected latency included. */
    public int peakInFlight() {
        return peakInFlight.get();
    }

    void countSignature(String version) {
        signatures.computeIfAbsent(version, v -> new LongAdder()).increment();
    }

    /** Requests accepted with this signature version ("V1" or "V4"). */
    public long signedWith(String version) {
        LongAdder count = signatures.get(version);
        return count == null ? 0 : count.sum();
    }

    public long get(OssOperation operation) {
        LongAdder count = counts.get(operation);
        return count == null ? 0 : count.sum();
    }

    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Map<OssOperation, Long> snapshot() {
        Map<OssOperation, Long> snapshot = new EnumMap<>(OssOperation.class);
        counts.forEach((op, count) -> snapshot.put(op, count.sum()));
        return snapshot;
    }

    public void reset() {
        counts.clear();
        signatures.clear();
        peakInFlight.set(inFlight.get());
    }
}
