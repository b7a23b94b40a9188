package io.mediapurge.api.ice;

import static io.mediapurge.testing.SuiteSeed.ALPHA_OPS_KEY;
import static io.mediapurge.testing.SuiteSeed.ALPHA_OPS_SECRET;
import static io.mediapurge.testing.SuiteSeed.ALPHA_RETIRED_KEY;
import static io.mediapurge.testing.SuiteSeed.ALPHA_RETIRED_SECRET;
import static io.mediapurge.testing.SuiteSeed.ALPHA_ROOT_KEY;
import static io.mediapurge.testing.SuiteSeed.ALPHA_ROOT_SECRET;
import static io.mediapurge.testing.SuiteSeed.BETA;
import static io.mediapurge.testing.SuiteSeed.BETA_ROOT_KEY;
import static io.mediapurge.testing.SuiteSeed.BETA_ROOT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.aliyun.ice20201109.models.BatchGetMediaInfosRequest;
import com.aliyun.oss.OSS;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.CommonResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyun.ice20201109.models.GetMediaInfoRequest;
import com.aliyun.ice20201109.models.RegisterMediaInfoRequest;
import com.aliyun.tea.TeaException;

import io.mediapurge.signing.SdkSigner;
import io.mediapurge.signing.SignedRequest;
import io.mediapurge.testing.JsonAnswer;
import io.mediapurge.testing.SuiteDatabase;
import io.mediapurge.testing.SuiteOss;

