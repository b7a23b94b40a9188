package io.mediapurge.devservices;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many requests of each operation reached the endpoint, faulted ones included, so a test
 * can assert how many calls the client really made. Refused connections never arrive and are
 * not counted.
 */
public final class RequestCounters {

    private final ConcurrentHashMap<OssOperation, LongAdder> counts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> signatures = new ConcurrentHashMap<>();

    void count(OssOperation operation) {
        counts.computeIfAbsent(operation, op -> new LongAdder()).increment();
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
    }
}
