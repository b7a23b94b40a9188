package io.mediapurge.signing;

import static io.mediapurge.signing.SdkSigner.withHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SignatureVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-30T02:00:00Z");
    private static final String KEY_ID = "LTAI5tMediaPurgeTest01";
    private static final String SECRET = "s3cr3t-Th1s-Must-N3ver-Leak";
    private static final String INACTIVE_KEY_ID = "LTAI5tDisabledKey0001";
    private static final Map<String, String> DELETE = Map.of("MediaIds", "a1,a2", "DeletePhysicalFiles", "true");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryNonceRegistry nonces = new InMemoryNonceRegistry(clock);
    private final AccessKeyDirectory keys = id -> switch (id) {
        case KEY_ID -> Optional.of(new AccessKeySecret(SECRET, true, "user:alice"));
        case INACTIVE_KEY_ID -> Optional.of(new AccessKeySecret(SECRET, false, "user:bob"));
        default -> Optional.empty();
    };
    private final SignatureVerifier verifier = new SignatureVerifier(keys, nonces, clock);
    private final SdkSigner client = new SdkSigner(KEY_ID, SECRET, NOW);

    // v1

    @Test
    void teaSdkV1LeavesEmptyValuesOutAndVerifies() throws Exception {
        Map<String, String> business = new TreeMap<>(DELETE);
        business.put("InputURLs", "");

        VerifiedCaller caller = verifier.verifyIceRequest(client.teaV1("DeleteMediaInfos", business));

        assertEquals(KEY_ID, caller.accessKeyId());
        assertEquals("user:alice", caller.principalRef());
        assertEquals(SignatureVersion.V1, caller.version());
        assertEquals("a1,a2", caller.parameters().get("MediaIds"));
        assertEquals("", caller.parameters().get("InputURLs"));
    }

    @Test
    void coreSdkV1KeepsEmptyValuesAndCountsFormFields() throws Exception {
        SignedRequest request = client.coreV1("DeleteMediaInfos", Map.of("InputURLs", ""),
                Map.of("MediaIds", "a 1,a*2~", "DeletePhysicalFiles", "false"));

        VerifiedCaller caller = verifier.verifyIceRequest(request);

        assertEquals("a 1,a*2~", caller.parameters().get("MediaIds"), "form fields are decoded, + is a space");
        assertEquals("false", caller.parameters().get("DeletePhysicalFiles"));
    }

    @Test
    void v1GetIsSignedWithItsMethod() throws Exception {
        SignedRequest get = client.teaV1("GET", "GetMediaInfo", Map.of("MediaId", "a1"));
        SignedRequest sentAsPost = new SignedRequest("POST", get.rawPath(), get.rawQuery(), get.headers(), get.body(), null);

        assertEquals("a1", verifier.verifyIceRequest(get).parameters().get("MediaId"));
        assertRejected(SignatureFailure.SIGNATURE_DOES_NOT_MATCH, 403, () -> verifier.verifyIceRequest(sentAsPost));
    }

    @Test
    void v1ValuesWithSpacesStarsTildesAndUnicodeVerify() throws Exception {
        Map<String, String> business = Map.of("MediaIds", "a 1,b*2,c~3,d+4,媒体", "InputURLs", "oss://bucket/dir/x y.mp4?v=1&w=2");

        VerifiedCaller caller = verifier.verifyIceRequest(client.teaV1("DeleteMediaInfos", business));

        assertEquals(business.get("MediaIds"), caller.parameters().get("MediaIds"));
        assertEquals(business.get("InputURLs"), caller.parameters().get("InputURLs"));
    }

    @Test
    void tamperedQueryDoesNotMatch() throws Exception {
        SignedRequest signed = client.teaV1("DeleteMediaInfos", DELETE);
        SignedRequest tampered = new SignedRequest(signed.method(), signed.rawPath(),
                signed.rawQuery().replace("MediaIds=a1%2Ca2", "MediaIds=a1%2Ca3"), signed.headers(), signed.body(), null);

        assertRejected(SignatureFailure.SIGNATURE_DOES_NOT_MATCH, 403, () -> verifier.verifyIceRequest(tampered));
    }

    @Test
    void tamperedFormBodyDoesNotMatch() throws Exception {
        SignedRequest signed = client.coreV1("DeleteMediaInfos", Map.of(), Map.of("MediaIds", "a1"));
        SignedRequest tampered = new SignedRequest(signed.method(), signed.rawPath(), signed.rawQuery(), signed.headers(),
                "MediaIds=a2".getBytes(StandardCharsets.US_ASCII), null);

        assertRejected(SignatureFailure.SIGNATURE_DOES_NOT_MATCH, 403, () -> verifier.verifyIceRequest(tampered));
    }

    @Test
    void wrongSecretDoesNotMatchAndNothingSecretIsTold() throws Exception {
        SignedRequest forged = new SdkSigner(KEY_ID, "guessed-secret", NOW).teaV1("DeleteMediaInfos", DELETE);

        SignatureRejected rejected = assertRejected(SignatureFailure.SIGNATURE_DOES_NOT_MATCH, 403, () -> verifier.verifyIceRequest(forged));

        assertFalse(rejected.getMessage().contains(SECRET));
        String expected = new SdkSigner(KEY_ID, SECRET, NOW).teaV1("DeleteMediaInfos", DELETE).rawQuery().replaceAll(".*Signature=([^&]*).*", "$1");
        assertFalse(rejected.getMessage().contains(expected) || rejected.getMessage().contains(java.net.URLDecoder.decode(expected, StandardCharsets.UTF_8)));
        assertTrue(rejected.serverStringToSign().orElseThrow().startsWith("POST&%2F&"), "the server's string to sign is kept for the log");
    }

    @Test
    void unknownKeyIsNotFound() throws Exception {
        SignedRequest request = new SdkSigner("LTAI5tNobodyHasThis", SECRET, NOW).teaV1("DeleteMediaInfos", DELETE);

        assertRejected(SignatureFailure.ACCESS_KEY_NOT_FOUND, 404, () -> verifier.verifyIceRequest(request));
    }

    @Test
    void inactiveKeyIsRefusedEvenWithTheRightSecret() throws Exception {
        SignedRequest request = new SdkSigner(INACTIVE_KEY_ID, SECRET, NOW).teaV1("DeleteMediaInfos", DELETE);

        SignatureRejected rejected = assertRejected(SignatureFailure.ACCESS_KEY_INACTIVE, 403, () -> verifier.verifyIceRequest(request));
        assertEquals("InvalidAccessKeyId.Inactive", rejected.code());
    }

    @Test
    void replayedRequestIsRefused() throws Exception {
        SignedRequest request = client.teaV1("DeleteMediaInfos", DELETE);
        verifier.verifyIceRequest(request);

        assertRejected(SignatureFailure.SIGNATURE_NONCE_USED, 403, () -> verifier.verifyIceRequest(request));
    }

    @Test
    void aForgedRequestDoesNotUseUpTheNonceOfAGenuineOne() throws Exception {
        SignedRequest genuine = client.teaV1("DeleteMediaInfos", DELETE);
        SignedRequest forged = new SignedRequest(genuine.method(), genuine.rawPath(),
                genuine.rawQuery().replace("MediaIds=a1", "MediaIds=zz"), genuine.headers(), genuine.body(), null);

        assertRejected(SignatureFailure.SIGNATURE_DOES_NOT_MATCH, 403, () -> verifier.verifyIceRequest(forged));
        assertEquals(KEY_ID, verifier.verifyIceRequest(genuine).accessKeyId());
    }

    @Test
    void sameNonceFromAnotherKeyIsItsOwn() {
        Instant expiry = NOW.plus(SignatureVerifier.MAX_CLOCK_SKEW);

        assertTrue(nonces.firstUse("key-a", "n1", expiry));
        assertTrue(nonces.firstUse("key-b", "n1", expiry));
        assertFalse(nonces.firstUse("key-a", "n1", expiry));
    }

    @Test
    void aNonceIsForgottenOnlyAfterItsRequestExpired() {
        Instant[] now = {NOW};
        Clock moving = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now[0]; }
        };
        InMemoryNonceRegistry registry = new InMemoryNonceRegistry(moving);
        Instant expiry = NOW.plus(SignatureVerifier.MAX_CLOCK_SKEW);

        assertTrue(registry.firstUse(KEY_ID, "n1", expiry));
        now[0] = expiry;
        assertFalse(registry.firstUse(KEY_ID, "n1", expiry.plusSeconds(60)), "still remembered at the last valid instant");
        now[0] = expiry.plusSeconds(1);
        assertTrue(registry.firstUse(KEY_ID, "n1", now[0].plus(SignatureVerifier.MAX_CLOCK_SKEW)));
    }

    @Test
    void staleAndFutureTimestampsExpireAtFifteenMinutes() throws Exception {
        Duration justOver = SignatureVerifier.MAX_CLOCK_SKEW.plusSeconds(1);
        SignedRequest stale = client.at(NOW.minus(justOver)).teaV1("DeleteMediaInfos", DELETE);
        SignedRequest future = client.at(NOW.plus(justOver)).teaV1("DeleteMediaInfos", DELETE);
        SignedRequest oldButValid = client.at(NOW.minus(SignatureVerifier.MAX_CLOCK_SKEW)).teaV1("DeleteMediaInfos", DELETE);
        SignedRequest staleV3 = client.at(NOW.minus(justOver)).teaV3("POST", "/", DELETE, Map.of(), new byte[0]);

        assertRejected(SignatureFailure.INVALID_TIMESTAMP_EXPIRED, 403, () -> verifier.verifyIceRequest(stale));
        assertRejected(SignatureFailure.INVALID_TIMESTAMP_EXPIRED, 403, () -> verifier.verifyIceRequest(future));
        assertRejected(SignatureFailure.INVALID_TIMESTAMP_EXPIRED, 403, () -> verifier.verifyIceRequest(staleV3));
        assertEquals(KEY_ID, verifier.verifyIceRequest(oldButValid).accessKeyId());
    }

    @Test
    void unreadableTimestampIsAFormatError() throws Exception {
        SignedRequest signed = client.teaV1("DeleteMediaInfos", DELETE);
        String rawQuery = signed.rawQuery().replaceAll("Timestamp=[^&]*", "Timestamp=yesterday");
        SignedRequest request = new SignedRequest("POST", "/", rawQuery, signed.headers(), signed.body(), null);

        assertRejected(SignatureFailure.INVALID_TIMESTAMP_FORMAT, 400, () -> verifier.verifyIceRequest(request));
    }

    @Test
    void missingV1PartsAreIncomplete() throws Exception {
        SignedRequest signed = client.teaV1("DeleteMediaInfos", DELETE);
        for (String part : List.of("Signature", "AccessKeyId", "SignatureNonce", "Timestamp", "SignatureMethod", "SignatureVersion")) {
            String rawQuery = signed.rawQuery().replaceAll("(^|&)" + part + "=[^&]*", "");
            SignedRequest request = new SignedRequest("POST", "/", rawQuery, signed.headers(), signed.body(), null);

            SignatureRejected rejected = assertRejected(SignatureFailure.INCOMPLETE_SIGNATURE, 400, () -> verifier.verifyIceRequest(request));
            assertTrue(rejected.getMessage().contains(part), rejected::getMessage);
        }
    }

    @Test
    void unsignedRequestIsIncomplete() {
        SignedRequest request = SignedRequest.of("POST", "/", "Action=DeleteMediaInfos&MediaIds=a1", Map.of(), new byte[0]);

        assertRejected(SignatureFailure.INCOMPLETE_SIGNATURE, 400, () -> verifier.verifyIceRequest(request));
    }

    @Test
    void repeatedParameterIsRefused() throws Exception {
        SignedRequest signed = client.teaV1("DeleteMediaInfos", DELETE);
        SignedRequest request = new SignedRequest("POST", "/", signed.rawQuery() + "&MediaIds=other", signed.headers(), signed.body(), null);

        assertRejected(SignatureFailure.SIGNATURE_DOES_NOT_MATCH, 403, () -> verifier.verifyIceRequest(request));
    }

    @Test
    void brokenPercentEncodingIsRefused() throws Exception {
        SignedRequest signed = client.teaV1("DeleteMediaInfos", DELETE);
        for (String junk : List.of("%", "%zz", "%C3%28", "%FF")) {
            SignedRequest request = new SignedRequest("POST", "/", signed.rawQuery() + "&Junk=" + junk, signed.headers(), signed.body(), null);

            assertRejected(SignatureFailure.SIGNATURE_DOES_NOT_MATCH, 403, () -> verifier.verifyIceRequest(request));
        }
    }

    // v3

    @Test
    void teaSdkV3Verifies() throws Exception {
        SignedRequest request = client.teaV3("POST", "/", DELETE,
                Map.of("x-acs-action", "DeleteMediaInfos", "x-acs-version", "2020-11-09"), new byte[0]);

        VerifiedCaller caller = verifier.verifyIceRequest(request);

        assertEquals(SignatureVersion.V3, caller.version());
        assertEquals("user:alice", caller.principalRef());
        assertEquals("true", caller.parameters().get("DeletePhysicalFiles"));
    }

    @Test
    void coreSdkStyleV3WithHostVerifies() throws Exception {
        Map<String, String> query = new LinkedHashMap<>(DELETE);
        query.put("InputURLs", "");
        SignedRequest request = client.coreStyleV3("POST", "/", query,
                Map.of("x-acs-action", "DeleteMediaInfos", "x-acs-version", "2020-11-09", "host", "ice.example:8080"), new byte[0]);

        VerifiedCaller caller = verifier.verifyIceRequest(request);
        assertEquals(SignatureVersion.V3, caller.version());
        assertEquals("DeleteMediaInfos", caller.action());
        assertEquals("2020-11-09", caller.apiVersion());
    }

    /** Without host signed, a call signed for one deployment could be replayed at another that knows the key. */
    @Test
    void v3IceCallWithoutHostSignedIsIncomplete() throws Exception {
        SignedRequest request = client.coreStyleV3("POST", "/", DELETE,
                Map.of("x-acs-action", "DeleteMediaInfos", "x-acs-version", "2020-11-09"), new byte[0]);

        SignatureRejected rejected = assertRejected(SignatureFailure.INCOMPLETE_SIGNATURE, 400, () -> verifier.verifyIceRequest(request));
        assertTrue(rejected.getMessage().contains("host"), rejected::getMessage);
    }

    // what decides what a call does is covered by its signature

    /** A v1 signature never covers headers: an x-acs-action added to a signed BatchGetMediaInfos must not make it a delete. */
    @Test
    void v1CallCannotBeReAimedByAnUnsignedActionHeader() throws Exception {
        SignedRequest read = client.teaV1("BatchGetMediaInfos", Map.of("MediaIds", "a1"));
        assertEquals("BatchGetMediaInfos", verifier.verifyIceRequest(read).action());

        SignedRequest reAimed = withHeader(client.teaV1("BatchGetMediaInfos", Map.of("MediaIds", "a1")), "x-acs-action", "DeleteMediaInfos");
        SignatureRejected rejected = assertRejected(SignatureFailure.SIGNATURE_DOES_NOT_MATCH, 403, () -> verifier.verifyIceRequest(reAimed));
        assertTrue(rejected.getMessage().contains("x-acs-action"), rejected::getMessage);
    }

    @Test
    void v1CallCannotBeReVersionedByAnUnsignedHeader() throws Exception {
        SignedRequest reVersioned = withHeader(client.teaV1("GetMediaInfo", Map.of("MediaId", "a1")), "x-acs-version", "2017-03-21");

        assertRejected(SignatureFailure.SIGNATURE_DOES_NOT_MATCH, 403, () -> verifier.verifyIceRequest(reVersioned));
    }

    /** Signed without Action, then given one only in a header: v1 would route on something it never signed. */
    @Test
    void v1ActionOnlyInAnUnsignedHeaderIsIncomplete() throws Exception {
        SignedRequest headerOnly = withHeader(client.teaV1Without("Action", "DeleteMediaInfos", DELETE), "x-acs-action", "DeleteMediaInfos");

        SignatureRejected rejected = assertRejected(SignatureFailure.INCOMPLETE_SIGNATURE, 400, () -> verifier.verifyIceRequest(headerOnly));
        assertTrue(rejected.getMessage().contains("x-acs-action"), rejected::getMessage);
    }

    /** The tea SDK sends the action both as a signed parameter and as a header; they agree, so it routes. */
    @Test
    void v1HeaderThatRepeatsTheSignedActionIsAccepted() throws Exception {
        VerifiedCaller caller = verifier.verifyIceRequest(client.teaV1("DeleteMediaInfos", DELETE));

        assertEquals("DeleteMediaInfos", caller.action());
        assertEquals("2020-11-09", caller.apiVersion());
    }

    /** v3 signs both the header and the query; when they name different actions nothing says which was meant. */
    @Test
    void v3SignedHeaderAndParameterThatDisagreeAreRefused() throws Exception {
        Map<String, String> query = new LinkedHashMap<>(DELETE);
        query.put("Action", "BatchGetMediaInfos");
        SignedRequest request = client.teaV3("POST", "/", query, Map.of("x-acs-action", "DeleteMediaInfos"), new byte[0]);

        assertRejected(SignatureFailure.SIGNATURE_DOES_NOT_MATCH, 403, () -> verifier.verifyIceRequest(request));
    }

    /** The content type decides how a body is read (JSON or CSV defaults): with a body it must be signed. */
    @Test
    void operatorBodyWithAnUnsignedContentTypeIsIncomplete() throws Exception {
        byte[] body = "{\"mediaIds\":[\"a1\"],\"dryRun\":true,\"start\":false}".getBytes(StandardCharsets.UTF_8);
        SignedRequest unsignedType = withHeader(client.coreStyleV3("POST", "/api/v1/purges", Map.of(),
                Map.of("host", "ops.example"), body), "content-type", "text/csv");

        SignatureRejected rejected = assertRejected(SignatureFailure.INCOMPLETE_SIGNATURE, 400, () -> verifier.verifyOperatorRequest(unsignedType));
        assertTrue(rejected.getMessage().contains("content-type"), rejected::getMessage);
    }

    @Test
    void operatorBodyResentWithAnotherContentTypeDoesNotMatch() throws Exception {
        byte[] body = "{\"mediaIds\":[\"a1\"],\"dryRun\":true,\"start\":false}".getBytes(StandardCharsets.UTF_8);
        SignedRequest signed = client.coreStyleV3("POST", "/api/v1/purges", Map.of(),
                Map.of("host", "ops.example", "content-type", "application/json"), body);
        SignedRequest asCsv = withHeader(signed, "content-type", "text/csv");

        assertEquals(KEY_ID, verifier.verifyOperatorRequest(signed).accessKeyId());
        assertRejected(SignatureFailure.SIGNATURE_DOES_NOT_MATCH, 403, () -> verifier.verifyOperatorRequest(asCsv));
    }

    /** Without a body there is nothing for a content type to decide: GETs need not sign one. */
    @Test
    void operatorCallWithoutABodyNeedNotSignAContentType() throws Exception {
        SignedRequest get = client.coreStyleV3("GET", "/api/v1/jobs", Map.of(), Map.of("host", "ops.example"), new byte[0]);

        assertEquals(KEY_ID, verifier.verifyOperatorRequest(get).accessKeyId());
    }

    /** An IMS v3 call with a form body: its fields are parameters only when the signed type says form. */
    @Test
    void v3IceFormBodyNeedsItsContentTypeSigned() throws Exception {
        byte[] form = "MediaIds=a1".getBytes(StandardCharsets.US_ASCII);
        SignedRequest unsigned = withHeader(client.coreStyleV3("POST", "/", Map.of("Action", "DeleteMediaInfos", "Version", "2020-11-09"),
                Map.of("host", "ice.example"), form), "content-type", "application/x-www-form-urlencoded");

        assertRejected(SignatureFailure.INCOMPLETE_SIGNATURE, 400, () -> verifier.verifyIceRequest(unsigned));
    }

    @Test
    void v3AuthorizationPartsMayComeInAnyOrder() throws Exception {
        SignedRequest signed = client.teaV3("POST", "/", DELETE, Map.of("x-acs-action", "DeleteMediaInfos"), new byte[0]);
        Map<String, String> parts = new TreeMap<>();
        for (String part : signed.header("Authorization").orElseThrow().substring("ACS3-HMAC-SHA256 ".length()).split(",")) {
            parts.put(part.substring(0, part.indexOf('=')), part.substring(part.indexOf('=') + 1));
        }
        String reordered = "ACS3-HMAC-SHA256  Signature=" + parts.get("Signature") + ", SignedHeaders=" + parts.get("SignedHeaders")
                + ",Credential=" + parts.get("Credential");

        assertEquals(KEY_ID, verifier.verifyIceRequest(withHeader(signed, "authorization", reordered)).accessKeyId());
    }

    @Test
    void v3SignedHeadersListedUnsortedStillVerify() throws Exception {
        SignedRequest request = client.unsortedSignedHeadersV3("POST", "/", DELETE,
                Map.of("x-acs-action", "DeleteMediaInfos", "x-acs-version", "2020-11-09", "host", "ice.example"), new byte[0]);
        assertTrue(request.header("Authorization").orElseThrow().contains("SignedHeaders=x-acs-version;x-acs-signature-nonce;"));

        assertEquals(KEY_ID, verifier.verifyIceRequest(request).accessKeyId());
    }

    @Test
    void v3SignedHeadersLineIsSignedAsGiven() throws Exception {
        SignedRequest signed = client.teaV3("POST", "/", DELETE, Map.of("x-acs-action", "DeleteMediaInfos"), new byte[0]);
        String authorization = signed.header("Authorization").orElseThrow();
        String signedHeaders = authorization.replaceAll(".*SignedHeaders=([^,]*).*", "$1");
        List<String> names = new ArrayList<>(List.of(signedHeaders.split(";")));
        assertTrue(names.contains("host") && names.contains("x-acs-content-sha256"), "the tea SDK signs host and the x-acs headers: " + signedHeaders);

        Collections.reverse(names);
        SignedRequest relisted = withHeader(signed, "Authorization", authorization.replace(signedHeaders, String.join(";", names)));

        assertRejected(SignatureFailure.SIGNATURE_DOES_NOT_MATCH, 403, () -> verifier.verifyIceRequest(relisted));
        assertEquals(KEY_ID, verifier.verifyIceRequest(signed).accessKeyId());
    }

    @Test
    void v3BodyHashMismatchIsRefused() throws Exception {
        byte[] body = "{\"mediaIds\":[\"a1\"]}".getBytes(StandardCharsets.UTF_8);
        SignedRequest signed = client.teaV3("POST", "/api/v1/purges", Map.of(), Map.of("content-type", "application/json"), body);
        SignedRequest otherBody = new SignedRequest(signed.method(), signed.rawPath(), signed.rawQuery(), signed.headers(),
                "{\"mediaIds\":[\"a2\"]}".getBytes(StandardCharsets.UTF_8), null);

        assertEquals(KEY_ID, verifier.verifyOperatorRequest(signed).accessKeyId());
        SignatureRejected rejected = assertRejected(SignatureFailure.SIGNATURE_DOES_NOT_MATCH, 403, () -> verifier.verifyOperatorRequest(otherBody));
        assertTrue(rejected.getMessage().contains("x-acs-content-sha256"), rejected::getMessage);
    }

    @Test
    void v3RestPathIsSignedExactlyAsSent() throws Exception {
        SignedRequest signed = client.teaV3("POST", "/api/v1/media:import", Map.of("dryRun", "true"), Map.of(), new byte[0]);
        SignedRequest reEncoded = new SignedRequest(signed.method(), "/api/v1/media%3Aimport", signed.rawQuery(), signed.headers(), signed.body(), null);

        assertEquals(KEY_ID, verifier.verifyOperatorRequest(signed).accessKeyId());
        assertRejected(SignatureFailure.SIGNATURE_DOES_NOT_MATCH, 403, () -> verifier.verifyOperatorRequest(reEncoded));
    }

    @Test
    void v3RestRequiresHostDateNonceAndContentHashSigned() throws Exception {
        SignedRequest withoutHost = client.coreStyleV3("GET", "/api/v1/executions", Map.of(), Map.of(), new byte[0]);

        SignatureRejected rejected = assertRejected(SignatureFailure.INCOMPLETE_SIGNATURE, 400, () -> verifier.verifyOperatorRequest(withoutHost));
        assertTrue(rejected.getMessage().contains("host"), rejected::getMessage);
        assertRejected(SignatureFailure.INCOMPLETE_SIGNATURE, 400,
                () -> verifier.verifyOperatorRequest(client.teaV1("DeleteMediaInfos", DELETE)));
    }

    @Test
    void v3RoutingHeaderMustBeSignedWhenSent() throws Exception {
        SignedRequest signed = client.coreStyleV3("POST", "/", DELETE, Map.of("host", "ice.example"), new byte[0]);
        SignedRequest reAimed = withHeader(signed, "x-acs-action", "DeleteMediaInfos");

        assertRejected(SignatureFailure.INCOMPLETE_SIGNATURE, 400, () -> verifier.verifyIceRequest(reAimed));
    }

    @Test
    void v3SignedHeaderThatIsMissingIsIncomplete() throws Exception {
        SignedRequest signed = client.teaV3("POST", "/", DELETE, Map.of("x-acs-action", "DeleteMediaInfos"), new byte[0]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(signed.headers());
        headers.remove("x-acs-signature-nonce");
        SignedRequest request = new SignedRequest(signed.method(), signed.rawPath(), signed.rawQuery(), headers, signed.body(), null);

        assertRejected(SignatureFailure.INCOMPLETE_SIGNATURE, 400, () -> verifier.verifyIceRequest(request));
    }

    @Test
    void v3ReplayIsRefused() throws Exception {
        SignedRequest request = client.teaV3("POST", "/", DELETE, Map.of("x-acs-action", "DeleteMediaInfos"), new byte[0]);
        verifier.verifyIceRequest(request);

        assertRejected(SignatureFailure.SIGNATURE_NONCE_USED, 403, () -> verifier.verifyIceRequest(request));
    }

    @Test
    void hugeOrGarbageAuthorizationIsIncompleteNotACrash() throws Exception {
        SignedRequest signed = client.teaV3("POST", "/", DELETE, Map.of(), new byte[0]);
        List<String> garbage = List.of(
                "ACS3-HMAC-SHA256 Credential=" + "A".repeat(100_000) + ",SignedHeaders=host,Signature=00",
                "ACS3-HMAC-SHA256",
                "ACS3-HMAC-SHA256 ,,,,",
                "ACS3-HMAC-SHA256 Credential=" + KEY_ID + ",SignedHeaders=x-acs-date;;x-acs-date,Signature=00",
                "ACS3-HMAC-SHA256 Credential=" + KEY_ID + ",Credential=x,SignedHeaders=host,Signature=00",
                "ACS3-HMAC-SHA256 Credential=" + KEY_ID + ",SignedHeaders=Host;X-Acs-Date,Signature=00",
                "ACS3-HMAC-SM3 Credential=" + KEY_ID + ",SignedHeaders=host,Signature=00",
                "ACS3-HMAC-SHA256 Credential=\u0000\u00ff\ufffd,SignedHeaders=host,Signature=zz",
                "ACS3-\u0001\u0002\u0003");
        for (String header : garbage) {
            assertRejected(SignatureFailure.INCOMPLETE_SIGNATURE, 400, () -> verifier.verifyIceRequest(withHeader(signed, "Authorization", header)));
            assertRejected(SignatureFailure.INCOMPLETE_SIGNATURE, 400, () -> verifier.verifyOperatorRequest(withHeader(signed, "Authorization", header)));
        }
    }

    @Test
    void v3SignatureThatIsNotHexDoesNotMatch() throws Exception {
        SignedRequest signed = client.teaV3("POST", "/", DELETE, Map.of(), new byte[0]);
        String authorization = signed.header("Authorization").orElseThrow().replaceAll("Signature=[0-9a-f]+", "Signature=not-hex!");

        assertRejected(SignatureFailure.SIGNATURE_DOES_NOT_MATCH, 403, () -> verifier.verifyIceRequest(withHeader(signed, "Authorization", authorization)));
    }

    @Test
    void repeatedAuthorizationHeaderIsIncomplete() throws Exception {
        SignedRequest signed = client.teaV3("POST", "/", DELETE, Map.of(), new byte[0]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(signed.headers());
        headers.put("Authorization", List.of(signed.header("Authorization").orElseThrow(), signed.header("Authorization").orElseThrow()));
        SignedRequest request = new SignedRequest(signed.method(), signed.rawPath(), signed.rawQuery(), headers, signed.body(), null);

        assertRejected(SignatureFailure.INCOMPLETE_SIGNATURE, 400, () -> verifier.verifyIceRequest(request));
    }

    @Test
    void randomGarbageIsOnlyEverRefusedWithACode() throws Exception {
        SignedRequest v1 = client.teaV1("DeleteMediaInfos", DELETE);
        SignedRequest v3 = client.teaV3("POST", "/", DELETE, Map.of("x-acs-action", "DeleteMediaInfos"), new byte[0]);
        Random random = new Random(20261130);
        String alphabet = "aA0=&%+;,: \t\u0000\u00e9\ud83d-_.~*/?#Signature=ACS3-HMAC-SHA256 Credential=SignedHeaders=x-acs-date";
        for (int i = 0; i < 3000; i++) {
            SignedRequest base = random.nextBoolean() ? v1 : v3;
            String junk = randomText(random, alphabet, random.nextInt(200));
            SignedRequest mangled = switch (random.nextInt(4)) {
                case 0 -> new SignedRequest("POST", "/", base.rawQuery() + junk, base.headers(), base.body(), null);
                case 1 -> withHeader(base, "Authorization", junk);
                case 2 -> withHeader(base, "x-acs-date", junk);
                default -> new SignedRequest("POST", "/", junk, base.headers(), junk.getBytes(StandardCharsets.UTF_8),
                        "application/x-www-form-urlencoded");
            };
            try {
                verifier.verifyIceRequest(mangled);
                verifier.verifyOperatorRequest(mangled);
            } catch (SignatureRejected expected) {
                assertFalse(expected.getMessage().contains(SECRET));
            }
        }
    }

    @Test
    void secretNeverShowsInToString() {
        assertFalse(new AccessKeySecret(SECRET, true, "user:alice").toString().contains(SECRET));
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static SignatureRejected assertRejected(SignatureFailure failure, int status, Executable verification) {
        SignatureRejected rejected = assertThrows(SignatureRejected.class, verification);
        assertEquals(failure, rejected.failure(), rejected::getMessage);
        assertEquals(status, rejected.httpStatus());
        assertEquals(failure.code(), rejected.code());
        assertFalse(rejected.getMessage().contains(SECRET));
        return rejected;
    }
}