/**
 * The official SDK against the deployed application: register, get by ID and by URL, batch get,
 * with v1 and v3 signatures; what other accounts own stays invisible; every bad input answers its
 * documented code. The objects are put in the server's embedded OSS endpoint first.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IceApiIT {

    static final String ALPHA_OBJECT = "oss://alpha-media/ice-it/launch.mp4";
    static final String ALPHA_OBJECT_HTTPS = "https://alpha-media.oss-cn-shanghai.aliyuncs.com/ice-it/launch.mp4";
    static final String ALPHA_OBJECT_V3 = "oss://alpha-media/ice-it/v3%20clip.mp4";
    static final String BETA_OBJECT = "oss://beta-media/ice-it/secret.mp4";
    static final String ALPHA_OVERWRITTEN = "oss://alpha-media/ice-it/overwritten.mp4";
    static final String ALPHA_REFUSED = "oss://alpha-media/ice-it/refused.mp4";
    static final String ALPHA_SHARED = "oss://alpha-media/ice-it/shared.mp4";
    static final String NO_SUCH_ID = "0123456789abcdef0123456789abcdef";

    @ArquillianResource
    URL base;

    /** Put with the plain OSS SDK into the server's embedded endpoint, as an independent client would. */
    @BeforeAll
    static void theObjectsExistInOss() {
        OSS oss = SuiteOss.client();
        try {
            for (String bucket : List.of("alpha-media", "beta-media")) {
                try {
                    oss.createBucket(bucket);
                } catch (RuntimeException alreadyThere) {
                    // made by another test of the suite
                }
            }
            oss.putObject("alpha-media", "ice-it/launch.mp4", new ByteArrayInputStream(new byte[1234]));
            oss.putObject("alpha-media", "ice-it/v3 clip.mp4", new ByteArrayInputStream(new byte[10]));
            oss.putObject("beta-media", "ice-it/secret.mp4", new ByteArrayInputStream(new byte[5]));
            for (String key : List.of("ice-it/overwritten.mp4", "ice-it/refused.mp4", "ice-it/shared.mp4")) {
                oss.putObject("alpha-media", key, new ByteArrayInputStream(new byte[3]));
            }
            assertEquals(6, oss.listObjectsV2("alpha-media", "ice-it/").getKeyCount()
                    + oss.listObjectsV2("beta-media", "ice-it/").getKeyCount());
        } finally {
            oss.shutdown();
        }
    }

    @Test
    void registerAndReadBackWithV1() throws Exception {
        var client = OfficialSdk.v1(base, ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET);
        String mediaId = client.registerMediaInfo(new RegisterMediaInfoRequest().setInputURL(ALPHA_OBJECT)
                .setTitle("Launch").setMediaType("video").setBusinessType("opening").setReferenceId("ref-1"))
                .getBody().getMediaId();
        assertTrue(mediaId.matches("[0-9a-f]{32}"), mediaId);

        var info = client.getMediaInfo(new GetMediaInfoRequest().setMediaId(mediaId)).getBody().getMediaInfo();
        assertEquals(mediaId, info.getMediaId());
        assertEquals("Launch", info.getMediaBasicInfo().getTitle());
        assertEquals("Normal", info.getMediaBasicInfo().getStatus());
        assertEquals("ref-1", info.getMediaBasicInfo().getReferenceId());
        assertEquals(1, info.getFileInfoList().size());
        assertEquals("1234", info.getFileInfoList().get(0).getFileBasicInfo().getFileSize());
        assertEquals(ALPHA_OBJECT_HTTPS, info.getFileInfoList().get(0).getFileBasicInfo().getFileUrl());

        var byUrl = client.getMediaInfo(new GetMediaInfoRequest().setInputURL(ALPHA_OBJECT_HTTPS)).getBody().getMediaInfo();
        assertEquals(mediaId, byUrl.getMediaId(), "the https and oss:// forms name the same file");

        String again = client.registerMediaInfo(new RegisterMediaInfoRequest().setInputURL(ALPHA_OBJECT_HTTPS))
                .getBody().getMediaId();
        assertEquals(mediaId, again, "registering a registered file answers its MediaId");
    }

    @Test
    void registerAndBatchGetWithV3AndClientToken() throws Exception {
        var client = OfficialSdk.v3(base, ALPHA_OPS_KEY, ALPHA_OPS_SECRET);
        var register = new RegisterMediaInfoRequest().setInputURL(ALPHA_OBJECT_V3).setClientToken("token-v3-1");
        String mediaId = client.registerMediaInfo(register).getBody().getMediaId();
        assertEquals(mediaId, client.registerMediaInfo(register).getBody().getMediaId(), "ClientToken is idempotent");

        var beta = OfficialSdk.v3(base, BETA_ROOT_KEY, BETA_ROOT_SECRET);
        String betaId = beta.registerMediaInfo(new RegisterMediaInfoRequest().setInputURL(BETA_OBJECT)).getBody().getMediaId();

        var infos = client.batchGetMediaInfos(new BatchGetMediaInfosRequest()
                .setMediaIds(mediaId + ",0123456789abcdef0123456789abcdef," + betaId + "," + mediaId)).getBody().getMediaInfos();
        assertEquals(List.of(mediaId), infos.stream().map(i -> i.getMediaId()).toList(),
                "unknown and other accounts' IDs are left out; duplicates answered once");
        assertEquals(10L, Long.parseLong(infos.get(0).getFileInfoList().get(0).getFileBasicInfo().getFileSize()));

        TeaException invisible = assertThrows(TeaException.class,
                () -> beta.getMediaInfo(new GetMediaInfoRequest().setMediaId(mediaId)));
        assertEquals("ResourceNotFound", invisible.getCode());
        assertEquals(404, invisible.getStatusCode());
    }

    @Test
    void badCredentialsAreRefusedWithTheirCodes() throws Exception {
        GetMediaInfoRequest get = new GetMediaInfoRequest().setMediaId("0123456789abcdef0123456789abcdef");
        assertCode("InvalidAccessKeyId.NotFound", 404, () -> OfficialSdk.v1(base, "LTAInobody000000", "x").getMediaInfo(get));
        assertCode("InvalidAccessKeyId.Inactive", 403,
                () -> OfficialSdk.v1(base, ALPHA_RETIRED_KEY, ALPHA_RETIRED_SECRET).getMediaInfo(get));
        assertCode("SignatureDoesNotMatch", 403, () -> OfficialSdk.v1(base, ALPHA_ROOT_KEY, "wrong secret").getMediaInfo(get));
        assertCode("SignatureDoesNotMatch", 403, () -> OfficialSdk.v3(base, ALPHA_ROOT_KEY, "wrong secret").getMediaInfo(get));
    }

    @Test
    void badParametersAreRefusedWithTheirCodes() throws Exception {
        var client = OfficialSdk.v1(base, ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET);
        assertCode("MissingParameter", 400, () -> client.registerMediaInfo(new RegisterMediaInfoRequest()));
        assertCode("InvalidParameter", 400, () -> client.registerMediaInfo(
                new RegisterMediaInfoRequest().setInputURL("http://169.254.169.254/latest/meta-data")));
        assertCode("InvalidParameter", 400, () -> client.registerMediaInfo(
                new RegisterMediaInfoRequest().setInputURL("oss://alpha-media/ice-it/not-there.mp4")));
        assertCode("InvalidParameter", 400, () -> client.registerMediaInfo(
                new RegisterMediaInfoRequest().setInputURL(ALPHA_OBJECT).setTitle("x".repeat(100_000))));
        String ids21 = IntStream.range(0, 21).mapToObj(i -> String.format("%032x", i)).collect(Collectors.joining(","));
        assertCode("InvalidParameter", 400, () -> client.batchGetMediaInfos(new BatchGetMediaInfosRequest().setMediaIds(ids21)));
        assertCode("MissingParameter", 400, () -> client.batchGetMediaInfos(new BatchGetMediaInfosRequest()));
        assertCode("ResourceNotFound", 404, () -> client.getMediaInfo(new GetMediaInfoRequest().setMediaId("'; DROP TABLE media_asset; --")));
    }

    /** The core SDK's signing (form body, empty values kept) is accepted; a replayed or stale request is not. */
    @Test
    void coreSdkStyleRequestsReplaysAndStaleTimestamps() throws Exception {
        SdkSigner signer = new SdkSigner(ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET, Instant.now());
        SignedRequest core = signer.coreV1("BatchGetMediaInfos", Map.of("Version", "2020-11-09"),
                Map.of("MediaIds", "0123456789abcdef0123456789abcdef", "AdditionType", ""));
        HttpResponse<String> first = send(core);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(0, JsonAnswer.of(first).getJsonArray("MediaInfos").size(), first.body());

        HttpResponse<String> replay = send(core);
        JsonAnswer.assertError(403, "SignatureNonceUsed", replay);

        SignedRequest stale = signer.at(Instant.now().minus(Duration.ofMinutes(20)))
                .teaV1("GetMediaInfo", Map.of("Version", "2020-11-09", "MediaId", "0123456789abcdef0123456789abcdef"));
        HttpResponse<String> expired = send(stale);
        assertEquals("InvalidTimeStamp.Expired", JsonAnswer.of(expired).getString("Code"), expired.body());
        assertFalse(expired.body().contains("at io.mediapurge"), "no stack trace reaches a client");

        SignedRequest unknown = signer.at(Instant.now()).teaV1("DescribeEverything", Map.of("Version", "2020-11-09"));
        HttpResponse<String> notFound = send(unknown);
        JsonAnswer.assertError(404, "InvalidAction.NotFound", notFound);

        SignedRequest oldVersion = signer.teaV1("GetMediaInfo", Map.of("Version", "2017-03-21", "MediaId", "x"));
        HttpResponse<String> old = send(oldVersion);
        assertEquals("InvalidParameter", JsonAnswer.of(old).getString("Code"), old.body());
    }

    /** The core SDK's generic CommonRequest (its own v1 signer, form-encoded POST) is accepted too. */
    @Test
    void coreSdkCommonRequest() throws Exception {
        DefaultAcsClient core = new DefaultAcsClient(DefaultProfile.getProfile("cn-shanghai", ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET));
        try {
            CommonRequest request = new CommonRequest();
            request.setSysMethod(MethodType.POST);
            request.setSysProtocol(ProtocolType.HTTP);
            request.setSysDomain(base.getHost() + ":" + base.getPort());
            request.setSysVersion("2020-11-09");
            request.setSysAction("BatchGetMediaInfos");
            request.putQueryParameter("MediaIds", "0123456789abcdef0123456789abcdef");
            CommonResponse response = core.getCommonResponse(request);
            assertEquals(200, response.getHttpStatus(), response.getData());
            assertEquals(0, JsonAnswer.of(response.getData()).getJsonArray("MediaInfos").size(), response.getData());

            request.putQueryParameter("MediaIds", "");
            // The core SDK raises 4xx answers as ClientException, with the Code from the JSON body.
            ClientException missing = assertThrows(ClientException.class, () -> core.getCommonResponse(request));
            assertEquals("MissingParameter", missing.getErrCode());
        } finally {
            core.shutdown();
        }
    }

    @Test
    void overwriteReplacesTheDescriptionOtherwiseItIsKept() throws Exception {
        var client = OfficialSdk.v1(base, ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET);
        String mediaId = client.registerMediaInfo(new RegisterMediaInfoRequest().setInputURL(ALPHA_OVERWRITTEN)
                .setTitle("First").setDescription("first description")).getBody().getMediaId();

        String kept = client.registerMediaInfo(new RegisterMediaInfoRequest().setInputURL(ALPHA_OVERWRITTEN)
                .setTitle("Ignored").setDescription("ignored").setOverwrite(false)).getBody().getMediaId();
        assertEquals(mediaId, kept, "Overwrite=false answers the registered asset");
        assertEquals(List.of("First", "first description"), titleAndDescription(client, mediaId));

        String replaced = client.registerMediaInfo(new RegisterMediaInfoRequest().setInputURL(ALPHA_OVERWRITTEN)
                .setTitle("Second").setDescription("second description").setOverwrite(true)).getBody().getMediaId();
        assertEquals(mediaId, replaced, "Overwrite=true keeps the MediaId");
        assertEquals(List.of("Second", "second description"), titleAndDescription(client, mediaId));

        // A refused overwrite replaces nothing.
        SdkSigner signer = new SdkSigner(ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET, Instant.now());
        assertAnswer(400, "InvalidParameter", send(signer.teaV1("RegisterMediaInfo",
                Map.of("InputURL", ALPHA_OVERWRITTEN, "Overwrite", "true", "Title", "Third", "CateId", "not-a-number"))));
        assertAnswer(400, "InvalidParameter", send(signer.teaV1("RegisterMediaInfo",
                Map.of("InputURL", ALPHA_OVERWRITTEN, "Overwrite", "perhaps", "Title", "Third"))));
        assertEquals(List.of("Second", "second description"), titleAndDescription(client, mediaId));
    }

    /** Another account registering the same object gets its own asset; neither owner's answers change. */
    @Test
    void anotherAccountsRegistrationOfTheSameFileLeavesMineAsItIs() throws Exception {
        var alpha = OfficialSdk.v1(base, ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET);
        var beta = OfficialSdk.v1(base, BETA_ROOT_KEY, BETA_ROOT_SECRET);
        String alphaId = alpha.registerMediaInfo(new RegisterMediaInfoRequest().setInputURL(ALPHA_SHARED)).getBody().getMediaId();
        // beta may register files of alpha's bucket only once it has granted that bucket itself
        SuiteDatabase.grantBucket(BETA, "alpha-media", true);
        String betaId;
        try {
            betaId = beta.registerMediaInfo(new RegisterMediaInfoRequest().setInputURL(ALPHA_SHARED)).getBody().getMediaId();
            assertNotEquals(alphaId, betaId);

            assertEquals(alphaId, alpha.registerMediaInfo(new RegisterMediaInfoRequest().setInputURL(ALPHA_SHARED)).getBody().getMediaId(),
                    "registering my file again answers my asset, not a new one");
            assertEquals(betaId, beta.registerMediaInfo(new RegisterMediaInfoRequest().setInputURL(ALPHA_SHARED)).getBody().getMediaId());
        } finally {
            SuiteDatabase.grantBucket(BETA, "alpha-media", false);
        }
        assertEquals(alphaId, alpha.getMediaInfo(new GetMediaInfoRequest().setInputURL(ALPHA_SHARED)).getBody().getMediaInfo().getMediaId(),
                "my asset is found by its URL");
    }

    @Test
    void missingActionOrVersionAnswersMissingParameter() throws Exception {
        SdkSigner signer = new SdkSigner(ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET, Instant.now());
        HttpResponse<String> noActionForm = send(signer.coreV1Without("Action", "BatchGetMediaInfos", Map.of(), Map.of("MediaIds", NO_SUCH_ID)));
        assertAnswer(400, "MissingParameter", noActionForm);
        assertTrue(JsonAnswer.message(noActionForm).contains("Action"), noActionForm.body());

        HttpResponse<String> noActionQuery = send(signer.teaV1Without("Action", "GetMediaInfo", Map.of("MediaId", NO_SUCH_ID)));
        assertAnswer(400, "MissingParameter", noActionQuery);
        assertTrue(JsonAnswer.message(noActionQuery).contains("Action"), noActionQuery.body());

        HttpResponse<String> noVersion = send(signer.teaV1Without("Version", "GetMediaInfo", Map.of("MediaId", NO_SUCH_ID)));
        assertAnswer(400, "MissingParameter", noVersion);
        assertTrue(JsonAnswer.message(noVersion).contains("Version"), noVersion.body());

        HttpResponse<String> noVersionV3 = send(signer.coreStyleV3("POST", "/", Map.of("MediaId", NO_SUCH_ID),
                Map.of("x-acs-action", "GetMediaInfo", "host", host()), new byte[0]));
        assertAnswer(400, "MissingParameter", noVersionV3);
        assertTrue(JsonAnswer.message(noVersionV3).contains("Version"), noVersionV3.body());
    }

    @Test
    void aTimestampTwentyMinutesAheadIsRefused() throws Exception {
        SdkSigner signer = new SdkSigner(ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET, Instant.now().plus(Duration.ofMinutes(20)));
        HttpResponse<String> v1 = send(signer.teaV1("GetMediaInfo", Map.of("MediaId", NO_SUCH_ID)));
        assertEquals("InvalidTimeStamp.Expired", JsonAnswer.of(v1).getString("Code"), v1.body());
        assertTrue(v1.statusCode() == 400 || v1.statusCode() == 403, v1.body());
        HttpResponse<String> v3 = send(signer.coreStyleV3("POST", "/", Map.of("MediaId", NO_SUCH_ID),
                Map.of("x-acs-action", "GetMediaInfo", "x-acs-version", "2020-11-09", "host", host()), new byte[0]));
        assertEquals("InvalidTimeStamp.Expired", JsonAnswer.of(v3).getString("Code"), v3.body());
    }

    /** Every refused RegisterMediaInfo leaves the registry as it was: the object stays unregistered. */
    @Test
    void refusedRegistrationsRegisterNothing() throws Exception {
        var client = OfficialSdk.v1(base, ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET);
        assertCode("InvalidParameter", 400, () -> client.registerMediaInfo(new RegisterMediaInfoRequest()
                .setInputURL(ALPHA_REFUSED).setMediaType("hologram")));
        assertCode("InvalidParameter", 400, () -> client.registerMediaInfo(new RegisterMediaInfoRequest()
                .setInputURL(ALPHA_REFUSED).setTitle("x".repeat(257))));
        assertCode("SignatureDoesNotMatch", 403, () -> OfficialSdk.v1(base, ALPHA_ROOT_KEY, "wrong secret")
                .registerMediaInfo(new RegisterMediaInfoRequest().setInputURL(ALPHA_REFUSED)));
        assertCode("InvalidAccessKeyId.Inactive", 403, () -> OfficialSdk.v1(base, ALPHA_RETIRED_KEY, ALPHA_RETIRED_SECRET)
                .registerMediaInfo(new RegisterMediaInfoRequest().setInputURL(ALPHA_REFUSED)));
        Instant now = Instant.now();
        SdkSigner signer = new SdkSigner(ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET, now);
        Map<String, String> register = Map.of("InputURL", ALPHA_REFUSED);
        assertAnswer(400, "InvalidParameter", send(signer.teaV1("RegisterMediaInfo", Map.of("InputURL", ALPHA_REFUSED, "CateId", "x"))));
        assertAnswer(400, "MissingParameter", send(signer.teaV1Without("Version", "RegisterMediaInfo", register)));
        assertEquals("InvalidTimeStamp.Expired",
                JsonAnswer.of(send(signer.at(now.plus(Duration.ofMinutes(20))).teaV1("RegisterMediaInfo", register))).getString("Code"));
        assertEquals("InvalidTimeStamp.Expired",
                JsonAnswer.of(send(signer.at(now.minus(Duration.ofMinutes(20))).teaV1("RegisterMediaInfo", register))).getString("Code"));

        assertCode("ResourceNotFound", 404, () -> client.getMediaInfo(new GetMediaInfoRequest().setInputURL(ALPHA_REFUSED)));
    }

    private static List<String> titleAndDescription(com.aliyun.ice20201109.Client client, String mediaId) throws Exception {
        var basic = client.getMediaInfo(new GetMediaInfoRequest().setMediaId(mediaId)).getBody().getMediaInfo().getMediaBasicInfo();
        return List.of(basic.getTitle(), basic.getDescription());
    }

    private static void assertAnswer(int status, String code, HttpResponse<String> response) {
        JsonAnswer.assertError(status, code, response);
    }

    /** A query string longer than any real call is refused in the error shape, not cut off by the HTTP layer. */
    @Test
    void anOversizedQueryStringIsAnsweredInTheErrorShape() throws Exception {
        String query = "Action=DeleteMediaInfos&InputURLs=" + "oss%3A%2F%2Falpha-media%2F" + "x".repeat(300 * 1024);
        for (String path : List.of("/?", "/api/v1/jobs?")) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.toURI().resolve(path + query))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertAnswer(400, "InvalidParameter", answer);
            assertTrue(JsonAnswer.message(answer).contains("query string"), answer.body());
        }
    }

    /** The Host header the HTTP client sends, which a v3 signature must cover. */
    private String host() {
        return base.getHost() + ":" + base.getPort();
    }

    private HttpResponse<String> send(SignedRequest request) throws Exception {
        URI uri = base.toURI().resolve("/" + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery()));
        HttpRequest.Builder http = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Transfer-Encoding") && !name.equalsIgnoreCase("host")) {
                values.forEach(v -> http.header(name, v));
            }
        });
        return HttpClient.newHttpClient().send(http.build(), HttpResponse.BodyHandlers.ofString());
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static void assertCode(String code, int status, Call call) {
        TeaException e = assertThrows(TeaException.class, call::run);
        assertEquals(code, e.getCode(), e.getMessage());
        assertEquals(status, e.getStatusCode(), e.getMessage());
        assertNotEquals(null, e.getData());
    }
}
