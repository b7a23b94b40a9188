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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
    static final String CHAIN_BUCKET = "chain-media";
    static final String OVERLAP_BUCKET = "overlap-media";
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
        oss.store().createBucket(CHAIN_BUCKET);
        oss.store().createBucket(OVERLAP_BUCKET);
        dir = Path.of("target", "it", "crash-recovery");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("seed.json"), """
                {"accounts": [{"uid": "%s", "name": "crash", "bucketGrants": ["%s", "%s", "%s"],
                  "users": [{"name": "root", "root": true, "accessKeys": [{"id": "%s", "secret": "%s"}]}]}]}
                """.formatted(ACCOUNT, BUCKET, CHAIN_BUCKET, OVERLAP_BUCKET, KEY, SECRET));
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

    static final int CHAIN_ASSETS = 200;

    /**
     * The moments an operator fears, each made exact by a pause point the server waits at until it
     * is killed: right after a start answered (the batch runtime's execution exists, the run's own
     * record does not), right after a restart answered, between OSS deleting a chunk's files and
     * the chunk's commit, and while the run ends (its record and submission ended, the runtime's
     * end not written). After each kill the next server recovers the run and it is restarted; the
     * last one's end is reconciled to COMPLETED. Every request ends DELETED once, every file is
     * gone, and an execution whose server died is always abandonable.
     */
    @Test
    void runsKilledAtEveryChosenMomentAreRecoveredRestartedAndCompleted() throws Exception {
        String db = DATABASE + "_chain";
        TestPostgres.recreateDatabase(db);
        Path data = dir.resolve("data-chain");
        deleteTree(data);
        for (int i = 0; i < CHAIN_ASSETS; i++) {
            oss.store().put(CHAIN_BUCKET, chainKey(i), new byte[] {1, 2, 3}, "video/mp4", Map.of());
        }
        long submission;
        long started;
        long other;
        // 1. killed right after the start answered: the runtime's execution has no record of its own
        try (MediaPurgeProcess a = server(db, data, PausePoint.RUN_BEGINS)) {
            assertTrue(a.awaitReady(Duration.ofSeconds(120)), a::log);
            OperatorCalls calls = calls(a);
            HttpResponse<String> imported = calls.post("/api/v1/media:import", "application/x-ndjson",
                    IntStream.range(0, CHAIN_ASSETS).mapToObj(i -> "{\"ownerUid\":\"" + ACCOUNT + "\",\"mediaId\":\"" + chainMediaId(i)
                            + "\",\"files\":[{\"url\":\"oss://" + CHAIN_BUCKET + "/" + chainKey(i) + "\",\"size\":3}]}")
                            .collect(Collectors.joining("\n")));
            assertEquals(CHAIN_ASSETS, json(imported).getInt("imported"), imported.body());
            JsonObject created = json(calls.post("/api/v1/purges", "application/json", purge(0, CHAIN_ASSETS - 20, 2)));
            submission = created.getJsonNumber("id").longValue();
            started = created.getJsonNumber("jobExecutionId").longValue();
            JsonObject second = json(calls.post("/api/v1/purges", "application/json", purge(CHAIN_ASSETS - 20, CHAIN_ASSETS, 1)));
            other = second.getJsonNumber("jobExecutionId").longValue();
            await(Duration.ofSeconds(60), () -> a.logLines("pause point run-begins reached").size() == 2, "both runs at the pause point");
            a.kill();
        }
        for (long execution : new long[] {started, other}) {
            assertTrue(Set.of("STARTING", "STARTED").contains(runtimeStatus(db, execution)), "open in the batch runtime");
        }
        assertEquals(0, count(db, "SELECT COUNT(*) FROM purge_execution"), "no run wrote its record");

        // 2. recovered without a record of its own; killed right after the restart answered
        long restarted;
        try (MediaPurgeProcess b = server(db, data, PausePoint.RUN_BEGINS)) {
            assertTrue(b.awaitReady(Duration.ofSeconds(120)), b::log);
            OperatorCalls calls = calls(b);
            // 2a. the other run's server is gone: abandon works whether recovery ended it yet or not
            HttpResponse<String> abandoned = calls.post("/api/v1/jobs/" + other + "/abandon", "application/json", "");
            assertEquals(200, abandoned.statusCode(), abandoned.body());
            assertEquals("ABANDONED", json(abandoned).getString("batchStatus"));
            assertEquals(409, calls.post("/api/v1/jobs/" + other + "/restart", "application/json", "").statusCode());
            assertEquals(409, calls.post("/api/v1/jobs/" + other + "/abandon", "application/json", "").statusCode(), "final");
            // 2b. the run recovered: FAILED with a reason naming its server, submission FAILED
            await(Duration.ofSeconds(60), () -> "FAILED".equals(job(calls, started).getString("batchStatus")), "recovered");
            JsonObject recovered = job(calls, started);
            assertTrue(recovered.getString("endReason").contains(recovered.getString("server")), recovered.toString());
            assertEquals("FAILED", submission(calls, submission).getString("status"));
            restarted = restart(calls, started);
            await(Duration.ofSeconds(60), () -> b.logLines("pause point run-begins reached").size() == 1, "the restart at the pause point");
            b.kill();
        }

        // 3. the restart recovered the same way; its restart killed between OSS and a chunk's commit
        long interrupted;
        try (MediaPurgeProcess c = server(db, data, "chunk-written:3")) {
            assertTrue(c.awaitReady(Duration.ofSeconds(120)), c::log);
            OperatorCalls calls = calls(c);
            await(Duration.ofSeconds(60), () -> "FAILED".equals(job(calls, restarted).getString("batchStatus")), "restart recovered");
            interrupted = restart(calls, restarted);
            await(Duration.ofSeconds(60), () -> !c.logLines("pause point chunk-written:3 reached").isEmpty(), "a chunk at the pause point");
            c.kill();
        }
        // one or two chunks committed (a partition's commit may trail the other's pause); at least one
        // more chunk deleted its files in OSS and was not committed
        long committed = count(db, "SELECT COUNT(*) FROM deletion_request WHERE outcome = 'DELETED'");
        assertTrue(committed == 20 || committed == 40, committed + " committed");
        assertEquals(committed, count(db, "SELECT SUM(deleted_count) FROM purge_execution WHERE job_execution_id = " + interrupted));
        assertTrue(oss.store().count(CHAIN_BUCKET) <= CHAIN_ASSETS - committed - 20, oss.store().count(CHAIN_BUCKET) + " files left");

        // 4. recovered and restarted; killed while the run ends
        long ending;
        try (MediaPurgeProcess d = server(db, data, PausePoint.RUN_ENDS)) {
            assertTrue(d.awaitReady(Duration.ofSeconds(120)), d::log);
            OperatorCalls calls = calls(d);
            await(Duration.ofSeconds(60), () -> "FAILED".equals(job(calls, interrupted).getString("batchStatus")), "recovered");
            ending = restart(calls, interrupted);
            await(Duration.ofSeconds(120), () -> !d.logLines("pause point run-ends reached").isEmpty(), "the run ending");
            d.kill();
        }
        assertTrue(Set.of("STARTING", "STARTED").contains(runtimeStatus(db, ending)), runtimeStatus(db, ending));
        assertEquals(1, count(db, "SELECT COUNT(*) FROM purge_execution WHERE job_execution_id = " + ending
                + " AND ended_at IS NOT NULL AND ended_status = 'COMPLETED'"));

        // 5. the last run's end reconciled; nothing lost, nothing twice
        try (MediaPurgeProcess e = server(db, data, null)) {
            assertTrue(e.awaitReady(Duration.ofSeconds(120)), e::log);
            OperatorCalls calls = calls(e);
            await(Duration.ofSeconds(60), () -> "COMPLETED".equals(job(calls, ending).getString("batchStatus")), "reconciled");
            assertEquals(1, e.logLines("Reconciled purge-media execution " + ending).size(), e::log);
            JsonObject done = submission(calls, submission);
            assertEquals("COMPLETED", done.getString("status"), done.toString());
            assertEquals(CHAIN_ASSETS - 20, done.getJsonObject("counts").getInt("DELETED"), done.toString());
            assertEquals(Set.of(started, restarted, interrupted, ending), done.getJsonArray("jobExecutionIds").stream()
                    .map(v -> ((jakarta.json.JsonNumber) v).longValue()).collect(Collectors.toSet()));
            assertEquals(CHAIN_ASSETS - 20, count(db, "SELECT COALESCE(SUM(deleted_count), 0) FROM purge_execution"
                    + " WHERE submission_id = " + submission), "each request counted once across the runs");
            assertEquals(20, oss.store().count(CHAIN_BUCKET), "the abandoned run's files are all that is left");
            assertEquals(0, count(db, "SELECT COUNT(*) FROM deletion_request WHERE submission_id = " + submission
                    + " AND outcome <> 'DELETED'"));
            assertEquals(409, calls.post("/api/v1/jobs/" + ending + "/restart", "application/json", "").statusCode());
            assertEquals(200, calls.post("/api/v1/jobs/" + ending + "/abandon", "application/json", "").statusCode());
            assertEquals(List.of(), e.logLines("duplicate key"));
        } finally {
            TestPostgres.dropDatabase(db);
        }
    }

    static final int OVERLAP_ASSETS = 2000;

    /**
     * Two servers on one database purge overlapping submissions at the same moment, each run in two
     * partitions: whichever run reaches an asset second records it IGNORED (ALREADY_DELETED), no
     * run fails, and each asset is DELETED exactly once across all runs.
     */
    @Test
    void twoServersPurgingTheSameAssetsAtOnceBothCompleteWithOneDeletionPerAsset() throws Exception {
        String db = DATABASE + "_overlap";
        TestPostgres.recreateDatabase(db);
        for (int i = 0; i < OVERLAP_ASSETS; i++) {
            oss.store().put(OVERLAP_BUCKET, overlapKey(i), new byte[] {1, 2, 3}, "video/mp4", Map.of());
        }
        try (MediaPurgeProcess first = server(db, dir.resolve("data-overlap-1"), null);
                MediaPurgeProcess second = server(db, dir.resolve("data-overlap-2"), null)) {
            assertTrue(first.awaitReady(Duration.ofSeconds(180)), first::log);
            assertTrue(second.awaitReady(Duration.ofSeconds(180)), second::log);
            OperatorCalls one = calls(first);
            OperatorCalls two = calls(second);
            HttpResponse<String> imported = one.post("/api/v1/media:import", "application/x-ndjson",
                    IntStream.range(0, OVERLAP_ASSETS).mapToObj(i -> "{\"ownerUid\":\"" + ACCOUNT + "\",\"mediaId\":\"" + overlapMediaId(i)
                            + "\",\"files\":[{\"url\":\"oss://" + OVERLAP_BUCKET + "/" + overlapKey(i) + "\",\"size\":3}]}")
                            .collect(Collectors.joining("\n")));
            assertEquals(OVERLAP_ASSETS, json(imported).getInt("imported"), imported.body());
            // the same assets in the same order: the two runs walk side by side and meet on every chunk
            String all = "{\"mediaIds\":[" + IntStream.range(0, OVERLAP_ASSETS).mapToObj(i -> "\"" + overlapMediaId(i) + "\"")
                    .collect(Collectors.joining(",")) + "],\"deletePhysicalFiles\":true,\"start\":false}";
            String most = "{\"mediaIds\":[" + IntStream.range(0, OVERLAP_ASSETS * 3 / 4).mapToObj(i -> "\"" + overlapMediaId(i) + "\"")
                    .collect(Collectors.joining(",")) + "],\"deletePhysicalFiles\":true,\"start\":false}";
            long s1 = json(one.post("/api/v1/purges", "application/json", all)).getJsonNumber("id").longValue();
            long s2 = json(two.post("/api/v1/purges", "application/json", most)).getJsonNumber("id").longValue();
            // started one right after the other (signing twice in the same instant would repeat a nonce)
            HttpResponse<String> r1 = one.send("POST", "/api/v1/purges/" + s1 + "/start", Map.of("partitions", "2"),
                    "application/json", new byte[0]);
            HttpResponse<String> r2 = two.send("POST", "/api/v1/purges/" + s2 + "/start", Map.of("partitions", "2"),
                    "application/json", new byte[0]);
            assertEquals(201, r1.statusCode(), r1.body());
            assertEquals(201, r2.statusCode(), r2.body());
            long e1 = json(r1).getJsonNumber("jobExecutionId").longValue();
            long e2 = json(r2).getJsonNumber("jobExecutionId").longValue();
            for (long[] run : new long[][] {{e1, 1}, {e2, 2}}) {
                OperatorCalls calls = run[1] == 1 ? one : two;
                await(Duration.ofSeconds(180), () -> !Set.of("STARTING", "STARTED").contains(job(calls, run[0]).getString("batchStatus")),
                        "run " + run[0] + " ended");
                assertEquals("COMPLETED", job(calls, run[0]).getString("batchStatus"), first.log() + second.log());
            }
            JsonObject done1 = submission(one, s1);
            JsonObject done2 = submission(two, s2);
            // 1. both submissions completed, nothing pending or failed
            for (JsonObject done : List.of(done1, done2)) {
                assertEquals("COMPLETED", done.getString("status"), done.toString());
                assertEquals(0, done.getJsonObject("counts").getInt("PENDING") + done.getJsonObject("counts").getInt("FAILED"), done.toString());
            }
            // 2. exactly one DELETED per asset across both runs; the later run's requests IGNORED as already deleted
            assertEquals(OVERLAP_ASSETS, done1.getJsonObject("counts").getInt("DELETED") + done2.getJsonObject("counts").getInt("DELETED"));
            assertEquals(0, count(db, "SELECT COUNT(*) FROM (SELECT media_id FROM deletion_request WHERE outcome = 'DELETED'"
                    + " GROUP BY media_id HAVING COUNT(*) <> 1) twice"));
            assertEquals(OVERLAP_ASSETS * 3 / 4, count(db, "SELECT COUNT(*) FROM deletion_request WHERE outcome = 'IGNORED'"
                    + " AND reason = 'ALREADY_DELETED'"));
            // 3. every file gone, no lock conflict or duplicate key in either log
            assertEquals(0, oss.store().count(OVERLAP_BUCKET));
            for (MediaPurgeProcess server : List.of(first, second)) {
                assertEquals(List.of(), server.logLines("OptimisticLock"));
                assertEquals(List.of(), server.logLines("duplicate key"));
            }
        } finally {
            TestPostgres.dropDatabase(db);
        }
    }

    private static String purge(int from, int to, int partitions) {
        return "{\"mediaIds\":[" + IntStream.range(from, to).mapToObj(i -> "\"" + chainMediaId(i) + "\"").collect(Collectors.joining(","))
                + "],\"deletePhysicalFiles\":true,\"start\":true,\"partitions\":" + partitions + "}";
    }

    private static long restart(OperatorCalls calls, long execution) throws Exception {
        HttpResponse<String> restarted = calls.post("/api/v1/jobs/" + execution + "/restart", "application/json", "");
        assertEquals(201, restarted.statusCode(), restarted.body());
        return json(restarted).getJsonNumber("executionId").longValue();
    }

    /** The batch runtime's own status of an execution, as its table holds it. */
    private static String runtimeStatus(String db, long execution) throws SQLException {
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT batchstatus FROM jbatchexecutioninstancedata WHERE jobexecid = " + execution)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static String chainMediaId(int i) {
        return String.format("c4a1a000%024x", i);
    }

    static String chainKey(int i) {
        return "chain/" + i + ".mp4";
    }

    static String overlapMediaId(int i) {
        return String.format("0e71a900%024x", i);
    }

    static String overlapKey(int i) {
        return "overlap/" + i + ".mp4";
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
        sql(DATABASE, statement);
    }

    private static void sql(String database, String statement) throws SQLException {
        try (Connection c = TestPostgres.connect(database); Statement st = c.createStatement()) {
            st.executeUpdate(statement);
        }
    }

    private static MediaPurgeProcess server(boolean postgres, Path data) {
        return server(postgres ? DATABASE : null, data, null);
    }

    /** A server on {@code database} (null: the embedded H2 database), held at {@code pauseAt} (see PausePoint) if given. */
    private static MediaPurgeProcess server(String database, Path data, String pauseAt) {
        Map<String, String> env = new HashMap<>();
        if (pauseAt != null) {
            env.put("MEDIAPURGE_TEST_PAUSE_AT", pauseAt);
        }
        if (database != null) {
            env.put("MEDIAPURGE_DB_URL", TestPostgres.url(database));
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
        return count(DATABASE, sql);
    }

    private static long count(String database, String sql) {
        try (Connection c = TestPostgres.connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
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
