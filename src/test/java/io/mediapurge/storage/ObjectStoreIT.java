package io.mediapurge.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.mediapurge.devservices.DevelopmentOssEndpoint;
import io.mediapurge.devservices.OssEndpoint;
import io.mediapurge.devservices.OssOperation;

import jakarta.inject.Inject;

/**
 * Inside Payara Micro: the trimmed OSS SDK and the embedded endpoint (Jetty beside Grizzly) work in
 * the deployed WAR, and the gateway deletes through them with one request per bucket.
 */
@ExtendWith(ArquillianExtension.class)
class ObjectStoreIT {

    @Inject
    ObjectStoreConnection connection;

    @Inject
    DevelopmentOssEndpoint development;

    @ArquillianResource
    URL base;

    @Test
    void gatewayDeletesThroughTheEmbeddedEndpointInsidePayara() {
        OssEndpoint endpoint = development.endpoint().orElseThrow();
        OssGateway gateway = connection.gateway();
        assertEquals(endpoint.url().toString(), gateway.settings().endpoint());

        endpoint.store().createBucket("it-one");
        endpoint.store().createBucket("it-two");
        List<OssObject> files = List.of(new OssObject("it-one", "a.mp4"), new OssObject("it-one", "b/c.mp4"),
                new OssObject("it-two", "d.jpg"));
        for (OssObject f : files) {
            endpoint.store().put(f.bucket(), f.key(), new byte[] {1, 2, 3}, "application/octet-stream", java.util.Map.of());
        }
        assertTrue(gateway.exists(files.get(0)));
        assertEquals(3, gateway.head(files.get(2)).orElseThrow().size());

        long before = endpoint.counters().get(OssOperation.DELETE_MULTIPLE_OBJECTS);
        DeletionReport report = gateway.delete(files);
        assertTrue(report.allDeleted(), report::toString);
        assertEquals(2, endpoint.counters().get(OssOperation.DELETE_MULTIPLE_OBJECTS) - before, "one request per bucket");
        assertFalse(gateway.exists(files.get(0)));
        assertTrue(gateway.delete(files).allDeleted(), "a key already gone counts as deleted");
    }

    /** The gateway's counters per operation are in the Prometheus output for operators. */
    @Test
    @RunAsClient
    void gatewayCountersArePublishedAsMetrics() throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                base.toURI().resolve("/metrics?scope=application")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        for (String name : List.of("mediapurge_oss_requests_total", "mediapurge_oss_keys_total", "mediapurge_oss_retries_total",
                "mediapurge_oss_failures_total", "mediapurge_oss_latency_mean")) {
            assertTrue(metrics.body().lines().anyMatch(l -> l.startsWith(name) && l.contains("operation=\"DeleteMultipleObjects\"")),
                    () -> name + " missing from:\n" + metrics.body());
        }
        for (String outcome : List.of("deleted", "ignored", "forbidden", "failed")) {
            assertTrue(metrics.body().lines().anyMatch(l -> l.startsWith("mediapurge_purge_requests_total")
                    && l.contains("outcome=\"" + outcome + "\"")), () -> "purge counts missing from:\n" + metrics.body());
        }
        assertTrue(metrics.body().contains("mediapurge_purge_running_executions"), metrics::body);
    }
}
