package io.mediapurge.purge.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mediapurge.devservices.OssEndpoint;
import io.mediapurge.devservices.OssOperation;
import io.mediapurge.testing.MediaPurgeProcess;
import io.mediapurge.testing.OperatorCalls;
import io.mediapurge.testing.TestPostgres;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * A Payara Micro server killed with SIGKILL in the middle of a purge, and its successor on the same
 * database: the dead server's execution is recovered (ended FAILED with a reason), restarted from its
 * checkpoint and completed, every request deleted exactly once, and no OSS delete sent again for
 * what was deleted before the kill. The real jar, PostgreSQL and an OSS endpoint in this JVM, slowed
 * so the kill lands mid-run.
 */
class CrashRecoveryIT {

    static final String ACCOUNT = "2100000000000001";
    static final String KEY = "LTAIcrashRoot000001";
    static final String SECRET = "crashRootSecret0123456789abcd";
    static final String BUCKET = "crash-media";
    static final int ASSETS = 400;
    static final int CHUNK = 20;
    static final int PARTITIONS = 2;

    static final String DATABASE = "mediapurge_it_crash_" + ProcessHandle.current().pid();
    static OssEndpoint oss;
    static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        TestPostgres.recreateDatabase(DATABASE);
        oss = OssEndpoint.builder().port(0).start();
        oss.store().createBucket(BUCKET);
        dir = Path.of("target", "it", "crash-recovery");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("seed.json"), """
                {"accounts": [{"uid": "%s", "name": "crash", "bucketGrants": ["%s"],
                  "users": [{"name": "root", "root": true, "accessKeys": [{"id": "%s", "secret": "%s"}]}]}]}
                """.formatted(ACCOUNT, BUCKET, KEY, SECRET));
    }

    @AfterAll
    static void tearDown() throws SQLException {
        if (oss != null) {
            oss.close();
        }
        TestPostgres.dropDatabase(DATABASE);
    }

    /** PostgreSQL, as in production, and the embedded H2 default (whose job tables are named by H2's rules). */
    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"PostgreSQL", "H2"})
    void aKilledServersRunIsRecoveredRestartedAndCompletedWithNothingLostOrRepeated(String database) throws Exception {
        boolean postgres = database.equals("PostgreSQL");
        Path data = dir.resolve("data-" + database);
        deleteTree(data);
        oss.counters().reset();
        long submission;
        long execution;
        long deleteRequestsBeforeKill;
        try (MediaPurgeProcess first = server(postgres, data)) {
            assertTrue(first.awaitReady(Duration.ofSeconds(120)), first::log);
            OperatorCalls calls = calls(first);
            for (int i = 0; i < ASSETS; i++) {
                oss.store().put(BUCKET, key(i), new byte[] {1, 2, 3}, "video/mp4", Map.of());
            }
            HttpResponse<String> imported = calls.post("/api/v1/media:import", "application/x-ndjson",
                    IntStream.range(0, ASSETS).mapToObj(i -> "{\"ownerUid\":\"" + ACCOUNT + "\",\"mediaId\":\"" + mediaId(i)
                            + "\",\"files\":[{\"url\":\"oss://" + BUCKET + "/" + key(i) + "\",\"size\":3}]}")
                            .collect(Collectors.joining("\n")));
            assertEquals(ASSETS, json(imported).getInt("imported"), imported.body());

            oss.faults().latency(Duration.ofMillis(150)); // a chunk takes at least 150 ms: the kill lands mid-run
            HttpResponse<String> created = calls.post("/api/v1/purges", "application/json", "{\"mediaIds\":["
                    + IntStream.range(0, ASSETS).mapToObj(i -> "\"" + mediaId(i) + "\"").collect(Collectors.joining(","))
                    + "],\"deletePhysicalFiles\":true,\"start\":true,\"partitions\":" + PARTITIONS + "}");
            assertEquals(201, created.statusCode(), created.body());
            submission = json(created).getJsonNumber("id").longValue();
            execution = json(created).getJsonNumber("jobExecutionId").longValue();

            await(Duration.ofSeconds(60), () -> deleted(job(calls, execution)) >= 3 * CHUNK, "three chunks committed");
            first.kill();
            deleteRequestsBeforeKill = oss.counters().get(OssOperation.DELETE_MULTIPLE_OBJECTS);
        }

        oss.faults().latency(Duration.ZERO);
        try (MediaPurgeProcess second = server(postgres, data)) {
            assertTrue(second.awaitReady(Duration.ofSeconds(120)), second::log);
            OperatorCalls calls = calls(second);
            await(Duration.ofSeconds(60), () -> "FAILED".equals(job(calls, execution).getString("batchStatus")),
                    "the dead server's execution ended FAILED by recovery");
            JsonObject recovered = job(calls, execution);
            assertTrue(recovered.getString("exitStatus").contains("stopped"), recovered.toString());
            assertTrue(recovered.getString("endReason").contains(recovered.getString("server")), recovered.toString());
            assertEquals(1, second.logLines("Recovered purge-media execution " + execution).size(), second::log);
            assertEquals("FAILED", submission(calls, submission).getString("status"));
            long deletedBeforeKill = deleted(recovered); // the counts commit with their chunk: exact
            assertTrue(deletedBeforeKill >= 3 * CHUNK && deletedBeforeKill < ASSETS, recovered.toString());
            // Committed deletions are gone from OSS; chunks in flight at the kill may have reached OSS too.
            assertTrue(oss.store().count(BUCKET) <= ASSETS - deletedBeforeKill, oss.store().count(BUCKET) + " files left");

            HttpResponse<String> restarted = calls.post("/api/v1/jobs/" + execution + "/restart", "application/json", "");
            assertEquals(201, restarted.statusCode(), restarted.body());
            long rerun = json(restarted).getJsonNumber("executionId").longValue();
            await(Duration.ofSeconds(120), () -> !Set.of("STARTING", "STARTED").contains(job(calls, rerun).getString("batchStatus")),
                    "the restart ended");
            assertEquals("COMPLETED", job(calls, rerun).getString("batchStatus"), second::log);
            JsonObject done = submission(calls, submission);
            assertEquals("COMPLETED", done.getString("status"));
            assertEquals(ASSETS, done.getJsonObject("counts").getInt("DELETED"), done.toString());
            assertEquals(ASSETS - deletedBeforeKill, deleted(job(calls, rerun)), "the restart did only what was left");
            assertEquals(0, oss.store().count(BUCKET), "every file gone from OSS");

            // One DeleteMultipleObjects per chunk; only chunks in flight at the kill may be sent twice.
            // After it, each partition may end with a partial chunk.
            long deleteRequests = oss.counters().get(OssOperation.DELETE_MULTIPLE_OBJECTS);
            long chunksAfterKill = (ASSETS - deletedBeforeKill + CHUNK - 1) / CHUNK + PARTITIONS;
            assertTrue(deleteRequests <= deleteRequestsBeforeKill + chunksAfterKill,
                    deleteRequests + " DeleteMultipleObjects: " + deleteRequestsBeforeKill + " before the kill, "
                            + chunksAfterKill + " chunks after");
            assertEquals(0, oss.counters().get(OssOperation.DELETE_OBJECT));

            if (postgres) {
                assertEquals(ASSETS, count("SELECT COUNT(*) FROM media_asset WHERE status = 'Deleted'"));
                anotherServersRunIsLeftAloneWhileItsHeartbeatIsFresh();
            }
        }
    }

    private static long deleted(JsonObject job) {
        return job.isNull("stats") ? 0 : job.getJsonObject("stats").getJsonNumber("deleted").longValue();
    }

    /**
     * Several servers share the database: a run of a server that still beats is never recovered,
     * however long it takes; once its heartbeat stops, it is.
     */
    private static void anotherServersRunIsLeftAloneWhileItsHeartbeatIsFresh() throws Exception {
        String other = "4242@elsewhere/a1b2c3d4";
        long execution = 990_001;
        sql("INSERT INTO server_instance (instance_id, host, started_at, heartbeat_at)"
                + " VALUES ('" + other + "', 'elsewhere', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        sql("INSERT INTO purge_execution (job_execution_id, instance_id, dry_run, read_count, deleted_count, ignored_count,"
                + " forbidden_count, failed_count, files_deleted, bytes_deleted, oss_requests, started_at, updated_at)"
                + " VALUES (" + execution + ", '" + other + "', FALSE, 0, 0, 0, 0, 0, 0, 0, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        String open = "SELECT COUNT(*) FROM purge_execution WHERE ended_at IS NULL AND job_execution_id = " + execution;
        Instant end = Instant.now().plusSeconds(6); // twice the stale limit: recovery ran several times
        while (Instant.now().isBefore(end)) {
            sql("UPDATE server_instance SET heartbeat_at = CURRENT_TIMESTAMP WHERE instance_id = '" + other + "'");
            assertEquals(1, count(open), "a live server's run was recovered");
            TimeUnit.MILLISECONDS.sleep(200);
        }
        await(Duration.ofSeconds(30), () -> count(open) == 0, "the silent server's run recovered");
        assertEquals(1, count("SELECT COUNT(*) FROM purge_execution WHERE job_execution_id = " + execution
                + " AND end_reason LIKE '%" + other + "%'"));
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = TestPostgres.connect(DATABASE); Statement st = c.createStatement()) {
            st.executeUpdate(statement);
        }
    }

    private static MediaPurgeProcess server(boolean postgres, Path data) {
        Map<String, String> env = new HashMap<>();
        if (postgres) {
            env.put("MEDIAPURGE_DB_URL", TestPostgres.url(DATABASE));
            env.put("MEDIAPURGE_DB_USER", TestPostgres.USER);
            env.put("MEDIAPURGE_DB_PASSWORD", TestPostgres.PASSWORD);
        }
        env.put("MEDIAPURGE_SEED", dir.resolve("seed.json").toAbsolutePath().toString());
        env.put("MEDIAPURGE_DATA_DIR", data.toAbsolutePath().toString());
        env.put("MEDIAPURGE_MASTER_KEY", "Q3Jhc2ggcmVjb3ZlcnkgdGVzdCBtYXN0ZXIga2V5IDE=");
        env.put("MEDIAPURGE_OSS_ENDPOINT", oss.url().toString());
        env.put("MEDIAPURGE_OSS_ACCESS_KEY_ID", OssEndpoint.DEV_ACCESS_KEY_ID);
        env.put("MEDIAPURGE_OSS_ACCESS_KEY_SECRET", OssEndpoint.DEV_ACCESS_KEY_SECRET);
        env.put("MEDIAPURGE_INSTANCE_HEARTBEAT_SECONDS", "1");
        env.put("MEDIAPURGE_INSTANCE_STALE_AFTER_SECONDS", "3");
        return MediaPurgeProcess.start(dir, env, MediaPurgeProcess.freePort());
    }

    private static OperatorCalls calls(MediaPurgeProcess server) throws Exception {
        return new OperatorCalls(new URL("http://127.0.0.1:" + server.port() + "/"), KEY, SECRET);
    }

    private static JsonObject job(OperatorCalls calls, long execution) {
        try {
            HttpResponse<String> response = calls.get("/api/v1/jobs/" + execution);
            assertEquals(200, response.statusCode(), response.body());
            return json(response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject submission(OperatorCalls calls, long submission) throws Exception {
        HttpResponse<String> response = calls.get("/api/v1/purges/" + submission);
        assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static long count(String sql) {
        try (Connection c = TestPostgres.connect(DATABASE); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            return -1; // not there yet
        }
    }

    private static void await(Duration deadline, BooleanSupplier condition, String what) throws InterruptedException {
        Instant end = Instant.now().plus(deadline);
        while (!condition.getAsBoolean()) {
            assertFalse(Instant.now().isAfter(end), "timed out waiting: " + what);
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    static String mediaId(int i) {
        return String.format("c0ffee00%024x", i);
    }

    static String key(int i) {
        return "crash/" + i + ".mp4";
    }
}
