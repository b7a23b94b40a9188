package io.mediapurge.purge.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

import io.mediapurge.jobrepository.ExecutionTables;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The purge-media counts of every execution, summed from purge_execution, as application metrics:
 * the database is the truth shared by all instances, so every instance reports the cluster's
 * totals. Read at most every few seconds, however often Prometheus scrapes.
 */
@ApplicationScoped
public class PurgeMetrics {

    static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(5);

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Inject
    ExecutionTables tables;

    /** {@code itemsPerSecond}: the running executions' rates (requests read per second of each run), summed. */
    private record Totals(long read, long deleted, long ignored, long forbidden, long failed, long files, long bytes,
            long ossRequests, long running, double itemsPerSecond) {
    }

    private volatile Totals totals = new Totals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    private volatile long readAt;

    void register(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        gauge("mediapurge_purge_requests_total", "Deletion requests decided by purge-media, by outcome", Totals::deleted,
                new Tag("outcome", "deleted"));
        gauge("mediapurge_purge_requests_total", "Deletion requests decided by purge-media, by outcome", Totals::ignored,
                new Tag("outcome", "ignored"));
        gauge("mediapurge_purge_requests_total", "Deletion requests decided by purge-media, by outcome", Totals::forbidden,
                new Tag("outcome", "forbidden"));
        gauge("mediapurge_purge_requests_total", "Deletion requests decided by purge-media, by outcome", Totals::failed,
                new Tag("outcome", "failed"));
        gauge("mediapurge_purge_files_deleted_total", "Files purge-media deleted from OSS", Totals::files);
        gauge("mediapurge_purge_bytes_deleted_total", "Bytes purge-media deleted from OSS", Totals::bytes);
        gauge("mediapurge_purge_oss_requests_total", "OSS requests purge-media sent, retries included", Totals::ossRequests);
        gauge("mediapurge_purge_running_executions", "purge-media executions not yet ended", Totals::running);
        registry.gauge(Metadata.builder().withName("mediapurge_purge_items_per_second")
                .withDescription("Requests per second the running purge-media executions read, summed").build(), this,
                metrics -> metrics.current().itemsPerSecond());
    }

    private void gauge(String name, String description, ToLongFunction<Totals> value, Tag... tags) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), this,
                metrics -> value.applyAsLong(metrics.current()), tags);
    }

    private Totals current() {
        if (System.nanoTime() - readAt > FRESH_NANOS) {
            try {
                List<ExecutionTables.Running> open = new ArrayList<>();
                long[] sums = tables.totals(open);
                double rate = 0;
                Instant now = Instant.now();
                for (ExecutionTables.Running run : open) {
                    rate += run.read() / Math.max(1.0, Duration.between(run.started(), now).toMillis() / 1000.0);
                }
                totals = new Totals(sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6], sums[7], open.size(), rate);
                readAt = System.nanoTime();
            } catch (java.sql.SQLException e) {
                // the last totals stand; readiness reports the database
            }
        }
        return totals;
    }
}
