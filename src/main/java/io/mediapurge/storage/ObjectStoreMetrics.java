package io.mediapurge.storage;

import java.util.List;
import java.util.function.ToDoubleFunction;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The gateway's counters as application metrics, per OSS operation: calls, HTTP requests, keys,
 * retries, failures and latency ({@code /metrics?scope=application}).
 */
@ApplicationScoped
public class ObjectStoreMetrics {

    static final List<String> OPERATIONS = List.of(OssGateway.DELETE_MULTIPLE_OBJECTS, OssGateway.DELETE_OBJECT,
            OssGateway.HEAD_OBJECT, OssGateway.GET_OBJECT_META);

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Inject
    ObjectStoreConnection connection;

    void register(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        ObjectStoreStats stats = connection.gateway().stats();
        for (String operation : OPERATIONS) {
            Tag tag = new Tag("operation", operation);
            gauge("mediapurge_oss_calls_total", "Gateway calls", MetricUnits.NONE, stats, operation, s -> s.calls(), tag);
            gauge("mediapurge_oss_requests_total", "HTTP requests sent to OSS, retries included", MetricUnits.NONE,
                    stats, operation, s -> s.requests(), tag);
            gauge("mediapurge_oss_keys_total", "Object keys handled", MetricUnits.NONE, stats, operation, s -> s.keys(), tag);
            gauge("mediapurge_oss_retries_total", "Retried requests", MetricUnits.NONE, stats, operation, s -> s.retries(), tag);
            gauge("mediapurge_oss_failures_total", "Calls that failed after the retry budget", MetricUnits.NONE,
                    stats, operation, s -> s.failures(), tag);
            gauge("mediapurge_oss_latency_mean", "Mean call latency", MetricUnits.MILLISECONDS, stats, operation,
                    s -> s.meanLatency().toNanos() / 1e6, tag);
            gauge("mediapurge_oss_latency_max", "Longest call latency", MetricUnits.MILLISECONDS, stats, operation,
                    s -> s.maxLatency().toNanos() / 1e6, tag);
        }
    }

    private void gauge(String name, String description, String unit, ObjectStoreStats stats, String operation,
            ToDoubleFunction<ObjectStoreStats.Snapshot> value, Tag tag) {
        Metadata metadata = Metadata.builder().withName(name).withDescription(description).withUnit(unit).build();
        registry.gauge(metadata, stats, s -> value.applyAsDouble(s.of(operation)), tag);
    }
}
