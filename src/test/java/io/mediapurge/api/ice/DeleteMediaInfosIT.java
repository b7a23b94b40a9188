package io.mediapurge.api.ice;

import static io.mediapurge.testing.SuiteSeed.ALPHA;
import static io.mediapurge.testing.SuiteSeed.ALPHA_OPS_KEY;
import static io.mediapurge.testing.SuiteSeed.ALPHA_OPS_SECRET;
import static io.mediapurge.testing.SuiteSeed.ALPHA_ROOT_KEY;
import static io.mediapurge.testing.SuiteSeed.ALPHA_ROOT_SECRET;
import static io.mediapurge.testing.SuiteSeed.BETA_ROOT_KEY;
import static io.mediapurge.testing.SuiteSeed.BETA_ROOT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import com.aliyun.ice20201109.Client;
import com.aliyun.ice20201109.models.DeleteMediaInfosRequest;
import com.aliyun.ice20201109.models.DeleteMediaInfosResponseBody;
import com.aliyun.ice20201109.models.GetMediaInfoRequest;
import com.aliyun.ice20201109.models.RegisterMediaInfoRequest;
import com.aliyun.oss.OSS;
import com.aliyun.tea.TeaException;

import io.mediapurge.testing.JsonAnswer;
import io.mediapurge.testing.OperatorCalls;
import io.mediapurge.testing.SuiteDatabase;
import io.mediapurge.testing.SuiteOss;

