package io.mediapurge.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.mediapurge.devservices.Faults;
import io.mediapurge.devservices.OssEndpoint;
import io.mediapurge.devservices.OssOperation;

/**
 * The gateway with the real aliyun-sdk-oss client over HTTP against the OSS-compatible endpoint:
 * grouping per bucket, retries, outages and per-key failures, as an operator would see them.
 */
class OssGatewayTest {

    static final String ID = "gateway-test";
    static final String SECRET = "gateway-test-secret";
    /** Short timeouts so an outage test takes seconds; the deadline holds two attempts at most. */
    static final Duration CONNECT = Duration.ofMillis(500);
    static final Duration SOCKET = Duration.ofMillis(1000);
    static final Duration DEADLINE = Duration.ofMillis(3000);
    static final ObjectStoreSettings.Retry RETRY = new ObjectStoreSettings.Retry(4, Duration.ofMillis(20),
            Duration.ofMillis(100), DEADLINE);

    static OssEndpoint endpoint;
    static OssGateway gateway;

    @BeforeAll
    static void start() {
        endpoint = OssEndpoint.builder().credentials(ID, SECRET).start();
        gateway = new OssGateway(settings(ObjectStoreSettings.SignatureVersion.V4, SECRET));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        endpoint.stop();
    }

    @BeforeEach
    void calm() {
        endpoint.faults().clear();
        endpoint.counters().reset();
        for (String bucket : List.of("photos", "videos", "audio")) {
            endpoint.store().createBucket(bucket);
            endpoint.store().objects(bucket).keySet().forEach(k -> endpoint.store().delete(bucket, k));
        }
    }

    static ObjectStoreSettings settings(ObjectStoreSettings.SignatureVersion signature, String secret) {
        return ObjectStoreSettings.from(name -> Optional.ofNullable(Map.of(
                        ObjectStoreSettings.ENDPOINT, endpoint.url().toString(),
                        ObjectStoreSettings.ACCESS_KEY_ID, ID,
                        ObjectStoreSettings.ACCESS_KEY_SECRET, secret,
                        ObjectStoreSettings.SIGNATURE, signature.name()).get(name)))
                .withTimeouts(CONNECT, SOCKET, RETRY);
    }

