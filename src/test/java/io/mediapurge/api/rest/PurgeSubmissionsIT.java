package io.mediapurge.api.rest;

import static io.mediapurge.testing.SuiteSeed.ALPHA;
import static io.mediapurge.testing.SuiteSeed.ALPHA_OPS_KEY;
import static io.mediapurge.testing.SuiteSeed.ALPHA_OPS_SECRET;
import static io.mediapurge.testing.SuiteSeed.ALPHA_ROOT_KEY;
import static io.mediapurge.testing.SuiteSeed.ALPHA_ROOT_SECRET;
import static io.mediapurge.testing.SuiteSeed.BETA_ROOT_KEY;
import static io.mediapurge.testing.SuiteSeed.BETA_ROOT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.mediapurge.testing.JsonAnswer;
import io.mediapurge.testing.OperatorCalls;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * {@code /api/v1/purges} as an operator's script uses it, without starting runs ({@code start:
 * false}); running them is {@link PurgeJobControlIT}'s story. Also the job endpoints' answers for
 * executions that do not exist.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PurgeSubmissionsIT {

    static final String A = "a0000000000000000000000000000001";
    static final String B = "b0000000000000000000000000000002";
    static final String C = "c0000000000000000000000000000003";

    @ArquillianResource
    URL base;

    @Test
    void jsonListIsKeptOnceEachAndWaitsPending() throws Exception {
        HttpResponse<String> created = root().post("/api/v1/purges", "application/json", """
                {"mediaIds":["%s","%s","%s"],"inputUrls":["oss://alpha-media/purge/a.mp4","oss://alpha-media/purge/a.mp4"],
                 "deletePhysicalFiles":true,"dryRun":false,"start":false}""".formatted(A, B, A));
        assertEquals(201, created.statusCode(), created.body());
        JsonObject receipt = json(created);
        long id = receipt.getJsonNumber("id").longValue();
        assertTrue(receipt.isNull("jobExecutionId"), created.body());
        assertEquals(3, receipt.getInt("items"), created.body());
        assertEquals(2, receipt.getInt("duplicates"), created.body());
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/api/v1/purges/" + id), created.headers()::toString);

        HttpResponse<String> read = root().get("/api/v1/purges/" + id);
        assertEquals(200, read.statusCode(), read.body());
        JsonObject submission = json(read);
        assertEquals("PENDING", submission.getString("status"));
        assertEquals("REST", submission.getString("source"));
        assertEquals(ALPHA + "/root", submission.getString("requester"));
        assertTrue(submission.getBoolean("deletePhysicalFiles"));
        assertEquals(3, submission.getInt("itemCount"));
        assertEquals(3, submission.getJsonObject("counts").getInt("PENDING"), read.body());
        assertEquals(0, submission.getJsonObject("counts").getInt("DELETED"), read.body());
        assertEquals(List.of(), submission.getJsonArray("jobExecutionIds"));
    }

    @Test
    void csvKeepsGoodLinesAndReportsBadOnesByNumber() throws Exception {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.writeBytes(("selector\r\n"                                  // 1: header
                + A + "\r\n"                                            // 2
                + "\r\n"                                                // 3: empty
                + "oss://alpha-media/" + "x".repeat(5000) + "\n"        // 4: too long
                + "\"oss://alpha-media/purge/a,b.mp4\"\n"               // 5: quoted, with a comma
                + "bin").getBytes(StandardCharsets.UTF_8));             // 6: binary junk
        csv.writeBytes(new byte[] {0, (byte) 0xff, (byte) 0xfe, '\n'});
        csv.writeBytes((A + "\n"                                        // 7: a repeat of line 2
                + "\"unterminated\n"                                    // 8: malformed quoting
                + "  " + B + "  \n").getBytes(StandardCharsets.UTF_8)); // 9: blanks dropped
        HttpResponse<String> created = root().send("POST", "/api/v1/purges", Map.of("start", "false", "dryRun", "true"),
                "text/csv", csv.toByteArray());
        assertEquals(201, created.statusCode(), created.body());
        JsonObject receipt = json(created);
        assertEquals(3, receipt.getInt("items"), created.body());
        assertEquals(1, receipt.getInt("duplicates"), created.body());
        assertEquals(4, receipt.getInt("rejected"), created.body());
        assertEquals(List.of(3, 4, 6, 8), receipt.getJsonArray("errors").stream()
                .map(e -> e.asJsonObject().getInt("line")).toList(), created.body());
        assertEquals("empty", receipt.getJsonArray("errors").getJsonObject(0).getString("message"));
        assertEquals("longer than 4096 characters", receipt.getJsonArray("errors").getJsonObject(1).getString("message"));
        long id = receipt.getJsonNumber("id").longValue();
        assertTrue(json(root().get("/api/v1/purges/" + id)).getBoolean("dryRun"));

        HttpResponse<String> report = root().get("/api/v1/purges/" + id + "/report.csv");
        assertEquals(200, report.statusCode(), report.body());
        assertTrue(report.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), report.headers()::toString);
        assertEquals(List.of("selector,mediaId,outcome,reason,filesDeleted,time",
                A + ",,PENDING,,,",
                "\"oss://alpha-media/purge/a,b.mp4\",,PENDING,,,",
                B + ",,PENDING,,,"), report.body().lines().toList());
    }

    /** Over 1 MiB, so the server spools it to disk: streamed in batches, bad lines far apart still found by number. */
    @Test
    void aLargeCsvIsStreamedWithItsBadLinesReported() throws Exception {
        StringBuilder csv = new StringBuilder();
        for (int line = 1; line <= 40_000; line++) {
            csv.append(line % 10_000 == 0 ? "" : "%032x".formatted(line)).append('\n');
        }
        HttpResponse<String> created = root().send("POST", "/api/v1/purges", Map.of("start", "false"), "text/csv; charset=utf-8",
                csv.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(201, created.statusCode(), created.body());
        JsonObject receipt = json(created);
        assertEquals(39_996, receipt.getInt("items"), created.body());
        assertEquals(List.of(10_000, 20_000, 30_000, 40_000), receipt.getJsonArray("errors").stream()
                .map(e -> e.asJsonObject().getInt("line")).toList(), created.body());
        JsonObject submission = json(root().get("/api/v1/purges/" + receipt.getJsonNumber("id").longValue()));
        assertEquals(39_996, submission.getJsonObject("counts").getInt("PENDING"));
        assertEquals(39_996, root().get("/api/v1/purges/" + receipt.getJsonNumber("id").longValue() + "/report.csv")
                .body().lines().count() - 1);
    }

    @Test
    void itemsComeInPagesAndByOutcome() throws Exception {
        long id = json(root().post("/api/v1/purges", "application/json", """
                {"mediaIds":["%s","%s","%s"],"inputUrls":["oss://alpha-media/p/1.mp4","oss://alpha-media/p/2.mp4"],"start":false}"""
                .formatted(A, B, C))).getJsonNumber("id").longValue();
        JsonObject first = json(root().get("/api/v1/purges/" + id + "/items", Map.of("page", "1", "size", "2")));
        assertEquals(5, first.getInt("total"));
        assertEquals(List.of(A, B), first.getJsonArray("items").stream().map(i -> i.asJsonObject().getString("selector")).toList());
        assertEquals("MEDIA_ID", first.getJsonArray("items").getJsonObject(0).getString("selectorType"));
        JsonObject last = json(root().get("/api/v1/purges/" + id + "/items", Map.of("page", "3", "size", "2")));
        assertEquals(List.of("oss://alpha-media/p/2.mp4"),
                last.getJsonArray("items").stream().map(i -> i.asJsonObject().getString("selector")).toList());
        assertEquals("URL", last.getJsonArray("items").getJsonObject(0).getString("selectorType"));

        assertEquals(5, json(root().get("/api/v1/purges/" + id + "/items", Map.of("outcome", "PENDING"))).getInt("total"));
        assertEquals(0, json(root().get("/api/v1/purges/" + id + "/items", Map.of("outcome", "failed"))).getInt("total"));
        assertEquals(0, json(root().get("/api/v1/purges/" + id + "/items", Map.of("reason", "UNKNOWN"))).getInt("total"));
        assertError(400, "InvalidParameter", root().get("/api/v1/purges/" + id + "/items", Map.of("outcome", "GONE")));
        assertError(400, "InvalidParameter", root().get("/api/v1/purges/" + id + "/items", Map.of("size", "0")));
        assertError(400, "InvalidParameter", root().get("/api/v1/purges/" + id + "/items", Map.of("page", "x")));
    }

    @Test
    void badSubmissionsAreRefusedWithTheErrorShape() throws Exception {
        assertError(400, "MissingParameter", root().post("/api/v1/purges", "application/json",
                "{\"mediaIds\":[],\"inputUrls\":[],\"start\":false}"));
        assertError(400, "MissingParameter", root().post("/api/v1/purges", "application/json", "{}"));
        assertError(400, "MissingParameter", root().post("/api/v1/purges", "text/csv", ""));
        HttpResponse<String> allBad = root().post("/api/v1/purges", "text/csv", "\n\n");
        assertError(400, "InvalidParameter", allBad);
        assertTrue(JsonAnswer.message(allBad).contains("line 1: empty"), allBad.body());
        HttpResponse<String> badEntry = root().post("/api/v1/purges", "application/json",
                "{\"mediaIds\":[\"" + A + "\",\"\"],\"start\":false}");
        assertError(400, "InvalidParameter", badEntry);
        assertTrue(JsonAnswer.message(badEntry).contains("mediaIds[1]"), badEntry.body());
        assertError(400, "InvalidParameter", root().post("/api/v1/purges", "application/json",
                "{\"mediaIds\":[\"" + "f".repeat(4097) + "\"],\"start\":false}"));
        assertError(400, "InvalidParameter", root().post("/api/v1/purges", "application/json",
                "{\"mediaIds\":[\"" + A + "\"],\"dryRun\":\"yes\",\"start\":false}"));
        assertError(400, "InvalidParameter", root().post("/api/v1/purges", "application/json", "[\"" + A + "\"]"));
        assertError(403, "Forbidden", root().post("/api/v1/purges", "application/json",
                "{\"mediaIds\":[\"" + A + "\"],\"requester\":\"" + ALPHA + "/ops\",\"start\":false}"));
        assertError(400, "InvalidParameter", root().send("POST", "/api/v1/purges", Map.of("start", "maybe"), "text/csv",
                A.getBytes(StandardCharsets.UTF_8)));
        assertError(415, "InvalidParameter", root().post("/api/v1/purges", "application/xml", "<purge/>"));
        for (String partitions : List.of("0", "17", "1.5", "\"2\"", "-1")) {
            HttpResponse<String> bad = root().post("/api/v1/purges", "application/json",
                    "{\"mediaIds\":[\"" + A + "\"],\"partitions\":" + partitions + ",\"start\":false}");
            assertError(400, "InvalidParameter", bad);
            assertTrue(JsonAnswer.message(bad).contains("partitions"), bad.body());
        }
        assertError(400, "InvalidParameter", root().send("POST", "/api/v1/purges", Map.of("partitions", "many"), "text/csv",
                A.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theRequesterIsWhoeverSigned() throws Exception {
        HttpResponse<String> created = new OperatorCalls(base, ALPHA_OPS_KEY, ALPHA_OPS_SECRET).post("/api/v1/purges",
                "application/json", "{\"mediaIds\":[\"" + A + "\"],\"requester\":\"" + ALPHA + "/ops\",\"start\":false}");
        assertEquals(201, created.statusCode(), created.body());
        JsonObject submission = json(root().get("/api/v1/purges/" + json(created).getJsonNumber("id").longValue()));
        assertEquals(ALPHA + "/ops", submission.getString("requester"));
        assertEquals(ALPHA + "/ops", submission.getString("requestedBy"));
    }

    @Test
    void unknownAndOtherAccountsSubmissionsAreNotFound() throws Exception {
        for (String path : List.of("/api/v1/purges/987654321", "/api/v1/purges/987654321/items",
                "/api/v1/purges/987654321/report.csv", "/api/v1/purges/nonsense")) {
            assertError(404, "ResourceNotFound", root().get(path));
        }
        assertError(404, "ResourceNotFound", root().post("/api/v1/purges/987654321/retry-failed", "application/json", ""));
        long id = json(root().post("/api/v1/purges", "application/json", "{\"mediaIds\":[\"" + A + "\"],\"start\":false}"))
                .getJsonNumber("id").longValue();
        OperatorCalls beta = new OperatorCalls(base, BETA_ROOT_KEY, BETA_ROOT_SECRET);
        assertError(404, "ResourceNotFound", beta.get("/api/v1/purges/" + id));
        assertError(404, "ResourceNotFound", beta.get("/api/v1/purges/" + id + "/report.csv"));
        assertError(404, "ResourceNotFound", beta.post("/api/v1/purges/" + id + "/retry-failed", "application/json", ""));
    }

    /** Nothing failed, nothing to retry: 409, and no empty submission is made. */
    @Test
    void retryOfASubmissionWithoutFailuresIsRefused() throws Exception {
        long id = json(root().post("/api/v1/purges", "application/json", "{\"mediaIds\":[\"" + A + "\"],\"start\":false}"))
                .getJsonNumber("id").longValue();
        HttpResponse<String> retry = root().post("/api/v1/purges/" + id + "/retry-failed", "application/json", "{\"start\":false}");
        assertError(409, "NothingToRetry", retry);
        assertTrue(JsonAnswer.message(retry).contains("no FAILED items"), retry.body());
        assertError(400, "InvalidParameter", root().post("/api/v1/purges/" + id + "/retry-failed", "application/json",
                "{\"deletePhysicalFiles\":true}"));
    }

    @Test
    void unknownJobExecutionsAreNotFound() throws Exception {
        assertError(404, "ResourceNotFound", root().get("/api/v1/jobs/987654321"));
        assertError(404, "ResourceNotFound", root().get("/api/v1/jobs/not-a-number"));
        for (String action : List.of("restart", "stop", "abandon")) {
            assertError(404, "ResourceNotFound", root().post("/api/v1/jobs/987654321/" + action, "application/json", ""));
        }
        HttpResponse<String> list = root().get("/api/v1/jobs");
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(json(list).containsKey("executions"), list.body());
    }

    private OperatorCalls root() {
        return new OperatorCalls(base, ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET);
    }

    static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    static void assertError(int status, String code, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        JsonObject error = json(response);
        assertEquals(code, error.getString("Code"), response.body());
        assertTrue(error.containsKey("RequestId") && error.containsKey("HostId") && error.containsKey("Recommend"), response.body());
    }
}
