package io.mediapurge.devservices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wire details the SDK relies on, and the admin path, checked with hand-written requests. */
class OssEndpointTest {

    static final String ID = "raw-id";
    static final String SECRET = "raw-secret";
    static OssEndpoint endpoint;

    @BeforeAll
    static void start() {
        endpoint = OssEndpoint.builder().credentials(ID, SECRET).start();
        endpoint.store().createBucket("photos");
    }

    @AfterAll
    static void stop() {
        endpoint.stop();
    }

    @BeforeEach
    void calm() {
        endpoint.faults().clear();
        endpoint.counters().reset();
    }

    RawRequest.Answer signed(String method, String path, String bucket, String key, String subResource, byte[] body,
            Map<String, String> headers) throws Exception {
        return RawRequest.signedV1(endpoint, ID, SECRET, method, path, bucket, key, subResource, body, headers);
    }

    @Test
    void virtualHostStyleAddressesTheBucketByHostName() throws Exception {
        String host = "photos.localhost:" + endpoint.port();
        RawRequest.Answer put = signed("PUT", "/vh/a.jpg", "photos", "vh/a.jpg", null,
                "virtual".getBytes(StandardCharsets.UTF_8), Map.of("Host", host));
        assertEquals(200, put.status(), put.body());
        RawRequest.Answer get = signed("GET", "/vh/a.jpg", "photos", "vh/a.jpg", null, null, Map.of("Host", host));
        assertEquals(200, get.status(), get.body());
        assertEquals("virtual", get.body());
        assertTrue(endpoint.store().find("photos", "vh/a.jpg").isPresent());
    }

    @Test
    void userMetadataHeadersKeepTheirCase() throws Exception {
        endpoint.store().put("photos", "meta.jpg", new byte[3], "image/jpeg",
                Map.of("x-oss-meta-Camera-Model", "X100"));
        RawRequest.Answer head = signed("HEAD", "/photos/meta.jpg", "photos", "meta.jpg", null, null, Map.of());
        assertEquals(200, head.status());
        assertEquals("X100", head.headers().get("x-oss-meta-Camera-Model"), head.headers().toString());
        assertEquals("3", head.headers().get("Content-Length"));
        assertTrue(head.headers().get("ETag").startsWith("\""));
        assertTrue(head.headers().containsKey("x-oss-request-id"));
    }

    @Test
    void errorsAreXmlWithTheRequestIdAndHeadErrorsHaveNoBody() throws Exception {
        RawRequest.Answer get = signed("GET", "/photos/none.jpg", "photos", "none.jpg", null, null, Map.of());
        assertEquals(404, get.status());
        assertTrue(get.body().contains("<Code>NoSuchKey</Code>"), get.body());
        assertTrue(get.body().contains("<RequestId>" + get.headers().get("x-oss-request-id") + "</RequestId>"));
        assertTrue(get.body().contains("<HostId>127.0.0.1</HostId>"));

        RawRequest.Answer head = signed("HEAD", "/photos/none.jpg", "photos", "none.jpg", null, null, Map.of());
        assertEquals(404, head.status());
        assertEquals("", head.body());
    }

