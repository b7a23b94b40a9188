package io.mediapurge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import io.mediapurge.devservices.OssEndpoint;
import io.mediapurge.devservices.OssOperation;
import io.mediapurge.testing.MediaPurgeProcess;
import io.mediapurge.testing.TestPostgres;

/**
 * The torture run (not part of {@code mvn verify}): one purge of N requests (physical, two
 * partitions) on PostgreSQL, its server killed with SIGKILL at random moments K times; after each
 * kill a new server starts, the run is recovered and restarted. At the end the database and the
 * bucket are checked: every request DELETED exactly once, every asset a tombstone, every file gone.
 *
 * <pre>mvn -B -Ptorture verify [-Dtorture.n=100000] [-Dtorture.kills=10] [-Dtorture.seed=...]</pre>
 */
public final class TortureRun {

    static final String ACCOUNT = "3200000000000001";
    static final String KEY_ID = "LTAItortureRoot001";
    static final String KEY_SECRET = "tortureRootSecret0123456789abcd";
    static final String OSS_KEY_ID = "torture-oss-key";
    static final String OSS_KEY_SECRET = "torture-oss-secret-0123456789";
    static final Set<String> OPEN = Set.of("STARTING", "STARTED", "STOPPING");

    private final int n = Integer.getInteger("torture.n", 100_000);
    private final int kills = Integer.getInteger("torture.kills", 10);
    private final long seed = Long.getLong("torture.seed", System.nanoTime());
    private final long maxKillDelayMillis = Long.getLong("torture.maxKillDelayMillis", 4000);
    private final Path out = Path.of(System.getProperty("torture.outputDir", "target/torture")).toAbsolutePath();
    private final String database = "mediapurge_torture_" + ProcessHandle.current().pid();
    private final Random random = new Random(seed);
    private Map<String, String> env;
    private MediaPurgeProcess server;
    private OperatorClient api;

    public static void main(String[] args) throws Exception {
        System.exit(new TortureRun().run() ? 0 : 1);
    }

    boolean run() throws Exception {
        Instant begin = Instant.now();
        log("N " + n + ", kills " + kills + ", seed " + seed + ", database " + database);
        TestPostgres.recreateDatabase(database);
        Files.createDirectories(out);
        try (OssEndpoint oss = OssEndpoint.builder().port(0).credentials(OSS_KEY_ID, OSS_KEY_SECRET).start()) {
            AssetSet.BUCKETS.forEach(oss.store()::createBucket);
            AssetSet set = AssetSet.of("torture", n);
            set.putInto(oss.store());
            env(oss);
            startServer();
            api.postStream("/api/v1/media:import", Map.of(), "application/x-ndjson", () -> AssetSet.ndjson(ACCOUNT, List.of(set)))
                    .expect(200, "bulk import");
            long submission = api.postStream("/api/v1/purges", Map.of("deletePhysicalFiles", "true", "start", "false"), "text/csv",
                    set::csv).expect(201, "CSV submission").json().getJsonNumber("id").longValue();
            oss.counters().reset();
            Instant purgeBegin = Instant.now();
            long execution = api.post("/api/v1/purges/" + submission + "/start", Map.of("partitions", "2"), "application/json",
                    new byte[0]).expect(201, "start").json().getJsonNumber("jobExecutionId").longValue();
            int killed = 0;
            int executions = 1;
            while (killed < kills) {
                long delay = (long) (random.nextDouble() * maxKillDelayMillis);
                Thread.sleep(delay);
                String before = status(execution);
                if (!OPEN.contains(before)) {
                    log("execution " + execution + " ended " + before + " before kill " + (killed + 1));
                    break;
                }
                server.kill();
                killed++;
                log("kill " + killed + ": " + delay + " ms after execution " + execution + " answered; "
                        + count("SELECT COUNT(*) FROM deletion_request WHERE outcome = 'DELETED'") + " requests deleted");
                startServer();
                execution = settle(execution);
                if ("COMPLETED".equals(status(execution))) {
                    log("execution " + execution + " reconciled COMPLETED");
                    break;
                }
                execution = api.post("/api/v1/jobs/" + execution + "/restart", Map.of(), "application/json", new byte[0])
                        .expect(201, "restart").json().getJsonNumber("executionId").longValue();
                executions++;
            }
            execution = settle(execution);
            double purgeSeconds = Duration.between(purgeBegin, Instant.now()).toMillis() / 1000.0;
            String last = status(execution);
            long deleted = count("SELECT COUNT(*) FROM deletion_request WHERE submission_id = " + submission + " AND outcome = 'DELETED'");
            long other = count("SELECT COUNT(*) FROM deletion_request WHERE submission_id = " + submission + " AND outcome <> 'DELETED'");
            long twice = count("SELECT COUNT(*) FROM (SELECT media_id FROM deletion_request WHERE outcome = 'DELETED'"
                    + " GROUP BY media_id HAVING COUNT(*) > 1) t");
            long tombstones = count("SELECT COUNT(*) FROM media_asset WHERE status = 'Deleted'");
            long counted = count("SELECT SUM(deleted_count) FROM purge_execution WHERE submission_id = " + submission);
            String submissionStatus = string("SELECT status FROM purge_submission WHERE id = " + submission);
            long files = AssetSet.BUCKETS.stream().mapToLong(b -> oss.store().count(b)).sum();
            long deleteRequests = oss.counters().get(OssOperation.DELETE_MULTIPLE_OBJECTS);
            long minimum = (long) Math.ceil(n / 20.0) * AssetSet.BUCKETS.size();
            log("last execution " + execution + " " + last + "; submission " + submissionStatus + "; " + killed + " kills, "
                    + executions + " runs started; purge " + purgeSeconds + " s, total " + Duration.between(begin, Instant.now()).toSeconds() + " s");
            log("requests DELETED " + deleted + " of " + n + ", other outcomes " + other + ", assets deleted twice " + twice
                    + ", tombstones " + tombstones + ", runs' deleted counts summed " + counted + ", files left " + files
                    + ", DeleteMultipleObjects " + deleteRequests + " (at least " + minimum + " without kills: "
                    + (deleteRequests - minimum) + " sent again)");
            boolean ok = "COMPLETED".equals(last) && "COMPLETED".equals(submissionStatus) && deleted == n && other == 0 && twice == 0
                    && tombstones == n && counted == n && files == 0;
            log(ok ? "PASSED" : "FAILED");
            return ok;
        } finally {
            if (server != null) {
                server.close();
            }
            TestPostgres.dropDatabase(database);
        }
    }