    static List<OssObject> put(String bucket, int count, String prefix) {
        List<OssObject> objects = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = prefix + i;
            endpoint.store().put(bucket, key, ("bytes of " + key).getBytes(StandardCharsets.UTF_8), null, Map.of());
            objects.add(new OssObject(bucket, key));
        }
        return objects;
    }

    @ParameterizedTest
    @EnumSource(ObjectStoreSettings.SignatureVersion.class)
    void filesInThreeBucketsTakeExactlyThreeRequests(ObjectStoreSettings.SignatureVersion signature) {
        List<OssObject> files = new ArrayList<>();
        files.addAll(put("photos", 4, "p/"));
        files.addAll(put("videos", 5, "v/"));
        files.add(new OssObject("photos", "already/gone.jpg"));
        files.addAll(put("audio", 3, "a/"));
        files.add(files.get(0)); // listed twice, deleted once

        try (OssGateway signed = new OssGateway(settings(signature, SECRET))) {
            DeletionReport report = signed.delete(files);

            assertTrue(report.allDeleted(), report::toString);
            assertEquals(13, report.outcomes().size());
            assertEquals(files.subList(0, 13), report.outcomes().stream().map(DeletionReport.KeyOutcome::object).toList(),
                    "in the order asked, though the buckets' requests ran side by side");
            assertEquals(3, report.requests());
            assertEquals(3, endpoint.counters().get(OssOperation.DELETE_MULTIPLE_OBJECTS));
            assertEquals(3, endpoint.counters().total());
            assertEquals(0, endpoint.store().count("photos") + endpoint.store().count("videos")
                    + endpoint.store().count("audio"));
        }
    }

    @Test
    void twentyFiveHundredKeysInOneBucketTakeThreeRequests() {
        List<OssObject> files = put("videos", 2500, "clips/2024/");

        DeletionReport report = gateway.delete(files);

        assertEquals(2500, report.deleted().size());
        assertEquals(3, endpoint.counters().get(OssOperation.DELETE_MULTIPLE_OBJECTS));
        assertEquals(0, endpoint.store().count("videos"));
        ObjectStoreStats.Snapshot stats = gateway.stats().of("DeleteMultipleObjects");
        assertTrue(stats.keys() >= 2500 && stats.requests() >= 3);
    }

    @Test
    void oneGatewayServesManyThreadsAtOnce() throws Exception {
        List<List<OssObject>> perThread = IntStream.range(0, 4).mapToObj(t -> put("audio", 300, "t" + t + "/")).toList();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<DeletionReport>> reports = new ArrayList<>();
            perThread.forEach(files -> reports.add(threads.submit(() -> gateway.delete(files))));
            for (Future<DeletionReport> report : reports) {
                assertEquals(300, report.get(10, TimeUnit.SECONDS).deleted().size());
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(0, endpoint.store().count("audio"));
        assertEquals(4, endpoint.counters().get(OssOperation.DELETE_MULTIPLE_OBJECTS));
    }

    @Test
    void aCallsRequestsAreAllInFlightAtOnce() {
        // With the SDK's own whole-request timeout on, its pool of five threads a CPU queued the rest.
        List<OssObject> files = new ArrayList<>();
        for (int b = 0; b < OssGateway.PARALLEL_REQUESTS; b++) {
            endpoint.store().createBucket("wide-" + b);
            files.addAll(put("wide-" + b, 2, "f/"));
        }
        endpoint.faults().latency(Duration.ofMillis(300));

        DeletionReport report = gateway.delete(files);

        assertTrue(report.allDeleted(), report::toString);
        assertEquals(OssGateway.PARALLEL_REQUESTS, endpoint.counters().get(OssOperation.DELETE_MULTIPLE_OBJECTS));
        assertEquals(OssGateway.PARALLEL_REQUESTS, endpoint.counters().peakInFlight(), "one request per bucket, all at once");
    }

    @Test
    void anEndpointTheSocketTimeoutCannotEndStillMissesNoDeadline() {
        // A socket timeout far past the deadline stands in for an endpoint that answers a byte at
        // a time: no read ever times out, so only the gateway's own wait can end the call.
        List<OssObject> files = put("photos", 2, "slow/");
        files.addAll(put("videos", 1, "slow/"));
        endpoint.faults().outage(Faults.Outage.STALL, Duration.ofSeconds(30));
        ObjectStoreSettings patientSocket = settings(ObjectStoreSettings.SignatureVersion.V4, SECRET)
                .withTimeouts(CONNECT, Duration.ofSeconds(20), new ObjectStoreSettings.Retry(4, Duration.ofMillis(20),
                        Duration.ofMillis(100), Duration.ofSeconds(25)));

        try (OssGateway patient = new OssGateway(patientSocket, new RetryPolicy(RETRY, CONNECT.plus(SOCKET)))) {
            long start = System.nanoTime();
            DeletionReport report = patient.delete(files);
            Duration deleteTook = Duration.ofNanos(System.nanoTime() - start);
            start = System.nanoTime();
            ObjectStoreException head = assertThrows(ObjectStoreException.class, () -> patient.head(files.get(0)));
            Duration headTook = Duration.ofNanos(System.nanoTime() - start);

            assertEquals(3, report.failed().size());
            assertTrue(report.failed().stream().allMatch(k -> "RequestTimeout".equals(k.errorCode())), report::toString);
            assertEquals("RequestTimeout", head.error().code());
            for (Duration took : List.of(deleteTook, headTook)) {
                assertTrue(took.compareTo(DEADLINE) >= 0 && took.compareTo(DEADLINE.plusSeconds(1)) < 0, "took " + took);
            }
        }
        endpoint.faults().clear();
        assertEquals(3, endpoint.store().count("photos") + endpoint.store().count("videos"), "nothing deleted");
    }

    @Test
    void keysTheXmlBodyCannotCarryAreDeletedOneByOne() {
        List<OssObject> files = put("photos", 1, "ordinary");
        files.addAll(List.of(new OssObject("photos", "a&b<c>\"quoted\" 'x'.jpg"),
                new OssObject("photos", "视频/封面 1.jpg"), new OssObject("photos", "line\nbreak.jpg")));
        files.forEach(f -> endpoint.store().put(f.bucket(), f.key(), new byte[1], null, Map.of()));

        DeletionReport report = gateway.delete(files);

        assertTrue(report.allDeleted(), report::toString);
        assertEquals(0, endpoint.store().count("photos"));
        assertEquals(1, endpoint.counters().get(OssOperation.DELETE_MULTIPLE_OBJECTS));
        assertEquals(1, endpoint.counters().get(OssOperation.DELETE_OBJECT));
    }

    @Test
    void namesOssWouldRefuseFailAloneWithoutSinkingTheirBatch() {
        List<OssObject> files = put("photos", 2, "fine/");
        files.add(new OssObject("photos", "/leading-slash.jpg"));
        files.add(new OssObject("photos", "k".repeat(1024)));
        files.add(new OssObject("Bad_Bucket", "a.jpg"));

        DeletionReport report = gateway.delete(files);

        assertEquals(files.subList(0, 2), report.deleted());
        assertEquals("InvalidObjectName", report.outcomeOf(files.get(2)).orElseThrow().errorCode());
        assertEquals("InvalidObjectName", report.outcomeOf(files.get(3)).orElseThrow().errorCode());
        assertEquals("InvalidBucketName", report.outcomeOf(files.get(4)).orElseThrow().errorCode());
        assertEquals(1, endpoint.counters().total());
    }

    @Test
    void serviceUnavailableTwiceThenSuccessDeletesWithThreeRequests() {
        List<OssObject> files = put("photos", 10, "retry/");
        endpoint.faults().failNext(OssOperation.DELETE_MULTIPLE_OBJECTS, 503, 2);

        DeletionReport report = gateway.delete(files);

        assertTrue(report.allDeleted(), report::toString);
        assertEquals(3, report.requests(), "retries count as requests");
        assertEquals(3, endpoint.counters().get(OssOperation.DELETE_MULTIPLE_OBJECTS));
        assertEquals(0, endpoint.store().count("photos"));
    }

    @Test
    void throttlingAndInternalErrorsAreRetriedToo() {
        List<OssObject> files = put("photos", 2, "throttled/");
        endpoint.faults().failNext(OssOperation.DELETE_MULTIPLE_OBJECTS, 429, 1)
                .failNext(OssOperation.DELETE_MULTIPLE_OBJECTS, 500, 1);

        assertTrue(gateway.delete(files).allDeleted());
        assertEquals(3, endpoint.counters().get(OssOperation.DELETE_MULTIPLE_OBJECTS));
    }

    @Test
    void anOutagePastTheBudgetFailsTheKeysWithTheErrorCodeWithinTheDeadline() {
        List<OssObject> files = put("photos", 3, "outage/");
        files.addAll(put("videos", 2, "outage/"));
        endpoint.faults().failRate(null, 503, 1.0);

        long start = System.nanoTime();
        DeletionReport report = gateway.delete(files);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(5, report.failed().size());
        report.failed().forEach(f -> assertEquals("ServiceUnavailable", f.errorCode()));
        assertTrue(elapsed.compareTo(DEADLINE) < 0, "took " + elapsed);
        long requests = endpoint.counters().get(OssOperation.DELETE_MULTIPLE_OBJECTS);
        assertTrue(requests >= 4 && requests <= 2 * RETRY.maxAttempts(), requests + " requests");
        assertEquals(3, endpoint.store().count("photos"), "nothing deleted");
    }

    @Test
    void refusedConnectionsPastTheBudgetFailWithinTheDeadline() {
        List<OssObject> files = put("photos", 3, "refused/");
        endpoint.faults().outage(Faults.Outage.REFUSE, Duration.ofSeconds(30));

        long start = System.nanoTime();
        DeletionReport report = gateway.delete(files);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(3, report.failed().size());
        String code = report.failed().get(0).errorCode();
        assertTrue(Set.of("SocketException", "ConnectionRefused").contains(code), code);
        assertTrue(elapsed.compareTo(DEADLINE) < 0, "took " + elapsed);

        endpoint.faults().clear();
        assertTrue(gateway.delete(files).allDeleted(), "deleted once the endpoint is back");
    }

    @Test
    void aStalledEndpointTimesOutAndFailsWithinTheDeadline() {
        List<OssObject> files = put("photos", 2, "stalled/");
        endpoint.faults().outage(Faults.Outage.STALL, Duration.ofSeconds(30));

        long start = System.nanoTime();
        DeletionReport report = gateway.delete(files);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(2, report.failed().size());
        assertTrue(Set.of("SocketTimeout", "RequestTimeout").contains(report.failed().get(0).errorCode()),
                report.failed().get(0).errorCode());
        assertTrue(elapsed.compareTo(DEADLINE) < 0, "took " + elapsed);
        assertTrue(elapsed.compareTo(SOCKET) >= 0, "waited for the socket timeout, took " + elapsed);
        // Normally one retry fits: the first attempt ends at the 1 s socket timeout, and a second
        // one (at most 1.5 s) still ends before the 3 s deadline; a third would not.
        long requests = endpoint.counters().get(OssOperation.DELETE_MULTIPLE_OBJECTS);
        assertTrue(requests >= 1 && requests <= 2, requests + " requests");
    }

    @Test
    void connectionResetsAreRetried() {
        List<OssObject> files = put("photos", 2, "reset/");
        endpoint.faults().outage(Faults.Outage.RESET, Duration.ofSeconds(30));

        DeletionReport report = gateway.delete(files);

        assertEquals(2, report.failed().size());
        assertEquals("SocketException", report.failed().get(0).errorCode());
        assertEquals(RETRY.maxAttempts(), endpoint.counters().get(OssOperation.DELETE_MULTIPLE_OBJECTS));
    }

    @Test
    void permanentErrorsAreNotRetried() {
        DeletionReport noBucket = gateway.delete(List.of(new OssObject("no-such-bucket", "a.mp4")));
        assertEquals("NoSuchBucket", noBucket.failed().get(0).errorCode());
        assertEquals(1, endpoint.counters().get(OssOperation.DELETE_MULTIPLE_OBJECTS));

        endpoint.counters().reset();
        List<OssObject> files = put("photos", 2, "forbidden/");
        try (OssGateway wrongSecret = new OssGateway(settings(ObjectStoreSettings.SignatureVersion.V4, "wrong"))) {
            DeletionReport report = wrongSecret.delete(files);
            report.failed().forEach(f -> assertEquals("SignatureDoesNotMatch", f.errorCode()));
            assertEquals(2, report.failed().size());
        }
        assertEquals(1, endpoint.counters().get(OssOperation.DELETE_MULTIPLE_OBJECTS));
        assertEquals(2, endpoint.store().count("photos"));
    }

    @Test
    void perKeyFailuresAreReportedPerKey() {
        List<OssObject> files = put("videos", 5, "held/");
        endpoint.faults().failKey("videos", "held/1", "AccessDenied")
                .failKey("videos", "held/3", new Faults.InjectedError(409, "ObjectUnderRetention"));

        DeletionReport report = gateway.delete(files);

        assertEquals(List.of(files.get(0), files.get(2), files.get(4)), report.deleted());
        assertEquals("AccessDenied", report.outcomeOf(files.get(1)).orElseThrow().errorCode());
        assertEquals("ObjectUnderRetention", report.outcomeOf(files.get(3)).orElseThrow().errorCode());
        assertEquals(Set.of("held/1", "held/3"), endpoint.store().objects("videos").keySet());
        assertEquals(1, endpoint.counters().get(OssOperation.DELETE_MULTIPLE_OBJECTS));
        assertEquals(2, endpoint.counters().get(OssOperation.DELETE_OBJECT));
    }

    @Test
    void pathStyleReachesAnEndpointByHostName() throws Exception {
        // Any host name but an IP or localhost makes the SDK put the bucket in the host name,
        // which only real DNS resolves: the path-style setting keeps it in the path.
        InetAddress self = InetAddress.getLocalHost();
        assumeTrue(NetworkInterface.getByInetAddress(self) != null && !self.getHostName().equals("localhost")
                && !self.getHostName().equals(self.getHostAddress()), "this machine's name does not resolve to itself");
        try (OssEndpoint named = OssEndpoint.builder().bindAddress(self.getHostAddress()).credentials(ID, SECRET).start()) {
            named.store().createBucket("photos");
            named.store().put("photos", "by-name.jpg", new byte[1], null, Map.of());
            ObjectStoreSettings pathStyle = ObjectStoreSettings.from(name -> Optional.ofNullable(Map.of(
                    ObjectStoreSettings.ENDPOINT, "http://" + self.getHostName() + ":" + named.port(),
                    ObjectStoreSettings.ACCESS_KEY_ID, ID,
                    ObjectStoreSettings.ACCESS_KEY_SECRET, SECRET,
                    ObjectStoreSettings.PATH_STYLE, "true").get(name))).withTimeouts(CONNECT, SOCKET, RETRY);
            try (OssGateway gateway = new OssGateway(pathStyle)) {
                assertTrue(gateway.delete(List.of(new OssObject("photos", "by-name.jpg"))).allDeleted());
            }
            assertEquals(0, named.store().count("photos"));
        }
    }

    @ParameterizedTest
    @EnumSource(ObjectStoreSettings.SignatureVersion.class)
    void headAndExistsForTheRegistry(ObjectStoreSettings.SignatureVersion signature) {
        endpoint.store().put("photos", "cover.jpg", new byte[1234], "image/jpeg", Map.of());
        try (OssGateway signed = new OssGateway(settings(signature, SECRET))) {
            ObjectFacts facts = signed.head(new OssObject("photos", "cover.jpg")).orElseThrow();
            assertEquals(1234, facts.size());
            assertEquals("image/jpeg", facts.contentType());
            assertEquals(1234, facts.object().size());
            assertTrue(facts.lastModified() != null && facts.etag() != null);
            assertEquals(Optional.empty(), signed.head(new OssObject("photos", "missing.jpg")));
            assertTrue(signed.exists(new OssObject("photos", "cover.jpg")));
            assertFalse(signed.exists(new OssObject("photos", "missing.jpg")));
        }
    }

    @Test
    void headRetriesTransientErrorsAndReportsPermanentOnes() {
        endpoint.store().put("photos", "cover.jpg", new byte[10], "image/jpeg", Map.of());
        endpoint.faults().failNext(OssOperation.HEAD_OBJECT, 503, 2);
        assertTrue(gateway.head(new OssObject("photos", "cover.jpg")).isPresent());
        assertEquals(3, endpoint.counters().get(OssOperation.HEAD_OBJECT));

        endpoint.faults().failNext(OssOperation.GET_OBJECT_META, 403, 1);
        ObjectStoreException e = assertThrows(ObjectStoreException.class,
                () -> gateway.exists(new OssObject("photos", "cover.jpg")));
        assertFalse(e.error().isTransient());
    }

    @Test
    void statsCountRequestsKeysAndRetries() {
        ObjectStoreStats.Snapshot before = gateway.stats().of("DeleteMultipleObjects");
        endpoint.faults().failNext(OssOperation.DELETE_MULTIPLE_OBJECTS, 503, 1);
        gateway.delete(IntStream.range(0, 7).mapToObj(i -> new OssObject("audio", "s/" + i)).toList());
        ObjectStoreStats.Snapshot after = gateway.stats().of("DeleteMultipleObjects");
        assertEquals(1, after.calls() - before.calls());
        assertEquals(2, after.requests() - before.requests());
        assertEquals(7, after.keys() - before.keys());
        assertEquals(1, after.retries() - before.retries());
        assertTrue(after.maxLatency().compareTo(Duration.ZERO) > 0);
    }

    @Test
    void answersWhenOssAnswersWithOurSignatureOnly() {
        assertTrue(gateway.answers(), "a missing probe bucket is an answer");
        try (OssGateway wrongSecret = new OssGateway(settings(ObjectStoreSettings.SignatureVersion.V4, "not-the-secret"))) {
            assertFalse(wrongSecret.answers(), "a refused signature is not");
        }
        // A refused connection is covered by ReadinessIT: forcing a reopen here left the shared
        // endpoint refusing for the tests after this one.
    }
}
