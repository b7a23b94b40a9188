package io.mediapurge.api.rest;

import static io.mediapurge.testing.SuiteSeed.ALPHA;
import static io.mediapurge.testing.SuiteSeed.ALPHA_NOBODY_KEY;
import static io.mediapurge.testing.SuiteSeed.ALPHA_NOBODY_SECRET;
import static io.mediapurge.testing.SuiteSeed.ALPHA_OPS_KEY;
import static io.mediapurge.testing.SuiteSeed.ALPHA_OPS_SECRET;
import static io.mediapurge.testing.SuiteSeed.ALPHA_READER_KEY;
import static io.mediapurge.testing.SuiteSeed.ALPHA_READER_SECRET;
import static io.mediapurge.testing.SuiteSeed.ALPHA_ROOT_KEY;
import static io.mediapurge.testing.SuiteSeed.ALPHA_ROOT_SECRET;
import static io.mediapurge.testing.SuiteSeed.BETA_ROOT_KEY;
import static io.mediapurge.testing.SuiteSeed.BETA_ROOT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.mediapurge.testing.OperatorCalls;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * {@code /api/v1/rules} as an operator's script uses it: the example rule saved with its
 * schedule in words and next fire times, read, changed, switched off and on, previewed, run now,
 * its fires listed, deleted; another account's rules do not exist; RAM actions decide; every bad
 * field a 400 naming it, with nothing saved.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PurgeRulesApiIT {

    static final String JSON = "application/json";

    @ArquillianResource
    URL base;

    @Test
    void theExampleRuleIsSavedReadChangedAndDeleted() throws Exception {
        HttpResponse<String> created = root().post("/api/v1/rules", JSON, example("raw-older-than-180-days", "RUN_ONCE"));
        assertEquals(201, created.statusCode(), created.body());
        JsonObject rule = json(created);
        long id = rule.getJsonNumber("id").longValue();
        // 1. the fields as given, the schedule in words and five fire times with the zone's offset
        assertEquals("raw-older-than-180-days", rule.getString("name"));
        assertEquals(ALPHA + "/ops", rule.getString("actsAs"));
        assertEquals("0 3 * * *", rule.getString("cron"));
        assertEquals("Asia/Shanghai", rule.getString("timeZone"));
        assertEquals("raw/", rule.getJsonObject("select").getString("keyPrefix"));
        assertTrue(rule.getJsonObject("select").isNull("businessType"));
        assertEquals(180, rule.getJsonObject("select").getInt("olderThanDays"));
        assertEquals(100000, rule.getInt("maxItems"));
        assertEquals(4, rule.getInt("partitions"));
        assertEquals("RUN_ONCE", rule.getString("missedFires"));
        assertTrue(rule.getString("description").startsWith("At 03:00") && rule.getString("description").endsWith("(Asia/Shanghai)"),
                rule.getString("description"));
        List<String> fires = rule.getJsonArray("nextFires").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
        assertEquals(5, fires.size());
        assertTrue(fires.stream().allMatch(f -> f.endsWith("T03:00:00+08:00")), fires::toString);
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/api/v1/rules/" + id));

        // 2. read back, and in the list
        assertEquals(rule.getString("description"), json(root().get("/api/v1/rules/" + id)).getString("description"));
        assertTrue(json(root().get("/api/v1/rules")).getJsonArray("rules").stream()
                .anyMatch(r -> r.asJsonObject().getJsonNumber("id").longValue() == id));

        // 3. changed with PUT (a read rule can be sent back as it is, with a field changed)
        String changed = example("raw-older-than-180-days", "SKIP").replace("\"0 3 * * *\"", "\"30 4 * * 1\"");
        HttpResponse<String> put = root().send("PUT", "/api/v1/rules/" + id, Map.of(), JSON, changed.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, put.statusCode(), put.body());
        assertEquals("SKIP", json(put).getString("missedFires"));
        assertTrue(json(put).getString("description").contains("04:30"), put.body());

        // 4. switched off and on
        HttpResponse<String> disabled = root().post("/api/v1/rules/" + id + "/disable", JSON, "");
        assertEquals(200, disabled.statusCode(), disabled.body());
        assertFalse(json(disabled).getBoolean("enabled"));
        assertTrue(json(disabled).isNull("nextFireAt"));
        HttpResponse<String> enabled = root().post("/api/v1/rules/" + id + "/enable", JSON, "");
        assertTrue(json(enabled).getBoolean("enabled"), enabled.body());
        assertFalse(json(enabled).isNull("nextFireAt"));

        // 5. another account's callers do not see it, and cannot change it
        OperatorCalls beta = new OperatorCalls(base, BETA_ROOT_KEY, BETA_ROOT_SECRET);
        for (HttpResponse<String> hidden : List.of(beta.get("/api/v1/rules/" + id), beta.get("/api/v1/rules/" + id + "/fires"),
                beta.post("/api/v1/rules/" + id + "/run", JSON, ""), beta.post("/api/v1/rules/" + id + "/disable", JSON, ""),
                beta.send("DELETE", "/api/v1/rules/" + id, Map.of(), null, new byte[0]))) {
            PurgeSubmissionsIT.assertError(404, "ResourceNotFound", hidden);
        }
        assertTrue(json(beta.get("/api/v1/rules")).getJsonArray("rules").stream()
                .noneMatch(r -> r.asJsonObject().getJsonNumber("id").longValue() == id));

        // 6. deleted
        assertEquals(204, root().send("DELETE", "/api/v1/rules/" + id, Map.of(), null, new byte[0]).statusCode());
        PurgeSubmissionsIT.assertError(404, "ResourceNotFound", root().get("/api/v1/rules/" + id));
    }

    @Test
    void aRuleIsPreviewedThenRunNowAndItsFireListed() throws Exception {
        String prefix = "rules-api-" + System.nanoTime() + "/";
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            ndjson.append("{\"ownerUid\":\"").append(ALPHA).append("\",\"mediaType\":\"video\",\"files\":[{\"url\":\"oss://alpha-media/")
                    .append(prefix).append(i).append(".mp4\",\"role\":\"source\",\"size\":100}]}\n");
        }
        HttpResponse<String> imported = root().post("/api/v1/media:import", "application/x-ndjson", ndjson.toString());
        assertEquals(200, imported.statusCode(), imported.body());
        assertEquals(3, json(imported).getInt("imported"), imported.body());
        String body = """
                {"name":"preview-%s","cron":"0 3 1 1 *","timeZone":"UTC","dryRun":true,
                 "select":{"ownerUid":"%s","bucket":"alpha-media","keyPrefix":"%s"}}""".formatted(System.nanoTime(), ALPHA, prefix);

        // 1. the preview: three assets, their size, their MediaIds; nothing saved
        HttpResponse<String> preview = root().post("/api/v1/rules:preview", JSON, body);
        assertEquals(200, preview.statusCode(), preview.body());
        assertEquals(3, json(preview).getInt("matched"), preview.body());
        assertEquals(300, json(preview).getInt("totalBytes"), preview.body());
        assertEquals(3, json(preview).getJsonArray("mediaIds").size());
        int rulesBefore = json(root().get("/api/v1/rules")).getJsonArray("rules").size();

        // 2. saved (acting as the signer by default), run now: a submission of the three and its run
        HttpResponse<String> created = root().post("/api/v1/rules", JSON, body);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(rulesBefore + 1, json(root().get("/api/v1/rules")).getJsonArray("rules").size());
        assertEquals(ALPHA + "/root", json(created).getString("actsAs"));
        long id = json(created).getJsonNumber("id").longValue();
        HttpResponse<String> run = root().post("/api/v1/rules/" + id + "/run", JSON, "");
        assertEquals(201, run.statusCode(), run.body());
        long submission = json(run).getJsonNumber("submissionId").longValue();
        assertTrue(json(run).getJsonNumber("jobExecutionId").longValue() > 0, run.body());
        JsonObject made = json(root().get("/api/v1/purges/" + submission));
        assertEquals("RULE", made.getString("source"), made.toString());
        assertEquals(3, made.getInt("itemCount"));

        // 3. its fire, with the server that fired it
        JsonObject fire = json(root().get("/api/v1/rules/" + id + "/fires")).getJsonArray("fires").getJsonObject(0);
        assertEquals(submission, fire.getJsonNumber("submissionId").longValue(), fire.toString());
        assertEquals(3, fire.getInt("matched"));
        assertFalse(fire.getBoolean("capped"));
        assertFalse(fire.getBoolean("skipped"));
        assertFalse(fire.getString("server").isEmpty());
        assertTrue(fire.getBoolean("manual"));

        // 4. its dry run completes
        awaitEnded(submission);
        root().send("DELETE", "/api/v1/rules/" + id, Map.of(), null, new byte[0]);
    }

    /** The server's own timer: a rule due every minute fires within about a minute, once, on this server. */
    @Test
    void theTimerFiresADueRule() throws Exception {
        String body = """
                {"name":"every-minute-%s","cron":"* * * * *","timeZone":"UTC","dryRun":true,
                 "select":{"ownerUid":"%s","bucket":"alpha-media","keyPrefix":"nothing-here-%s/"}}"""
                .formatted(System.nanoTime(), ALPHA, System.nanoTime());
        HttpResponse<String> created = root().post("/api/v1/rules", JSON, body);
        assertEquals(201, created.statusCode(), created.body());
        long id = json(created).getJsonNumber("id").longValue();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(150));
            JsonObject fires = json(root().get("/api/v1/rules/" + id + "/fires"));
            while (fires.getJsonArray("fires").isEmpty() && Instant.now().isBefore(deadline)) {
                TimeUnit.SECONDS.sleep(2);
                fires = json(root().get("/api/v1/rules/" + id + "/fires"));
            }
            assertFalse(fires.getJsonArray("fires").isEmpty(), "no fire within 150 s");
            JsonObject fire = fires.getJsonArray("fires").getJsonObject(0);
            assertFalse(fire.getBoolean("manual"));
            assertEquals("FIRED", fire.getString("state"), fire.toString());
            assertEquals(0, fire.getInt("matched"));
            assertTrue(fire.getString("scheduledAt").endsWith(":00Z"), fire.toString());
        } finally {
            root().post("/api/v1/rules/" + id + "/disable", JSON, "");
        }
    }

    @Test
    void badRulesAreRefusedNamingTheFieldAndNothingIsSaved() throws Exception {
        int before = json(root().get("/api/v1/rules")).getJsonArray("rules").size();
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("cron", example("bad-cron", "RUN_ONCE").replace("\"0 3 * * *\"", "\"0 3 * *\""));
        bad.put("timeZone", example("bad-zone", "RUN_ONCE").replace("Asia/Shanghai", "Mars/Olympus"));
        bad.put("select", """
                {"name":"everything","cron":"0 3 * * *","select":{"ownerUid":"%s"}}""".formatted(ALPHA));
        bad.put("select.ownerUid", example("unknown-owner", "RUN_ONCE").replace("\"ownerUid\":\"" + ALPHA, "\"ownerUid\":\"9999999999999999"));
        bad.put("actsAs", example("unknown-user", "RUN_ONCE").replace(ALPHA + "/ops", ALPHA + "/nobody-at-all"));
        bad.put("maxItems", example("zero-cap", "RUN_ONCE").replace("100000", "0"));
        bad.put("maxItems ", example("huge-cap", "RUN_ONCE").replace("100000", "10000001"));
        bad.put("select.olderThanDays", example("negative-age", "RUN_ONCE").replace("180", "-1"));
        bad.put("missedFires", example("bad-policy", "SOMETIMES"));
        bad.put("partitions", example("bad-partitions", "RUN_ONCE").replace("\"partitions\":4", "\"partitions\":0"));
        for (Map.Entry<String, String> e : bad.entrySet()) {
            String field = e.getKey().trim();
            for (String path : List.of("/api/v1/rules", "/api/v1/rules:preview")) {
                HttpResponse<String> refused = root().post(path, JSON, e.getValue());
                PurgeSubmissionsIT.assertError(400, "InvalidParameter", refused);
                assertTrue(json(refused).getString("Message").startsWith("The parameter \"" + field + "\" is invalid"), refused.body());
            }
        }
        assertEquals(before, json(root().get("/api/v1/rules")).getJsonArray("rules").size());
    }

    @Test
    void ramActionsDecide() throws Exception {
        // no policy at all: nothing
        OperatorCalls nobody = new OperatorCalls(base, ALPHA_NOBODY_KEY, ALPHA_NOBODY_SECRET);
        PurgeSubmissionsIT.assertError(403, "Forbidden", nobody.post("/api/v1/rules", JSON, example("nobody", "RUN_ONCE")
                .replace(ALPHA + "/ops", ALPHA + "/no-policy")));
        PurgeSubmissionsIT.assertError(403, "Forbidden", nobody.get("/api/v1/rules"));
        // a reader may list and read, not create, change or run
        long id = json(root().post("/api/v1/rules", JSON, example("read-only-" + System.nanoTime(), "RUN_ONCE")))
                .getJsonNumber("id").longValue();
        OperatorCalls reader = new OperatorCalls(base, ALPHA_READER_KEY, ALPHA_READER_SECRET);
        assertEquals(200, reader.get("/api/v1/rules/" + id).statusCode());
        assertEquals(200, reader.get("/api/v1/rules").statusCode());
        PurgeSubmissionsIT.assertError(403, "Forbidden", reader.post("/api/v1/rules", JSON, example("by-reader", "RUN_ONCE")
                .replace(ALPHA + "/ops", ALPHA + "/reader")));
        PurgeSubmissionsIT.assertError(403, "Forbidden", reader.post("/api/v1/rules/" + id + "/run", JSON, ""));
        PurgeSubmissionsIT.assertError(403, "Forbidden", reader.post("/api/v1/rules/" + id + "/disable", JSON, ""));
        // ops holds mediapurge:* (ActAs included), so it may make a rule act as root
        OperatorCalls ops = new OperatorCalls(base, ALPHA_OPS_KEY, ALPHA_OPS_SECRET);
        HttpResponse<String> asRoot = ops.post("/api/v1/rules", JSON, example("ops-as-root-" + System.nanoTime(), "RUN_ONCE")
                .replace(ALPHA + "/ops", ALPHA + "/root"));
        assertEquals(201, asRoot.statusCode(), asRoot.body());
        root().send("DELETE", "/api/v1/rules/" + json(asRoot).getJsonNumber("id").longValue(), Map.of(), null, new byte[0]);
        root().send("DELETE", "/api/v1/rules/" + id, Map.of(), null, new byte[0]);
    }

    private void awaitEnded(long submission) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        String status = json(root().get("/api/v1/purges/" + submission)).getString("status");
        while (!List.of("COMPLETED", "FAILED", "STOPPED").contains(status) && Instant.now().isBefore(deadline)) {
            TimeUnit.MILLISECONDS.sleep(200);
            status = json(root().get("/api/v1/purges/" + submission)).getString("status");
        }
        assertEquals("COMPLETED", status);
    }

    /** The example rule of the REST interface, in the suite's account. */
    private static String example(String name, String missedFires) {
        return """
                {"name":"%s","actsAs":"%s/ops",
                 "cron":"0 3 * * *","timeZone":"Asia/Shanghai",
                 "select":{"ownerUid":"%s","bucket":"alpha-media","keyPrefix":"raw/",
                           "mediaType":"video","businessType":null,"olderThanDays":180},
                 "deletePhysicalFiles":true,"dryRun":false,"maxItems":100000,"partitions":4,
                 "enabled":true,"missedFires":"%s"}""".formatted(name, ALPHA, ALPHA, missedFires);
    }

    private OperatorCalls root() {
        return new OperatorCalls(base, ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET);
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
