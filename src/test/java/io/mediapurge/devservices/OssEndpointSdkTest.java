package io.mediapurge.devservices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.DeleteObjectsRequest;
import com.aliyun.oss.model.DeleteObjectsResult;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.ObjectMetadata;

/** The real aliyun-sdk-oss against the endpoint, every operation the product uses, V1 and V4. */
class OssEndpointSdkTest {

    static final String ID = "test-key-id";
    static final String SECRET = "test-key-secret";

    static OssEndpoint endpoint;

    @BeforeAll
    static void start() {
        endpoint = OssEndpoint.builder().credentials(ID, SECRET).start();
    }

    @AfterAll
    static void stop() {
        endpoint.stop();
    }

    static OSS client(SignVersion version, String id, String secret) {
        ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
        conf.setSignatureVersion(version);
        conf.setConnectionTimeout(2000);
        conf.setSocketTimeout(5000);
        conf.setMaxErrorRetry(0);
        return OSSClientBuilder.create().endpoint(endpoint.url().toString())
                .credentialsProvider(new DefaultCredentialProvider(id, secret))
                .clientConfiguration(conf).region("cn-hangzhou").build();
    }

    @ParameterizedTest
    @EnumSource(value = SignVersion.class, names = {"V1", "V4"})
    void everyOperationTheProductUses(SignVersion version) throws IOException {
        OSS oss = client(version, ID, SECRET);
        endpoint.counters().reset();
        try {
            String bucket = "sdk-" + version.name().toLowerCase();
            oss.createBucket(bucket);
            assertTrue(endpoint.store().bucketExists(bucket));

            ObjectMetadata meta = new ObjectMetadata();
            meta.setContentType("video/mp4");
            meta.addUserMetadata("Author", "Ann Lee");
            String key = "videos/2024/a b+c/ünïcødé?&=#.mp4";
            byte[] content = "some video bytes".getBytes(StandardCharsets.UTF_8);
            oss.putObject(bucket, key, new ByteArrayInputStream(content), meta);

            ObjectMetadata head = oss.getObjectMetadata(bucket, key);
            assertEquals(content.length, head.getContentLength());
            assertEquals("video/mp4", head.getContentType());
            assertEquals("Ann Lee", head.getUserMetadata().get("author"));
            assertTrue(oss.doesObjectExist(bucket, key));
            assertFalse(oss.doesObjectExist(bucket, "no/such/key"));
            assertNull(headOrNull(oss, bucket, "no/such/key"));

            try (OSSObject object = oss.getObject(bucket, key); InputStream in = object.getObjectContent()) {
                assertArrayEquals(content, in.readAllBytes());
                assertEquals("Ann Lee", object.getObjectMetadata().getUserMetadata().get("author"));
            }
            OSSException missing = assertThrows(OSSException.class, () -> oss.getObject(bucket, "missing"));
            assertEquals("NoSuchKey", missing.getErrorCode());

            for (int i = 0; i < 7; i++) {
                oss.putObject(bucket, "list/" + (i % 2 == 0 ? "even/" : "odd/") + i, new ByteArrayInputStream(new byte[i]));
            }
            oss.putObject(bucket, "list/top", new ByteArrayInputStream(new byte[1]));
            ListObjectsV2Result byFolder = oss.listObjectsV2(new ListObjectsV2Request(bucket)
                    .withPrefix("list/").withDelimiter("/"));
            assertEquals(List.of("list/even/", "list/odd/"), byFolder.getCommonPrefixes());
            assertEquals(List.of("list/top"), keys(byFolder));
            assertEquals(3, byFolder.getKeyCount());

            List<String> paged = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                ListObjectsV2Result page = oss.listObjectsV2(new ListObjectsV2Request(bucket)
                        .withPrefix("list/").withMaxKeys(3).withContinuationToken(token));
                paged.addAll(keys(page));
                token = page.isTruncated() ? page.getNextContinuationToken() : null;
                pages++;
            } while (token != null);
            assertEquals(8, paged.size());
            assertEquals(3, pages);

            oss.deleteObject(bucket, "list/top");
            oss.deleteObject(bucket, "list/top"); // missing: still 204
            assertFalse(endpoint.store().find(bucket, "list/top").isPresent());

            DeleteObjectsResult verbose = oss.deleteObjects(new DeleteObjectsRequest(bucket)
                    .withKeys(List.of("list/even/0", "list/odd/1", key, "never/existed")).withQuiet(false));
            assertEquals(List.of("list/even/0", "list/odd/1", key, "never/existed"), verbose.getDeletedObjects());
            DeleteObjectsResult quiet = oss.deleteObjects(new DeleteObjectsRequest(bucket)
                    .withKeys(List.of("list/even/2", "list/odd/3")).withQuiet(true));
            assertTrue(quiet.getDeletedObjects().isEmpty());
            assertEquals(3, endpoint.store().count(bucket));
            OSSException notEmpty = assertThrows(OSSException.class, () -> oss.deleteBucket(bucket));
            assertEquals("BucketNotEmpty", notEmpty.getErrorCode());
            oss.deleteObjects(new DeleteObjectsRequest(bucket).withKeys(List.copyOf(endpoint.store().objects(bucket).keySet())));
            oss.deleteBucket(bucket);
            assertFalse(endpoint.store().bucketExists(bucket));
            assertEquals(endpoint.counters().total(), endpoint.counters().signedWith(version.name()),
                    "every request was signed with " + version);
            assertEquals(0, endpoint.counters().signedWith(version == SignVersion.V1 ? "V4" : "V1"));
        } finally {
            oss.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(value = SignVersion.class, names = {"V1", "V4"})
    void aWrongSecretIsRefused(SignVersion version) {
        OSS oss = client(version, ID, "not-the-secret");
        try {
            OSSException e = assertThrows(OSSException.class, () -> oss.createBucket("refused"));
            assertEquals("SignatureDoesNotMatch", e.getErrorCode());
            assertTrue(e.getRequestId() != null && !e.getRequestId().isEmpty());
            assertFalse(endpoint.store().bucketExists("refused"));
        } finally {
            oss.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(value = SignVersion.class, names = {"V1", "V4"})
    void anUnknownAccessKeyIsRefused(SignVersion version) {
        OSS oss = client(version, "nobody", SECRET);
        try {
            OSSException e = assertThrows(OSSException.class, () -> oss.listObjectsV2("anything"));
            assertEquals("InvalidAccessKeyId", e.getErrorCode());
        } finally {
            oss.shutdown();
        }
    }

    @Test
    void moreThanAThousandKeysIsMalformed() throws Exception {
        endpoint.store().createBucket("too-many");
        String body = "<Delete><Quiet>false</Quiet>" + IntStream.range(0, 1001)
                .mapToObj(i -> "<Object><Key>k" + i + "</Key></Object>").collect(Collectors.joining()) + "</Delete>";
        RawRequest.Answer answer = RawRequest.signedV1(endpoint, ID, SECRET, "POST", "/too-many/?delete",
                "too-many", null, "delete", body.getBytes(StandardCharsets.UTF_8), Map.of());
        assertEquals(400, answer.status());
        assertTrue(answer.body().contains("<Code>MalformedXML</Code>"), answer.body());
        assertTrue(answer.body().contains("<RequestId>"), answer.body());
    }

    private static List<String> keys(ListObjectsV2Result result) {
        return result.getObjectSummaries().stream().map(OSSObjectSummary::getKey).collect(Collectors.toList());
    }

    private static ObjectMetadata headOrNull(OSS oss, String bucket, String key) {
        try {
            return oss.getObjectMetadata(bucket, key);
        } catch (OSSException e) {
            assertEquals("NoSuchKey", e.getErrorCode());
            return null;
        }
    }
}
