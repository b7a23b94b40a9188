package io.mediapurge.api.ice;

import static io.mediapurge.testing.SuiteSeed.ALPHA;
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
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.aliyun.ice20201109.Client;
import com.aliyun.ice20201109.models.DeleteMediaInfosRequest;
import com.aliyun.ice20201109.models.DeleteMediaInfosResponseBody;
import com.aliyun.ice20201109.models.GetMediaInfoRequest;
import com.aliyun.ice20201109.models.RegisterMediaInfoRequest;
import com.aliyun.oss.OSS;
import com.aliyun.tea.TeaException;

import io.mediapurge.testing.OperatorCalls;
import io.mediapurge.testing.SuiteDatabase;
import io.mediapurge.testing.SuiteOss;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * One account's objects and assets stay its own: registering a file needs the account's grant on
 * its bucket (checked before OSS is asked, so the answer never tells whether another's object
 * exists), and a URL names the caller's own asset even when another account registered the same
 * object too.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TenantIsolationIT {

    static final String ALPHAS_OBJECT = "oss://alpha-media/tenants/alpha-only.mp4";
    static final String NO_SUCH_OBJECT = "oss://alpha-media/tenants/never-written.mp4";

    @ArquillianResource
    URL base;

    @BeforeAll
    static void alphasObjectExists() {
        OSS oss = SuiteOss.client();
        try {
            oss.createBucket("alpha-media");
        } catch (RuntimeException alreadyThere) {
            // made by another test of the suite
        }
        try {
            oss.putObject("alpha-media", "tenants/alpha-only.mp4", new ByteArrayInputStream(new byte[1234]));
            oss.putObject("alpha-media", "tenants/shared.mp4", new ByteArrayInputStream(new byte[10]));
        } finally {
            oss.shutdown();
        }
    }

    /** Beta has no grant on alpha-media: existing or not, the object is refused the same way, before any HEAD. */
    @Test
    void registeringInAnUngrantedBucketIsForbiddenAndTellsNothing() throws Exception {
        Client beta = OfficialSdk.v1(base, BETA_ROOT_KEY, BETA_ROOT_SECRET);
        TeaException existing = assertThrows(TeaException.class,
                () -> beta.registerMediaInfo(new RegisterMediaInfoRequest().setInputURL(ALPHAS_OBJECT)));
        TeaException missing = assertThrows(TeaException.class,
                () -> beta.registerMediaInfo(new RegisterMediaInfoRequest().setInputURL(NO_SUCH_OBJECT)));
        // 1. forbidden, with a message that says what to grant
        assertEquals("Forbidden", existing.getCode());
        assertEquals(403, existing.getStatusCode());
        assertTrue(existing.getMessage().contains("alpha-media"), existing.getMessage());
        // 2. the same answer whether the object exists or not
        assertEquals(existing.getCode(), missing.getCode());
        assertTrue(String.valueOf(existing.getData().get("Message")).contains("alpha-media"), existing.getData()::toString);
        assertEquals(existing.getData().get("Message"), missing.getData().get("Message"));
    }

    @Test
    void importingIntoAnUngrantedBucketFailsThatLineOnly() throws Exception {
        String goodLine = "{\"ownerUid\":\"" + BETA + "\",\"files\":[{\"url\":\"oss://beta-media/tenants/own.mp4\"}]}";
        String foreignBucket = "{\"ownerUid\":\"" + BETA + "\",\"files\":[{\"url\":\"oss://beta-media/tenants/own2.mp4\"},"
                + "{\"url\":\"" + ALPHAS_OBJECT + "\",\"role\":\"transcode\"}]}";
        HttpResponse<String> answer = new OperatorCalls(base, BETA_ROOT_KEY, BETA_ROOT_SECRET).post("/api/v1/media:import",
                "application/x-ndjson", goodLine + "\n" + foreignBucket + "\n");
        assertEquals(200, answer.statusCode(), answer.body());
        JsonObject report = Json.createReader(new StringReader(answer.body())).readObject();
        assertEquals(1, report.getInt("imported"), answer.body());
        assertEquals(1, report.getInt("failed"), answer.body());
        JsonObject error = report.getJsonArray("errors").getJsonObject(0);
        assertEquals(2, error.getInt("line"), answer.body());
        assertTrue(error.getString("message").startsWith("files[1].url:") && error.getString("message").contains("alpha-media"),
                answer.body());
    }

    /** A line nested past any real asset is one bad line; the lines around it are imported. */
    @Test
    void aDeeplyNestedImportLineIsReportedAndTheOthersAreKept() throws Exception {
        String good = "{\"ownerUid\":\"" + BETA + "\",\"files\":[{\"url\":\"oss://beta-media/tenants/nest-%d.mp4\"}]}";
        String nested = "{\"ownerUid\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        HttpResponse<String> answer = new OperatorCalls(base, BETA_ROOT_KEY, BETA_ROOT_SECRET).post("/api/v1/media:import",
                "application/x-ndjson", good.formatted(1) + "\n" + nested + "\n" + good.formatted(2) + "\n");
        assertEquals(200, answer.statusCode(), answer.body());
        JsonObject report = Json.createReader(new StringReader(answer.body())).readObject();
        assertEquals(2, report.getInt("imported"), answer.body());
        assertEquals(1, report.getInt("failed"), answer.body());
        assertEquals(2, report.getJsonArray("errors").getJsonObject(0).getInt("line"), answer.body());
    }

    /**
     * Beta, having granted alpha's bucket too, registers alpha's object: alpha's DeleteMediaInfos by
     * that URL still deletes alpha's asset, not "forbidden" for beta's.
     */
    @Test
    void aUrlNamesTheCallersOwnAssetWhenAnotherAccountRegisteredTheSameObject() throws Exception {
        String url = "oss://alpha-media/tenants/shared.mp4";
        Client alpha = OfficialSdk.v1(base, ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET);
        Client beta = OfficialSdk.v1(base, BETA_ROOT_KEY, BETA_ROOT_SECRET);
        String alphas = alpha.registerMediaInfo(new RegisterMediaInfoRequest().setInputURL(url)).getBody().getMediaId();
        String betas;
        SuiteDatabase.grantBucket(BETA, "alpha-media", true);
        try {
            betas = beta.registerMediaInfo(new RegisterMediaInfoRequest().setInputURL(url)).getBody().getMediaId();
        } finally {
            SuiteDatabase.grantBucket(BETA, "alpha-media", false);
        }
        assertNotEquals(alphas, betas);

        DeleteMediaInfosResponseBody answer = alpha.deleteMediaInfos(new DeleteMediaInfosRequest().setInputURLs(url)).getBody();
        // 1. alpha's asset was deleted: nothing ignored, nothing forbidden
        assertEquals(List.of(), answer.getForbiddenList());
        assertEquals(List.of(), answer.getIgnoredList());
        TeaException gone = assertThrows(TeaException.class, () -> alpha.getMediaInfo(new GetMediaInfoRequest().setMediaId(alphas)));
        assertEquals("ResourceNotFound", gone.getCode());
        // 2. beta's stays, and beta's own delete by the URL finds beta's asset
        assertEquals(betas, beta.getMediaInfo(new GetMediaInfoRequest().setMediaId(betas)).getBody().getMediaInfo().getMediaId());
        DeleteMediaInfosResponseBody betasAnswer = beta.deleteMediaInfos(new DeleteMediaInfosRequest().setInputURLs(url)).getBody();
        assertEquals(List.of(), betasAnswer.getForbiddenList());
        assertFalse(betasAnswer.getIgnoredList().contains(url), "beta's asset was live and is deleted now");
    }
}
