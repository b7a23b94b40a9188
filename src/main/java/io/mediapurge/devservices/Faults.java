package io.mediapurge.devservices;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.mediapurge.storage.OssError;

/**
 * The faults the endpoint injects, set by tests in-process or through the admin path. All
 * methods are thread-safe and take effect on the next request.
 */
public final class Faults {

    /** How the endpoint misbehaves during an outage window. */
    public enum Outage {
        /** The listening socket is closed: connections are refused. */
        REFUSE,
        /** Each request's connection is reset (TCP RST) before any answer. */
        RESET,
        /** Each request is read and never answered while the window lasts. */
        STALL
    }

    /** An error answer: HTTP status and OSS error code. */
    public record InjectedError(int status, String code) {
        public static InjectedError forStatus(int status) {
            return new InjectedError(status, OssError.codeForStatus(status).orElse("InvalidRequest"));
        }
    }

    private record ErrorRule(OssOperation operation, InjectedError error, double rate, AtomicInteger remaining) {
        boolean matches(OssOperation op) {
            return operation == null || operation == op;
        }
    }

    private record Latency(long minMillis, long maxMillis) {
    }

    private record Window(Outage kind, long untilNanos) {
    }

    private volatile Latency latency = new Latency(0, 0);
    private final List<ErrorRule> errors = new CopyOnWriteArrayList<>();
    private volatile Window outage;
    private final Map<String, InjectedError> keyFailures = new ConcurrentHashMap<>();
    private volatile Consumer<Duration> refuseListener = d -> { };

    /** Every request waits this long before it is handled. */
    public Faults latency(Duration fixed) {
        return latency(fixed, fixed);
    }

    /** Every request waits a random time between the two bounds. */
    public Faults latency(Duration min, Duration max) {
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("latency max below min");
        }
        latency = new Latency(min.toMillis(), max.toMillis());
        return this;
    }

    /** The next {@code times} requests of the operation (null: any) fail with the status. */
    public Faults failNext(OssOperation operation, int status, int times) {
        return failNext(operation, InjectedError.forStatus(status), times);
    }

    public Faults failNext(OssOperation operation, InjectedError error, int times) {
        errors.add(new ErrorRule(operation, error, 1.0, new AtomicInteger(times)));
        return this;
    }

    /** Requests of the operation (null: any) fail with the status at this rate, until cleared. */
    public Faults failRate(OssOperation operation, int status, double rate) {
        return failRate(operation, InjectedError.forStatus(status), rate);
    }

    public Faults failRate(OssOperation operation, InjectedError error, double rate) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("rate must be within 0..1");
        }
        errors.add(new ErrorRule(operation, error, rate, new AtomicInteger(Integer.MAX_VALUE)));
        return this;
    }

    /** Starts an outage window now, for the duration. */
    public Faults outage(Outage kind, Duration duration) {
        outage = new Window(kind, System.nanoTime() + duration.toNanos());
        if (kind == Outage.REFUSE) {
            refuseListener.accept(duration);
        }
        return this;
    }

    /**
     * The key is never reported deleted by DeleteMultipleObjects, and DeleteObject on it answers
     * the error (for example 403 AccessDenied), as a key under a retention policy would.
     */
    public Faults failKey(String bucket, String key, InjectedError error) {
        keyFailures.put(bucket + '/' + key, error);
        return this;
    }

    public Faults failKey(String bucket, String key, String code) {
        return failKey(bucket, key, new InjectedError(403, code));
    }

    /** Removes every fault; connections are accepted again at once. */
    public void clear() {
        latency = new Latency(0, 0);
        errors.clear();
        boolean refusing = currentOutage().filter(o -> o.getKey() == Outage.REFUSE).isPresent();
        outage = null;
        keyFailures.clear();
        if (refusing) {
            refuseListener.accept(Duration.ZERO);
        }
    }

    void onRefuse(Consumer<Duration> listener) {
        this.refuseListener = listener;
    }

    long latencyMillis() {
        Latency l = latency;
        return l.maxMillis == l.minMillis ? l.minMillis
                : ThreadLocalRandom.current().nextLong(l.minMillis, l.maxMillis + 1);
    }

    /** The outage in force now, with the time left in it. */
    Optional<Map.Entry<Outage, Duration>> currentOutage() {
        Window w = outage;
        if (w == null) {
            return Optional.empty();
        }
        long left = w.untilNanos - System.nanoTime();
        if (left <= 0) {
            return Optional.empty();
        }
        return Optional.of(Map.entry(w.kind, Duration.ofNanos(left)));
    }

    Optional<InjectedError> errorFor(OssOperation operation) {
        for (ErrorRule rule : errors) {
            if (!rule.matches(operation)) {
                continue;
            }
            if (rule.rate < 1.0 && ThreadLocalRandom.current().nextDouble() >= rule.rate) {
                continue;
            }
            // Take one from the budget; a rule used up stays harmless until cleared.
            if (rule.remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                return Optional.of(rule.error);
            }
        }
        return Optional.empty();
    }

    Optional<InjectedError> keyFailure(String bucket, String key) {
        return Optional.ofNullable(keyFailures.get(bucket + '/' + key));
    }
}
