package io.mediapurge.api.rest;

import static io.mediapurge.api.rest.PurgeSubmissionsIT.assertError;
import static io.mediapurge.api.rest.PurgeSubmissionsIT.json;
import static io.mediapurge.testing.SuiteSeed.ALPHA;
import static io.mediapurge.testing.SuiteSeed.ALPHA_ROOT_KEY;
import static io.mediapurge.testing.SuiteSeed.ALPHA_ROOT_SECRET;
import static io.mediapurge.testing.SuiteSeed.BETA_ROOT_KEY;
import static io.mediapurge.testing.SuiteSeed.BETA_ROOT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.mediapurge.testing.OperatorCalls;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;

/**
 * Submissions that run: purge-media started over REST, watched to its end, then steered. Needs
 * the job itself (batch-jobs/purge-media.xml and its artifacts).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PurgeJobControlIT {

    static final String DRY_RUN_ASSET = "d0000000000000000000000000000d01";

    @ArquillianResource
    URL base;

    @Test
    void aStartedSubmissionRunsToItsEndAndACompletedRunCannotBeRestarted() throws Exception {
        HttpResponse<String> created = root().post("/api/v1/purges", "application/json",
                "{\"mediaIds\":[\"00000000000000000000000000000a01\",\"not-a-media-id\"],\"start\":true}");
        assertEquals(201, created.statusCode(), created.body());
        long id = json(created).getJsonNumber("id").longValue();
        long execution = json(created).getJsonNumber("jobExecutionId").longValue();

        JsonObject run = awaitEnd(execution);
        assertEquals("COMPLETED", run.getString("batchStatus"), run.toString());
        assertEquals(id, run.getJsonNumber("submissionId").longValue());
        JsonObject figures = run.getJsonObject("stats");
        assertEquals(2, figures.getInt("read"), run.toString());
        assertEquals(2, figures.getInt("ignored"), run.toString());
        assertEquals(0, figures.getInt("ossRequests"), run.toString());
        assertEquals(1, figures.getInt("chunks"), run.toString());
        assertTrue(figures.getInt("maxReadRoundTrips") <= 3, run.toString());
        assertTrue(run.isNull("endReason"), run.toString());
        JsonObject submission = json(root().get("/api/v1/purges/" + id));
        assertEquals(2, submission.getJsonObject("counts").getInt("IGNORED"), submission.toString());
        assertEquals(0, submission.getJsonObject("counts").getInt("PENDING"), submission.toString());
        assertEquals("COMPLETED", submission.getString("status"), submission.toString());
        assertTrue(submission.getJsonArray("jobExecutionIds").getValuesAs(JsonNumber.class).stream()
                .anyMatch(n -> n.longValue() == execution), submission.toString());
        assertTrue(json(root().get("/api/v1/jobs")).getJsonArray("executions").stream()
                .anyMatch(e -> e.asJsonObject().getJsonNumber("executionId").longValue() == execution));

        assertError(409, "IncorrectJobStatus", root().post("/api/v1/jobs/" + execution + "/restart", "application/json", ""));
        assertError(409, "IncorrectJobStatus", root().post("/api/v1/jobs/" + execution + "/stop", "application/json", ""));
        assertError(409, "IncorrectSubmissionStatus", root().post("/api/v1/purges/" + id + "/start", "application/json", ""));
        assertError(404, "ResourceNotFound", new OperatorCalls(base, BETA_ROOT_KEY, BETA_ROOT_SECRET)
                .post("/api/v1/jobs/" + execution + "/abandon", "application/json", ""));

        HttpResponse<String> abandoned = root().post("/api/v1/jobs/" + execution + "/abandon", "application/json", "");
        assertEquals(200, abandoned.statusCode(), abandoned.body());
        assertEquals("ABANDONED", json(abandoned).getString("batchStatus"));
        assertError(409, "IncorrectJobStatus", root().post("/api/v1/jobs/" + execution + "/restart", "application/json", ""));
    }

    @Test
    void aSubmissionMadeWithoutStartingIsStartedOnceAndADryRunDeletesNothing() throws Exception {
        HttpResponse<String> imported = root().post("/api/v1/media:import", "application/x-ndjson", "{\"ownerUid\":\"" + ALPHA
                + "\",\"mediaId\":\"" + DRY_RUN_ASSET + "\",\"files\":[{\"url\":\"oss://alpha-media/dry/run.mp4\"}]}");
        assertEquals(1, json(imported).getInt("imported"), imported.body());
        long id = json(root().post("/api/v1/purges", "application/json",
                "{\"mediaIds\":[\"" + DRY_RUN_ASSET + "\"],\"dryRun\":true,\"start\":false}")).getJsonNumber("id").longValue();

        HttpResponse<String> started = root().post("/api/v1/purges/" + id + "/start", "application/json", "");
        assertEquals(201, started.statusCode(), started.body());
        long execution = json(started).getJsonNumber("jobExecutionId").longValue();
        assertError(409, "IncorrectSubmissionStatus", root().post("/api/v1/purges/" + id + "/start", "application/json", ""));

        assertEquals("COMPLETED", awaitEnd(execution).getString("batchStatus"));
        JsonObject submission = json(root().get("/api/v1/purges/" + id));
        assertEquals(1, submission.getJsonObject("counts").getInt("WOULD_DELETE"), submission.toString());
        HttpResponse<String> report = root().get("/api/v1/purges/" + id + "/report.csv");
        assertTrue(report.body().lines().anyMatch(l -> l.startsWith(DRY_RUN_ASSET + "," + DRY_RUN_ASSET + ",WOULD_DELETE,")),
                report.body());
    }

    private JsonObject awaitEnd(long execution) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            HttpResponse<String> read = root().get("/api/v1/jobs/" + execution);
            assertEquals(200, read.statusCode(), read.body());
            JsonObject run = json(read);
            String status = run.getString("batchStatus");
            if (!status.equals("STARTING") && !status.equals("STARTED") && !status.equals("STOPPING")) {
                return run;
            }
            assertTrue(Instant.now().isBefore(deadline), () -> "execution " + execution + " still " + status);
            Thread.sleep(200);
        }
    }

    private OperatorCalls root() {
        return new OperatorCalls(base, ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET);
    }
}