/**
 * DeleteMediaInfos through the official SDK, as the IMS API reference tells it: own, foreign, unknown,
 * malformed, already deleted, URL-selected, denied by policy and in an ungranted bucket; exactly
 * the right objects gone from OSS; a repeat call ignores what is gone; bad calls refused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
// A story in order: what the first call deletes, the second finds gone.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeleteMediaInfosIT {

    static final String DENIED_ID = "dead0000beef1111cafe2222f00d3333";
    static final String UNKNOWN_ID = "0000000000000000000000000000dead";

    @ArquillianResource
    URL base;

    static String own1;
    static String own2;
    static String ungranted;
    static String foreign;
    static String logical;

    /**
     * The assets the tests delete, made once before the first test runs. Not {@code @BeforeAll}:
     * the server's URL is given to each test, not to the class, and registering needs it.
     */
    @BeforeEach
    void assetsOfTwoAccountsInGrantedAndUngrantedBuckets() throws Exception {
        if (own1 != null) {
            return;
        }
        OSS oss = SuiteOss.client();
        try {
            for (String bucket : List.of("alpha-media", "alpha-ungranted", "beta-media")) {
                try {
                    oss.createBucket(bucket);
                } catch (RuntimeException alreadyThere) {
                    // made by another test of the suite
                }
            }
            for (String key : List.of("del/1.mp4", "del/2.mp4", "del/3.mp4", "del/dead.mp4", "del/logical.mp4")) {
                oss.putObject("alpha-media", key, new ByteArrayInputStream(new byte[100]));
            }
            oss.putObject("alpha-ungranted", "del/4.mp4", new ByteArrayInputStream(new byte[100]));
            oss.putObject("beta-media", "del/5.mp4", new ByteArrayInputStream(new byte[100]));
        } finally {
            oss.shutdown();
        }
        Client root = OfficialSdk.v1(base, ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET);
        String first = register(root, "oss://alpha-media/del/1.mp4");
        own2 = register(root, "oss://alpha-media/del/2.mp4");
        register(root, "oss://alpha-media/del/3.mp4");
        // Registering needs the bucket granted; a grant withdrawn afterwards leaves an asset in an ungranted bucket.
        SuiteDatabase.grantBucket(ALPHA, "alpha-ungranted", true);
        ungranted = register(root, "oss://alpha-ungranted/del/4.mp4");
        SuiteDatabase.grantBucket(ALPHA, "alpha-ungranted", false);
        logical = register(root, "oss://alpha-media/del/logical.mp4");
        foreign = register(OfficialSdk.v1(base, BETA_ROOT_KEY, BETA_ROOT_SECRET), "oss://beta-media/del/5.mp4");
        // An asset whose ID ops' Deny statement names: only the import lets a caller choose the ID.
        var imported = new OperatorCalls(base, ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET).post("/api/v1/media:import", "application/x-ndjson",
                "{\"ownerUid\":\"" + ALPHA + "\",\"mediaId\":\"" + DENIED_ID + "\",\"files\":[{\"url\":\"oss://alpha-media/del/dead.mp4\"}]}\n");
        assertEquals(1, JsonAnswer.of(imported).getInt("imported"), imported.body());
        own1 = first;
    }

    @Test
    @Order(2)
    void oneCallSortsEverySelectorIntoItsOutcome() throws Exception {
        Client ops = OfficialSdk.v3(base, ALPHA_OPS_KEY, ALPHA_OPS_SECRET);
        DeleteMediaInfosResponseBody body = ops.deleteMediaInfos(new DeleteMediaInfosRequest()
                .setMediaIds(String.join(",", own1, own2, DENIED_ID, ungranted, foreign, UNKNOWN_ID, "not-a-media-id", own1))
                .setInputURLs("oss://alpha-media/del/3.mp4") // ignored: MediaIds win
                .setDeletePhysicalFiles(true)).getBody();
        assertEquals(List.of(UNKNOWN_ID, "not-a-media-id"), body.getIgnoredList());
        assertEquals(List.of(DENIED_ID, ungranted, foreign), body.getForbiddenList());

        assertGone("alpha-media", "del/1.mp4", "del/2.mp4");
        assertPresent("alpha-media", "del/3.mp4", "del/dead.mp4", "del/logical.mp4");
        assertPresent("alpha-ungranted", "del/4.mp4");
        assertPresent("beta-media", "del/5.mp4");
        TeaException gone = assertThrows(TeaException.class,
                () -> ops.getMediaInfo(new GetMediaInfoRequest().setMediaId(own1)));
        assertEquals("ResourceNotFound", gone.getCode());
    }

    @Test
    @Order(3)
    void urlsSelectWhenMediaIdsAreEmptyAndARepeatIgnoresWhatIsGone() throws Exception {
        Client ops = OfficialSdk.v1(base, ALPHA_OPS_KEY, ALPHA_OPS_SECRET);
        String https = "https://alpha-media.oss-cn-shanghai.aliyuncs.com/del/3.mp4?versionId=x";
        DeleteMediaInfosResponseBody body = ops.deleteMediaInfos(new DeleteMediaInfosRequest()
                .setInputURLs(https + ",oss://alpha-media/del/never-registered.mp4,http://example.com/del/3.mp4")
                .setDeletePhysicalFiles(true)).getBody();
        assertEquals(List.of("oss://alpha-media/del/never-registered.mp4", "http://example.com/del/3.mp4"), body.getIgnoredList());
        assertEquals(List.of(), body.getForbiddenList());
        assertGone("alpha-media", "del/3.mp4");

        DeleteMediaInfosResponseBody repeat = ops.deleteMediaInfos(new DeleteMediaInfosRequest()
                .setMediaIds(own1 + "," + own2).setDeletePhysicalFiles(true)).getBody();
        assertEquals(List.of(own1, own2), repeat.getIgnoredList(), "already deleted");
    }

    @Test
    @Order(4)
    void withoutPhysicalDeletionTheFilesStay() throws Exception {
        Client root = OfficialSdk.v1(base, ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET);
        DeleteMediaInfosResponseBody body = root.deleteMediaInfos(new DeleteMediaInfosRequest().setMediaIds(logical)).getBody();
        assertEquals(List.of(), body.getIgnoredList());
        assertPresent("alpha-media", "del/logical.mp4");
        assertEquals("ResourceNotFound", assertThrows(TeaException.class,
                () -> root.getMediaInfo(new GetMediaInfoRequest().setMediaId(logical))).getCode());
    }

    @Test
    @Order(5)
    void badCallsAreRefused() throws Exception {
        Client root = OfficialSdk.v1(base, ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET);
        String ids21 = IntStream.range(0, 21).mapToObj(i -> String.format("%032x", i)).collect(Collectors.joining(","));
        TeaException tooMany = assertThrows(TeaException.class,
                () -> root.deleteMediaInfos(new DeleteMediaInfosRequest().setMediaIds(ids21)));
        assertEquals("InvalidParameter", tooMany.getCode());
        TeaException empty = assertThrows(TeaException.class,
                () -> root.deleteMediaInfos(new DeleteMediaInfosRequest().setMediaIds("").setInputURLs(" , ")));
        assertEquals("MissingParameter", empty.getCode());
        assertPresent("alpha-ungranted", "del/4.mp4");
    }

    /** OSS refuses one file: that asset stays, the call fails naming it, the rest is deleted. */
    @Test
    @Order(6)
    void filesOssWillNotDeleteFailTheCallButNotTheRest() throws Exception {
        OSS oss = SuiteOss.client();
        try {
            oss.putObject("alpha-media", "del/refused.mp4", new ByteArrayInputStream(new byte[10]));
            oss.putObject("alpha-media", "del/fine.mp4", new ByteArrayInputStream(new byte[10]));
        } finally {
            oss.shutdown();
        }
        Client root = OfficialSdk.v1(base, ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET);
        String refused = register(root, "oss://alpha-media/del/refused.mp4");
        String fine = register(root, "oss://alpha-media/del/fine.mp4");
        assertEquals(200, SuiteOss.faults("key-failure AccessDenied alpha-media/del/refused.mp4"));
        try {
            TeaException e = assertThrows(TeaException.class, () -> root.deleteMediaInfos(new DeleteMediaInfosRequest()
                    .setMediaIds(refused + "," + fine).setDeletePhysicalFiles(true)));
            assertEquals("ServiceUnAvailable", e.getCode());
            assertEquals(503, e.getStatusCode());
            assertTrue(e.getMessage().contains(refused + ": AccessDenied"), e.getMessage());
        } finally {
            SuiteOss.clearFaults();
        }
        assertGone("alpha-media", "del/fine.mp4");
        assertPresent("alpha-media", "del/refused.mp4");
        assertEquals(refused, root.getMediaInfo(new GetMediaInfoRequest().setMediaId(refused)).getBody().getMediaInfo().getMediaId(),
                "the asset stays live so a rerun can try again");
        DeleteMediaInfosResponseBody rerun = root.deleteMediaInfos(new DeleteMediaInfosRequest()
                .setMediaIds(refused + "," + fine).setDeletePhysicalFiles(true)).getBody();
        assertEquals(List.of(fine), rerun.getIgnoredList());
        assertGone("alpha-media", "del/refused.mp4");
    }

    private static String register(Client client, String url) throws Exception {
        return client.registerMediaInfo(new RegisterMediaInfoRequest().setInputURL(url)).getBody().getMediaId();
    }

    private static void assertGone(String bucket, String... keys) {
        OSS oss = SuiteOss.client();
        try {
            for (String key : keys) {
                assertFalse(oss.doesObjectExist(bucket, key), bucket + "/" + key + " should be gone");
            }
        } finally {
            oss.shutdown();
        }
    }

    private static void assertPresent(String bucket, String... keys) {
        OSS oss = SuiteOss.client();
        try {
            for (String key : keys) {
                assertTrue(oss.doesObjectExist(bucket, key), bucket + "/" + key + " should still be there");
            }
        } finally {
            oss.shutdown();
        }
    }
}
