package io.mediapurge.api.rest;

import static io.mediapurge.api.rest.PurgeSubmissionsIT.assertError;
import static io.mediapurge.api.rest.PurgeSubmissionsIT.json;
import static io.mediapurge.testing.SuiteSeed.ALPHA;
import static io.mediapurge.testing.SuiteSeed.ALPHA_NOBODY_KEY;
import static io.mediapurge.testing.SuiteSeed.ALPHA_NOBODY_SECRET;
import static io.mediapurge.testing.SuiteSeed.ALPHA_READER_KEY;
import static io.mediapurge.testing.SuiteSeed.ALPHA_READER_SECRET;
import static io.mediapurge.testing.SuiteSeed.ALPHA_ROOT_KEY;
import static io.mediapurge.testing.SuiteSeed.ALPHA_ROOT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.mediapurge.signing.SdkSigner;
import io.mediapurge.signing.SignedRequest;
import io.mediapurge.testing.JsonAnswer;
import io.mediapurge.testing.OperatorCalls;
import io.mediapurge.testing.SuiteDatabase;

import jakarta.json.JsonObject;

/**
 * The operator API decides every call by a RAM action on a resource of the caller's account, as
 * the IMS door does: a user without policies can do nothing, a reader reads and may start only
 * what it requested itself, the root may do everything in its account. What is refused changes
 * nothing. Also: a body's content type is part of what is signed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperatorAuthorizationIT {

    static final String ASSET = "a0000000000000000000000000000a77";

    @ArquillianResource
    URL base;

    /** The root's submission, made without starting it. */
    static long rootsSubmission;

    @Test
    void aUserWithoutPoliciesCanNeitherReadNorStartNorCreate() throws Exception {
        long id = rootsSubmission();
        OperatorCalls nobody = new OperatorCalls(base, ALPHA_NOBODY_KEY, ALPHA_NOBODY_SECRET);

        for (String path : List.of("/api/v1/purges/" + id, "/api/v1/purges/" + id + "/items", "/api/v1/purges/" + id + "/report.csv",
                "/api/v1/jobs")) {
            HttpResponse<String> refused = nobody.get(path);
            assertError(403, "Forbidden", refused);
            assertTrue(JsonAnswer.message(refused).contains("mediapurge:"), refused.body());
        }
        // 1. starting the root's submission would delete with the root's permissions
        HttpResponse<String> start = nobody.post("/api/v1/purges/" + id + "/start", "application/json", "");
        assertError(403, "Forbidden", start);
        assertTrue(JsonAnswer.message(start).contains("mediapurge:StartPurge on acs:mediapurge:cn-shanghai:" + ALPHA + ":purge/" + id), start.body());
        assertError(403, "Forbidden", nobody.post("/api/v1/purges/" + id + "/retry-failed", "application/json", "{\"start\":false}"));
        assertError(403, "Forbidden", nobody.post("/api/v1/purges", "application/json",
                "{\"mediaIds\":[\"" + ASSET + "\"],\"start\":false}"));
        assertError(403, "Forbidden", nobody.send("POST", "/api/v1/purges", Map.of("start", "false"), "text/csv",
                ASSET.getBytes(StandardCharsets.UTF_8)));

        // 2. nothing of that changed the submission
        JsonObject after = json(root().get("/api/v1/purges/" + id));
        assertEquals("PENDING", after.getString("status"), after.toString());
        assertEquals(0, after.getJsonArray("jobExecutionIds").size(), after.toString());
        // 3. and the refused attempt is in the audit log, as the console's are
        assertTrue(SuiteDatabase.auditOf(ALPHA + "/no-policy", "START_PURGE").contains("REST|submission " + id + "|false"),
                () -> "audit of no-policy: " + auditRows(ALPHA + "/no-policy", "START_PURGE"));
    }

    @Test
    void aReaderReadsButStartsNothingItDidNotRequest() throws Exception {
        long id = rootsSubmission();
        OperatorCalls reader = new OperatorCalls(base, ALPHA_READER_KEY, ALPHA_READER_SECRET);

        assertEquals(200, reader.get("/api/v1/purges/" + id).statusCode());
        assertEquals(200, reader.get("/api/v1/purges/" + id + "/items").statusCode());
        assertEquals(200, reader.get("/api/v1/jobs").statusCode());
        // StartPurge alone is not enough: the run would delete with the root's permissions.
        HttpResponse<String> start = reader.post("/api/v1/purges/" + id + "/start", "application/json", "");
        assertError(403, "Forbidden", start);
        assertTrue(JsonAnswer.message(start).contains("mediapurge:ActAs on acs:mediapurge:cn-shanghai:" + ALPHA + ":user/root"), start.body());
        assertError(403, "Forbidden", reader.post("/api/v1/purges", "application/json", "{\"mediaIds\":[\"" + ASSET + "\"]}"));
        assertEquals("PENDING", json(root().get("/api/v1/purges/" + id)).getString("status"));
    }

    @Test
    void runsAreSteeredOnlyWithTheirActions() throws Exception {
        HttpResponse<String> created = root().post("/api/v1/purges", "application/json",
                "{\"mediaIds\":[\"00000000000000000000000000000a78\"],\"start\":true}");
        assertEquals(201, created.statusCode(), created.body());
        long execution = json(created).getJsonNumber("jobExecutionId").longValue();
        awaitEnd(execution);

        OperatorCalls nobody = new OperatorCalls(base, ALPHA_NOBODY_KEY, ALPHA_NOBODY_SECRET);
        OperatorCalls reader = new OperatorCalls(base, ALPHA_READER_KEY, ALPHA_READER_SECRET);
        assertError(403, "Forbidden", nobody.get("/api/v1/jobs/" + execution));
        assertEquals(200, reader.get("/api/v1/jobs/" + execution).statusCode());
        for (String action : List.of("restart", "stop", "abandon")) {
            // refused for the action before the run's state is even looked at
            assertError(403, "Forbidden", nobody.post("/api/v1/jobs/" + execution + "/" + action, "application/json", ""));
            assertError(403, "Forbidden", reader.post("/api/v1/jobs/" + execution + "/" + action, "application/json", ""));
        }
        assertEquals("COMPLETED", json(root().get("/api/v1/jobs/" + execution)).getString("batchStatus"));
        assertEquals(200, root().post("/api/v1/jobs/" + execution + "/abandon", "application/json", "").statusCode());
        assertTrue(SuiteDatabase.auditOf(ALPHA + "/root", "ABANDON_RUN").contains("REST|execution " + execution + "|true"));
        assertTrue(SuiteDatabase.auditOf(ALPHA + "/reader", "RESTART_RUN").contains("REST|execution " + execution + "|false"));
    }

    /** Signed as JSON (a dry run, not started), resent as CSV (whose defaults would start a real run): refused. */
    @Test
    void aBodyResentWithAnotherContentTypeIsRefused() throws Exception {
        byte[] body = ("{\"mediaIds\":[\"" + ASSET + "\"],\"dryRun\":true,\"start\":false}").getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("host", base.getHost() + ":" + base.getPort(), "content-type", "application/json");
        SignedRequest signed = new SdkSigner(ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET, Instant.now())
                .coreStyleV3("POST", "/api/v1/purges", Map.of(), headers, body);
        assertError(403, "SignatureDoesNotMatch", send(signed, "text/csv"));

        SignedRequest typeUnsigned = new SdkSigner(ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET, Instant.now())
                .coreStyleV3("POST", "/api/v1/purges", Map.of(), Map.of("host", base.getHost() + ":" + base.getPort()), body);
        HttpResponse<String> incomplete = send(typeUnsigned, "text/csv");
        assertError(400, "IncompleteSignature", incomplete);
        assertTrue(JsonAnswer.message(incomplete).contains("content-type"), incomplete.body());
    }

    /** A body nested far past any real one is a bad body, answered 400 (and logged without a stack trace). */
    @Test
    void deeplyNestedJsonIsABadBody() throws Exception {
        String nested = "[".repeat(50_000) + "]".repeat(50_000);
        HttpResponse<String> refused = root().post("/api/v1/purges", "application/json", nested);
        assertError(400, "InvalidParameter", refused);
        assertError(400, "InvalidParameter", root().post("/api/v1/purges", "application/json",
                "{\"mediaIds\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}"));
    }

    private static List<String> auditRows(String actor, String action) {
        try {
            return SuiteDatabase.auditOf(actor, action);
        } catch (java.sql.SQLException e) {
            return List.of(e.toString());
        }
    }

    private long rootsSubmission() throws Exception {
        if (rootsSubmission == 0) {
            HttpResponse<String> created = root().post("/api/v1/purges", "application/json",
                    "{\"mediaIds\":[\"" + ASSET + "\"],\"start\":false}");
            assertEquals(201, created.statusCode(), created.body());
            rootsSubmission = json(created).getJsonNumber("id").longValue();
        }
        return rootsSubmission;
    }

    private HttpResponse<String> send(SignedRequest signed, String contentType) throws Exception {
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(base.toString()).resolve(signed.rawPath()))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()));
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-type")) {
                values.forEach(v -> http.header(name, v));
            }
        });
        http.header("Content-Type", contentType);
        return HttpClient.newHttpClient().send(http.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitEnd(long execution) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            String status = json(root().get("/api/v1/jobs/" + execution)).getString("batchStatus");
            if (!status.equals("STARTING") && !status.equals("STARTED") && !status.equals("STOPPING")) {
                return;
            }
            assertTrue(Instant.now().isBefore(deadline), () -> "execution " + execution + " still " + status);
            Thread.sleep(200);
        }
    }

    private OperatorCalls root() {
        return new OperatorCalls(base, ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET);
    }
}