    @Test
    void unsignedAndStaleRequestsAreRefused() throws Exception {
        RawRequest.Answer anonymous = RawRequest.send(endpoint.port(), "GET", "/photos/a.jpg", Map.of(), null);
        assertEquals(403, anonymous.status());
        assertTrue(anonymous.body().contains("<Code>AccessDenied</Code>"));

        String old = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusHours(1));
        RawRequest.Answer stale = RawRequest.send(endpoint.port(), "GET", "/photos/a.jpg",
                Map.of("Date", old, "Authorization", "OSS " + ID + ":whatever"), null);
        assertEquals(403, stale.status());
        assertTrue(stale.body().contains("<Code>RequestTimeTooSkewed</Code>"), stale.body());
    }

    @Test
    void deleteMultipleObjectsChecksContentMd5AndHonoursQuiet() throws Exception {
        endpoint.store().put("photos", "q/1", new byte[1], null, Map.of());
        byte[] body = "<Delete><Quiet>true</Quiet><Object><Key>q/1</Key></Object></Delete>"
                .getBytes(StandardCharsets.UTF_8);
        RawRequest.Answer wrongMd5 = signed("POST", "/photos/?delete", "photos", null, "delete", body,
                Map.of("Content-MD5", "AAAAAAAAAAAAAAAAAAAAAA=="));
        assertEquals(400, wrongMd5.status(), wrongMd5.body());
        assertTrue(wrongMd5.body().contains("<Code>InvalidDigest</Code>"), wrongMd5.body());
        assertTrue(endpoint.store().find("photos", "q/1").isPresent());

        RawRequest.Answer quiet = signed("POST", "/photos/?delete", "photos", null, "delete", body, Map.of());
        assertEquals(200, quiet.status(), quiet.body());
        assertEquals("", quiet.body());
        assertFalse(endpoint.store().find("photos", "q/1").isPresent());

        RawRequest.Answer notXml = signed("POST", "/photos/?delete", "photos", null, "delete",
                "<Delete><Object>".getBytes(StandardCharsets.UTF_8), Map.of());
        assertEquals(400, notXml.status());
        assertTrue(notXml.body().contains("MalformedXML"));
    }

    /** The endpoint runs in the product's JVM: a body past its limit is refused, not held in memory. */
    @Test
    void bodiesOverTheLimitAreRefusedAndNothingIsStored() throws Exception {
        RawRequest.Answer tooBig = signed("PUT", "/photos/big.bin", "photos", "big.bin", null,
                new byte[OssEndpoint.MAX_OBJECT_BYTES + 1], Map.of());
        assertEquals(400, tooBig.status(), tooBig.body());
        assertTrue(tooBig.body().contains("<Code>EntityTooLarge</Code>"), tooBig.body());
        assertFalse(endpoint.store().find("photos", "big.bin").isPresent());

        byte[] hugeDelete = new byte[OssEndpoint.MAX_DELETE_BODY_BYTES + 1];
        RawRequest.Answer refused = signed("POST", "/photos/?delete", "photos", null, "delete", hugeDelete,
                Map.of("Content-MD5", OssOperations.base64Md5(hugeDelete)));
        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.body().contains("<Code>EntityTooLarge</Code>"), refused.body());
    }

    @Test
    void listObjectsV2CanUrlEncodeKeys() throws Exception {
        endpoint.store().createBucket("listing");
        endpoint.store().put("listing", "a b/\u0001ctl", new byte[1], null, Map.of());
        RawRequest.Answer list = signed("GET", "/listing/?list-type=2&encoding-type=url", "listing", null, null,
                null, Map.of());
        assertEquals(200, list.status(), list.body());
        assertTrue(list.body().contains("<Key>a%20b/%01ctl</Key>"), list.body());
        assertTrue(list.body().contains("<KeyCount>1</KeyCount>"), list.body());
    }

    @Test
    void faultsAndCountersThroughTheAdminPath() throws Exception {
        RawRequest.Answer set = RawRequest.send(endpoint.port(), "POST", "/_admin/faults", Map.of(),
                ("# one failure, then normal\nerror DeleteObject 503 times=1\nlatency 250ms\n")
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(200, set.status(), set.body());

        long start = System.nanoTime();
        RawRequest.Answer first = signed("DELETE", "/photos/x", "photos", "x", null, null, Map.of());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 250, "latency applied");
        assertEquals(503, first.status());
        assertTrue(first.body().contains("<Code>ServiceUnavailable</Code>"));
        assertEquals(204, signed("DELETE", "/photos/x", "photos", "x", null, null, Map.of()).status());

        RawRequest.Answer counters = RawRequest.send(endpoint.port(), "GET", "/_admin/counters", Map.of(), null);
        assertEquals("DeleteObject 2\n", counters.body());

        RawRequest.Answer bad = RawRequest.send(endpoint.port(), "POST", "/_admin/faults", Map.of(),
                "error DeleteObject 500 times=1\nexplode now\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, bad.status());
        assertTrue(bad.body().startsWith("line 2:"), bad.body());
        assertEquals(204, signed("DELETE", "/photos/x", "photos", "x", null, null, Map.of()).status(),
                "a script with a bad line applies nothing");

        assertEquals(200, RawRequest.send(endpoint.port(), "DELETE", "/_admin/faults", Map.of(), null).status());
        assertEquals(200, RawRequest.send(endpoint.port(), "DELETE", "/_admin/counters", Map.of(), null).status());
        assertEquals("", RawRequest.send(endpoint.port(), "GET", "/_admin/counters", Map.of(), null).body());
    }

    @Test
    void theAdminPathRefusesClientsBeyondLoopback() throws Exception {
        Optional<InetAddress> lan = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
        assumeTrue(lan.isPresent(), "no non-loopback address on this machine");
        try (OssEndpoint open = OssEndpoint.builder().bindAddress(lan.get().getHostAddress()).start()) {
            RawRequest.Answer refused = RawRequest.send(lan.get(), open.port(), "POST", "/_admin/faults", Map.of(),
                    "clear\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(403, refused.status());
        }
    }
}