    /** Waits until the execution is no longer open (recovered, reconciled or ended by itself). */
    private long settle(long execution) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofMinutes(10));
        while (OPEN.contains(status(execution))) {
            if (Instant.now().isAfter(end)) {
                throw new IllegalStateException("execution " + execution + " still open");
            }
            Thread.sleep(200);
        }
        return execution;
    }

    private String status(long execution) {
        return api.get("/api/v1/jobs/" + execution).expect(200, "execution").json().getString("batchStatus");
    }

    private void env(OssEndpoint oss) throws Exception {
        Path seedFile = out.resolve("seed.json");
        Files.writeString(seedFile, """
                {"accounts": [{"uid": "%s", "name": "torture", "bucketGrants": ["%s"],
                  "users": [{"name": "root", "root": true, "accessKeys": [{"id": "%s", "secret": "%s"}]}]}]}
                """.formatted(ACCOUNT, String.join("\", \"", AssetSet.BUCKETS), KEY_ID, KEY_SECRET));
        env = new TreeMap<>();
        env.put("MEDIAPURGE_DB_URL", TestPostgres.url(database));
        env.put("MEDIAPURGE_DB_USER", TestPostgres.USER);
        env.put("MEDIAPURGE_DB_PASSWORD", TestPostgres.PASSWORD);
        env.put("MEDIAPURGE_SEED", seedFile.toString());
        env.put("MEDIAPURGE_DATA_DIR", out.resolve("data").toString());
        env.put("MEDIAPURGE_MASTER_KEY", "VG9ydHVyZSBydW4gbWFzdGVyIGtleSAwMDAwMDAwMDE=");
        env.put("MEDIAPURGE_OSS_ENDPOINT", oss.url().toString());
        env.put("MEDIAPURGE_OSS_ACCESS_KEY_ID", OSS_KEY_ID);
        env.put("MEDIAPURGE_OSS_ACCESS_KEY_SECRET", OSS_KEY_SECRET);
        env.put("MEDIAPURGE_INSTANCE_HEARTBEAT_SECONDS", "1");
        env.put("MEDIAPURGE_INSTANCE_STALE_AFTER_SECONDS", "3");
    }

    private void startServer() {
        int port = MediaPurgeProcess.freePort();
        server = MediaPurgeProcess.start(out.resolve("server"), env, List.of("-Xmx384m"), port);
        if (!server.awaitReady(Duration.ofMinutes(4))) {
            throw new IllegalStateException("the server did not become ready: " + server.logFile());
        }
        api = new OperatorClient(java.net.URI.create("http://127.0.0.1:" + port), KEY_ID, KEY_SECRET);
    }

    private long count(String sql) {
        String value = string(sql);
        return value == null ? 0 : Long.parseLong(value);
    }

    private String string(String sql) {
        try (Connection c = TestPostgres.connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void log(String line) {
        System.out.println("[torture " + Instant.now() + "] " + line);
    }
}
