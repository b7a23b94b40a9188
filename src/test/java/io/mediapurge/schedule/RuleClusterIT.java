package io.mediapurge.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mediapurge.devservices.OssEndpoint;
import io.mediapurge.testing.MediaPurgeProcess;
import io.mediapurge.testing.OperatorCalls;
import io.mediapurge.testing.TestPostgres;

/**
 * Two servers (the real jar, twice) on one PostgreSQL, four rules due every minute: each fire time
 * of each rule is fired exactly once, by one of them, over at least twelve fires; and when the
 * server holding a fire is killed with SIGKILL in the middle of it (while it stores the fire's
 * 2,000 matches), the other takes the fire over once its lease runs out and fires it, once.
 */
class RuleClusterIT {

    static final String ACCOUNT = "2200000000000001";
    static final String KEY = "LTAIclusterRoot0001";
    static final String SECRET = "clusterRootSecret0123456789ab";
    static final String BUCKET = "cluster-media";
    static final int ASSETS = 2000;
    static final int RULES = 4;
    static final String DATABASE = "mediapurge_it_rules_" + ProcessHandle.current().pid();
    static OssEndpoint oss;
    static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        TestPostgres.recreateDatabase(DATABASE);
        oss = OssEndpoint.builder().port(0).start();
        oss.store().createBucket(BUCKET);
        dir = Path.of("target", "it", "rule-cluster");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("seed.json"), """
                {"accounts": [{"uid": "%s", "name": "cluster", "bucketGrants": ["%s"],
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

    @Test
    void twoServersFireEachFireTimeOnceEvenWhenOneIsKilledMidFire() throws Exception {
        MediaPurgeProcess first = server("a");
        MediaPurgeProcess second = server("b");
        try {
            assertTrue(first.awaitReady(Duration.ofSeconds(240)), first::log);
            assertTrue(second.awaitReady(Duration.ofSeconds(240)), second::log);
            OperatorCalls calls = new OperatorCalls(new URL("http://127.0.0.1:" + first.port() + "/"), KEY, SECRET);
            for (int i = 0; i < ASSETS; i++) {
                oss.store().put(BUCKET, "cluster/" + i + ".mp4", new byte[] {1}, "video/mp4", Map.of());
            }
            HttpResponse<String> imported = calls.post("/api/v1/media:import", "application/x-ndjson", IntStream.range(0, ASSETS)
                    .mapToObj(i -> "{\"ownerUid\":\"" + ACCOUNT + "\",\"files\":[{\"url\":\"oss://" + BUCKET + "/cluster/" + i
                            + ".mp4\",\"role\":\"source\",\"size\":1}]}")
                    .collect(Collectors.joining("\n")));
            assertEquals(200, imported.statusCode(), imported.body());
            for (int r = 0; r < RULES; r++) {
                HttpResponse<String> created = calls.post("/api/v1/rules", "application/json", """
                        {"name":"every-minute-%d","cron":"* * * * *","dryRun":true,
                         "select":{"ownerUid":"%s","bucket":"%s","keyPrefix":"cluster/"}}""".formatted(r, ACCOUNT, BUCKET));
                assertEquals(201, created.statusCode(), created.body());
            }

            // 1. SIGKILL the server holding a fire while it makes the fire's submission (tried at up to four minute marks)
            MediaPurgeProcess killed = null;
            long heldFire = -1;
            for (int attempt = 0; attempt < 4 && killed == null; attempt++) {
                Instant deadline = Instant.now().plus(Duration.ofSeconds(75));
                while (killed == null && Instant.now().isBefore(deadline)) {
                    Optional<long[]> held = heldFire();
                    if (held.isPresent()) {
                        MediaPurgeProcess holder = held.get()[1] == first.pid() ? first : held.get()[1] == second.pid() ? second : null;
                        if (holder != null) {
                            holder.kill();
                            killed = holder;
                            heldFire = held.get()[0];
                        }
                    }
                    TimeUnit.MILLISECONDS.sleep(20);
                }
            }
            assertTrue(killed != null, "no server was ever caught holding a fire");
            MediaPurgeProcess survivor = killed == first ? second : first;

            // 2. the survivor takes that fire over and goes on firing: at least twelve fires in all, none still held
            Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
            while ((ended() < 12 || held() > 0) && Instant.now().isBefore(deadline)) {
                TimeUnit.SECONDS.sleep(1);
            }
            String seen = fires().toString();
            assertTrue(ended() >= 12 && held() == 0, () -> seen + survivor.log());
            Map<String, Object> takenOver = fire(heldFire);
            assertEquals("FIRED", takenOver.get("state"), takenOver::toString);
            assertEquals(2, ((Number) takenOver.get("attempts")).intValue(), takenOver::toString);
            assertTrue(((String) takenOver.get("server")).startsWith(survivor.pid() + "@"), takenOver::toString);

            // 3. per rule: one fire per minute with no minute missing, and one submission of the 2,000 matches per fire
            List<Map<String, Object>> fires = fires();
            Map<Object, List<Map<String, Object>>> byRule = fires.stream().collect(Collectors.groupingBy(f -> f.get("rule_id")));
            assertEquals(RULES, byRule.size(), fires::toString);
            for (List<Map<String, Object>> ofRule : byRule.values()) {
                List<OffsetDateTime> times = ofRule.stream().map(f -> (OffsetDateTime) f.get("scheduled_at")).sorted().toList();
                for (int i = 1; i < times.size(); i++) {
                    assertEquals(Duration.ofMinutes(1), Duration.between(times.get(i - 1), times.get(i)), ofRule::toString);
                }
            }
            for (Map<String, Object> fire : fires) {
                if ("SKIPPED".equals(fire.get("state"))) {
                    continue; // the rule's previous dry run was still going: recorded, nothing made
                }
                assertEquals("FIRED", fire.get("state"), fire::toString);
                assertEquals((long) ASSETS, ((Number) fire.get("matched")).longValue(), fire::toString);
                long fireId = ((Number) fire.get("id")).longValue();
                assertEquals(1L, scalar("SELECT COUNT(*) FROM purge_submission WHERE rule_fire_id = " + fireId), fire::toString);
                assertEquals((long) ASSETS, scalar("SELECT COUNT(*) FROM deletion_request d JOIN purge_submission s"
                        + " ON s.id = d.submission_id WHERE s.rule_fire_id = " + fireId), fire::toString);
            }
            // no submission of a rule without its fire, and no fire with two
            assertEquals(scalar("SELECT COUNT(*) FROM rule_fire WHERE state = 'FIRED'"),
                    scalar("SELECT COUNT(*) FROM purge_submission WHERE source = 'RULE'"));
            System.out.println("RuleClusterIT: " + fires.size() + " fires, " + fires.stream().filter(f -> "SKIPPED".equals(f.get("state")))
                    .count() + " skipped; fire " + heldFire + " taken over from the killed server");
        } finally {
            first.close();
            second.close();
        }
    }

    private static MediaPurgeProcess server(String name) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("MEDIAPURGE_DB_URL", TestPostgres.url(DATABASE));
        env.put("MEDIAPURGE_DB_USER", TestPostgres.USER);
        env.put("MEDIAPURGE_DB_PASSWORD", TestPostgres.PASSWORD);
        env.put("MEDIAPURGE_SEED", dir.resolve("seed.json").toAbsolutePath().toString());
        Path data = dir.resolve("data-" + name);
        Files.createDirectories(data);
        env.put("MEDIAPURGE_DATA_DIR", data.toAbsolutePath().toString());
        env.put("MEDIAPURGE_MASTER_KEY", "UnVsZSBjbHVzdGVyIHRlc3QgbWFzdGVyIGtleSAwMDE=");
        env.put("MEDIAPURGE_OSS_ENDPOINT", oss.url().toString());
        env.put("MEDIAPURGE_OSS_ACCESS_KEY_ID", OssEndpoint.DEV_ACCESS_KEY_ID);
        env.put("MEDIAPURGE_OSS_ACCESS_KEY_SECRET", OssEndpoint.DEV_ACCESS_KEY_SECRET);
        env.put("MEDIAPURGE_INSTANCE_HEARTBEAT_SECONDS", "1");
        env.put("MEDIAPURGE_INSTANCE_STALE_AFTER_SECONDS", "3");
        env.put("MEDIAPURGE_SCHEDULE_POLL_SECONDS", "1");
        env.put("MEDIAPURGE_SCHEDULE_LEASE_SECONDS", "5");
        return MediaPurgeProcess.start(dir, env, MediaPurgeProcess.freePort());
    }

    /** A fire some server holds while it makes the submission: its ID and the holder's process ID. */
    private static Optional<long[]> heldFire() throws SQLException {
        try (Connection c = TestPostgres.connect(DATABASE); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT f.id, f.server FROM rule_fire f WHERE f.state = 'CLAIMED' AND EXISTS"
                        + " (SELECT 1 FROM purge_submission s JOIN deletion_request d ON d.submission_id = s.id"
                        + " WHERE s.rule_fire_id = f.id) ORDER BY f.id LIMIT 1")) {
            if (rs.next()) {
                String server = rs.getString(2);
                return Optional.of(new long[] {rs.getLong(1), Long.parseLong(server.substring(0, server.indexOf('@')))});
            }
            return Optional.empty();
        }
    }

    private static long ended() throws SQLException {
        return scalar("SELECT COUNT(*) FROM rule_fire WHERE state IN ('FIRED', 'SKIPPED', 'FAILED')");
    }

    private static long held() throws SQLException {
        return scalar("SELECT COUNT(*) FROM rule_fire WHERE state IN ('CLAIMED', 'STARTING')");
    }

    private static Map<String, Object> fire(long id) throws SQLException {
        return rows("SELECT * FROM rule_fire WHERE id = " + id).get(0);
    }

    private static List<Map<String, Object>> fires() throws SQLException {
        return rows("SELECT * FROM rule_fire ORDER BY rule_id, scheduled_at");
    }

    private static List<Map<String, Object>> rows(String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(DATABASE); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    String column = rs.getMetaData().getColumnName(i);
                    row.put(column, column.endsWith("_at") || column.equals("lease_until") ? rs.getObject(i, OffsetDateTime.class)
                            : rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static long scalar(String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(DATABASE); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
