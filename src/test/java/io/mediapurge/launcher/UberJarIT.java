package io.mediapurge.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mediapurge.testing.MediaPurgeProcess;
import io.mediapurge.testing.TestPostgres;

/** {@code target/mediapurge.jar} run the way an operator runs it: embedded defaults, PostgreSQL, bad settings. */
class UberJarIT {

    private static final Duration READY = Duration.ofSeconds(90);
    private static final Duration REFUSAL = Duration.ofSeconds(60);
    private static final Path WORK = Path.of(System.getProperty("mediapurge.test.workDir", "target/it"), "jar");

    private String demoSecret;

    @Test
    void embeddedDefaultsComeUpAndKeepTheirDataAcrossARestart() throws Exception {
        Path dir = freshDir("h2");
        Path dataDir = dir.resolve("data");
        try (MediaPurgeProcess first = MediaPurgeProcess.start(dir, Map.of(), MediaPurgeProcess.freePort())) {
            assertTrue(first.awaitReady(READY), first::log);
            assertEquals(200, first.status("/health/live"));
            // The application itself sits at the root, where the IMS SDK and the operator API call (unsigned: refused, not 404).
            assertEquals(400, first.status("/?Action=GetMediaInfo"), "the IMS door answers at /");
            assertEquals(400, first.status("/api/v1/media:import"), "the operator API answers under /api");
            assertFalse(first.logLines("embedded H2").isEmpty(), "the log names the embedded database");
            assertFalse(first.logLines("development default").isEmpty(), "the log says it is a development default");
            assertFalse(first.logLines("MediaPurge region: cn-shanghai").isEmpty(), first::log);
            assertTrue(first.log().contains("schema at version " + latestMigration() + " (" + migrations().size() + " migrations applied)"),
                    first::log);
            assertTrue(first.logLines("Hazelcast").stream().noneMatch(l -> l.contains("Members")),
                    "no cluster chatter in a single-instance run");
            // The console answers at / with its login page; its first admin's generated password is printed this once.
            assertEquals(200, first.status("/"));
            assertEquals(1, first.logLines("Console: sign in at / as admin with password ").size(), first::log);
            List<String> demoKey = first.logLines("shown once");
            assertEquals(1, demoKey.size(), first::log);
            assertTrue(demoKey.get(0).contains("Demo account 1000000000000001 (demo)") && demoKey.get(0).contains("development default"),
                    demoKey::toString);
            demoSecret = demoKey.get(0).replaceAll(".*AccessKeySecret (\\S+) .*", "$1");
            assertEquals(30, demoSecret.length(), demoKey::toString);
            assertEquals(1, first.logLines(demoSecret).size(), "the secret appears in that one line only");
            assertFalse(first.logLines("Master key for access key secrets: " + dataDir.resolve("master.key") + " (generated now)").isEmpty(),
                    first::log);
        }
        assertTrue(Files.exists(dataDir.resolve("master.key")));
        String h2 = "jdbc:h2:file:" + dataDir.resolve("db/mediapurge").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(h2, "mediapurge", "mediapurge"); Statement st = c.createStatement()) {
            st.execute("INSERT INTO account (uid, name, created_at) VALUES ('1000000000000009', 'kept', CURRENT_TIMESTAMP)");
        }

        try (MediaPurgeProcess second = MediaPurgeProcess.start(dir, Map.of(), MediaPurgeProcess.freePort())) {
            assertTrue(second.awaitReady(READY), second::log);
            assertTrue(second.log().contains("schema at version " + latestMigration() + " (up to date)"), second::log);
            assertEquals(List.of(), second.logLines("shown once"), "the demo key is shown on the first start only");
            assertEquals(List.of(), second.logLines("Console: sign in at / as admin"), "the admin password is printed on the first start only");
            assertFalse(second.log().contains(demoSecret));
        }
        try (Connection c = DriverManager.getConnection(h2, "mediapurge", "mediapurge")) {
            assertEquals(List.of("demo", "kept"), strings(c, "SELECT name FROM account ORDER BY name"));
            assertEquals(migrations().stream().map(String::valueOf).toList(),
                    strings(c, "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL"
                    + " ORDER BY \"installed_rank\""));
            List<String> stored = strings(c, "SELECT secret_ciphertext FROM access_key");
            assertEquals(1, stored.size());
            assertFalse(stored.get(0).contains(demoSecret), "the secret is stored encrypted");
        }

        // Another master key than the one the stored secrets were encrypted with: refused, not garbage.
        try (MediaPurgeProcess wrongKey = MediaPurgeProcess.start(dir,
                Map.of("MEDIAPURGE_MASTER_KEY", "b3RoZXIgbWFzdGVyIGtleSBvdGhlciBtYXN0ZXIga2U="), MediaPurgeProcess.freePort())) {
            assertEquals(1, wrongKey.awaitExit(REFUSAL), wrongKey::log);
            List<String> lines = wrongKey.logLines("MediaPurge cannot start");
            assertEquals(1, lines.size(), wrongKey::log);
            assertTrue(lines.get(0).contains("were encrypted with master key") && lines.get(0).contains("MEDIAPURGE_MASTER_KEY"),
                    lines::toString);
        }
    }

    @Test
    void badProvisioningFileIsRefusedWithOneLineNamingTheJsonPath() throws Exception {
        Path dir = freshDir("bad-seed");
        Path seed = Files.writeString(dir.resolve("seed.json"), """
                {"accounts":[{"uid":"1000000000000001","name":"acme","users":[
                  {"name":"root","root":true,"accessKeys":[{"id":"LTAI5tAcmeRoot0001","secret":"acmeRootSecret0123456789abcd"}]},
                  {"name":"ops","accessKeys":[{"id":"LTAI5tAcmeOps00001"}]}]}]}
                """);
        try (MediaPurgeProcess run = MediaPurgeProcess.start(dir, Map.of("MEDIAPURGE_SEED", seed.toString()),
                MediaPurgeProcess.freePort())) {
            assertEquals(1, run.awaitExit(REFUSAL), run::log);
            List<String> lines = run.logLines("MediaPurge cannot start");
            assertEquals(1, lines.size(), run::log);
            assertTrue(lines.get(0).endsWith("MediaPurge cannot start: MEDIAPURGE_SEED=" + seed
                    + ": accounts[0].users[1].accessKeys[0].secret: missing"), lines::toString);
            assertFalse(run.log().contains("acmeRootSecret"), "no secret of the file reaches the log");
        }
    }

    @Test
    void malformedMasterKeyIsRefused() {
        Path dir = freshDir("bad-master-key");
        try (MediaPurgeProcess run = MediaPurgeProcess.start(dir, Map.of("MEDIAPURGE_MASTER_KEY", "c2hvcnQ="),
                MediaPurgeProcess.freePort())) {
            assertEquals(1, run.awaitExit(REFUSAL), run::log);
            List<String> lines = run.logLines("MediaPurge cannot start");
            assertEquals(1, lines.size(), run::log);
            assertTrue(lines.get(0).contains("MEDIAPURGE_MASTER_KEY decodes to 5 bytes"), lines::toString);
        }
    }

    @Test
    void postgreSqlHoldsTheApplicationAndTheJobRepositoryAndANewerSchemaIsRefused() throws Exception {
        String database = "mediapurge_jar_it_" + ProcessHandle.current().pid();
        TestPostgres.recreateDatabase(database);
        Map<String, String> env = Map.of("MEDIAPURGE_DB_URL", TestPostgres.url(database),
                "MEDIAPURGE_DB_USER", TestPostgres.USER, "MEDIAPURGE_DB_PASSWORD", TestPostgres.PASSWORD);
        Path dir = freshDir("pg");
        try (MediaPurgeProcess run = MediaPurgeProcess.start(dir, env, MediaPurgeProcess.freePort())) {
            assertTrue(run.awaitReady(READY), run::log);
            assertFalse(run.logLines("MediaPurge database: PostgreSQL").isEmpty(), run::log);
            assertFalse(run.log().contains(TestPostgres.PASSWORD + "@") || run.log().contains("password=" + TestPostgres.PASSWORD),
                    "the password never reaches the log");
        }
        // PostgreSQL without an OSS endpoint: the embedded store is only taken when asked for
        Map<String, String> noOss = new java.util.HashMap<>(env);
        noOss.put("MEDIAPURGE_DEV_OSS_ENABLED", "");
        try (MediaPurgeProcess refused = MediaPurgeProcess.start(dir, noOss, MediaPurgeProcess.freePort())) {
            assertEquals(1, refused.awaitExit(REFUSAL), refused::log);
            List<String> lines = refused.logLines("MediaPurge cannot start:");
            assertEquals(1, lines.size(), refused::log);
            assertTrue(lines.get(0).contains("MEDIAPURGE_OSS_ENDPOINT") && lines.get(0).contains("MEDIAPURGE_DEV_OSS_ENABLED=true"),
                    lines::toString);
        }
        try (Connection c = TestPostgres.connect(database)) {
            List<String> tables = strings(c, "SELECT lower(table_name) FROM information_schema.tables WHERE table_schema = 'public'");
            assertTrue(tables.containsAll(List.of("media_asset", "deletion_request", "flyway_schema_history",
                    "jbatchcheckpointdata")), tables::toString);
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                        + " installed_by, execution_time, success) VALUES (99, '99', 'from the future', 'SQL',"
                        + " 'V99__future.sql', 'test', 0, true)");
            }
        }
        try (MediaPurgeProcess refused = MediaPurgeProcess.start(dir, env, MediaPurgeProcess.freePort())) {
            assertEquals(1, refused.awaitExit(REFUSAL), refused::log);
            assertEquals(1, refused.logLines("MediaPurge cannot start: the database schema is at version 99").size(),
                    refused::log);
        }
        TestPostgres.dropDatabase(database);
    }

    /**
     * Servers started at once on a fresh database would both create the job repository's tables:
     * while another server holds the first start's lock, a server waits (and says so), and boots
     * once it is released.
     */
    @Test
    void aFirstStartOnAFreshDatabaseWaitsWhileAnotherServersFirstStartHoldsItsLock() throws Exception {
        String database = "mediapurge_jar_first_" + ProcessHandle.current().pid();
        TestPostgres.recreateDatabase(database);
        Map<String, String> env = Map.of("MEDIAPURGE_DB_URL", TestPostgres.url(database),
                "MEDIAPURGE_DB_USER", TestPostgres.USER, "MEDIAPURGE_DB_PASSWORD", TestPostgres.PASSWORD);
        Connection otherServer = TestPostgres.connect(database);
        try (Statement st = otherServer.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + FirstStartLock.KEY + ")");
        }
        try (MediaPurgeProcess run = MediaPurgeProcess.start(freshDir("first-start"), env, MediaPurgeProcess.freePort())) {
            java.time.Instant deadline = java.time.Instant.now().plus(READY);
            while (run.logLines("MediaPurge waits for another server's first start").isEmpty()) {
                assertTrue(run.isAlive() && java.time.Instant.now().isBefore(deadline), run::log);
                Thread.sleep(200);
            }
            assertTrue(run.logLines("MediaPurge started").isEmpty(), "no boot while the lock is held");
            otherServer.close();
            assertTrue(run.awaitReady(READY), run::log);
            assertEquals(List.of(), run.logLines("MediaPurge cannot start"), run::log);
        } finally {
            otherServer.close();
            TestPostgres.dropDatabase(database);
        }
    }

    @Test
    void malformedDatabaseUrlIsRefusedBeforeAnythingIsCreated() {
        Path dir = freshDir("bad-url");
        try (MediaPurgeProcess run = MediaPurgeProcess.start(dir,
                Map.of("MEDIAPURGE_DB_URL", "postgres://db.example:5432/media?password=hunter2"), MediaPurgeProcess.freePort())) {
            assertEquals(2, run.awaitExit(REFUSAL), run::log);
            List<String> lines = run.logLines("MediaPurge cannot start");
            assertEquals(1, lines.size(), run::log);
            assertTrue(lines.get(0).contains("MEDIAPURGE_DB_URL"), lines::toString);
            assertFalse(run.log().contains("hunter2"), "URL options, where passwords hide, are not echoed");
            assertFalse(Files.exists(dir.resolve("data")), "no data directory was created");
        }
    }

    @Test
    void wrongPasswordIsRefusedWithOneLineNamingTheSetting() throws Exception {
        Path dir = freshDir("bad-password");
        try (MediaPurgeProcess run = MediaPurgeProcess.start(dir, Map.of(
                "MEDIAPURGE_DB_URL", TestPostgres.url("postgres"), "MEDIAPURGE_DB_USER", TestPostgres.USER,
                "MEDIAPURGE_DB_PASSWORD", "not-the-password"), MediaPurgeProcess.freePort())) {
            assertEquals(2, run.awaitExit(REFUSAL), run::log);
            List<String> lines = run.logLines("MediaPurge cannot start");
            assertEquals(1, lines.size(), run::log);
            assertTrue(lines.get(0).contains("MEDIAPURGE_DB_PASSWORD"), lines::toString);
            assertFalse(run.log().contains("not-the-password"));
            assertFalse(Files.exists(dir.resolve("data")), "the data directory it made was removed again");
        }
    }

    @Test
    void unreachableDatabaseIsRefused() {
        Path dir = freshDir("unreachable");
        try (MediaPurgeProcess run = MediaPurgeProcess.start(dir, Map.of(
                "MEDIAPURGE_DB_URL", "jdbc:postgresql://127.0.0.1:" + MediaPurgeProcess.freePort() + "/nothing"),
                MediaPurgeProcess.freePort())) {
            assertEquals(2, run.awaitExit(REFUSAL), run::log);
            List<String> lines = run.logLines("MediaPurge cannot start");
            assertEquals(1, lines.size(), run::log);
            assertTrue(lines.get(0).contains("unreachable (MEDIAPURGE_DB_URL)"), lines::toString);
        }
    }

    @Test
    void heartbeatSettingsThatCannotWorkAreRefused() {
        Path dir = freshDir("bad-heartbeat");
        try (MediaPurgeProcess run = MediaPurgeProcess.start(dir, Map.of("MEDIAPURGE_INSTANCE_HEARTBEAT_SECONDS", "10",
                "MEDIAPURGE_INSTANCE_STALE_AFTER_SECONDS", "15"), MediaPurgeProcess.freePort())) {
            assertEquals(1, run.awaitExit(REFUSAL), run::log);
            List<String> lines = run.logLines("MediaPurge cannot start");
            assertEquals(1, lines.size(), run::log);
            assertTrue(lines.get(0).contains("MEDIAPURGE_INSTANCE_STALE_AFTER_SECONDS (15) must be at least twice"), lines::toString);
        }
    }

    @Test
    void malformedRegionIsRefused() {
        Path dir = freshDir("bad-region");
        try (MediaPurgeProcess run = MediaPurgeProcess.start(dir, Map.of("MEDIAPURGE_REGION", "Shanghai; DROP"),
                MediaPurgeProcess.freePort())) {
            assertEquals(1, run.awaitExit(REFUSAL), run::log);
            List<String> lines = run.logLines("MediaPurge cannot start");
            assertEquals(1, lines.size(), run::log);
            assertTrue(lines.get(0).contains("MEDIAPURGE_REGION"), lines::toString);
        }
    }

    @Test
    void unwritableDataDirectoryIsRefused() throws Exception {
        Path dir = freshDir("bad-data-dir");
        Path notADirectory = Files.writeString(dir.resolve("a-file"), "x");
        try (MediaPurgeProcess run = MediaPurgeProcess.start(dir,
                Map.of("MEDIAPURGE_DATA_DIR", notADirectory.resolve("data").toString()), MediaPurgeProcess.freePort())) {
            assertEquals(2, run.awaitExit(REFUSAL), run::log);
            List<String> lines = run.logLines("MediaPurge cannot start");
            assertEquals(1, lines.size(), run::log);
            assertTrue(lines.get(0).contains("MEDIAPURGE_DATA_DIR"), lines::toString);
        }
    }

    @Test
    void portInUseIsRefused() throws Exception {
        Path dir = freshDir("port-in-use");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            try (MediaPurgeProcess run = MediaPurgeProcess.start(dir, Map.of(), taken.getLocalPort())) {
                assertEquals(2, run.awaitExit(REFUSAL), run::log);
                List<String> lines = run.logLines("MediaPurge cannot start");
                assertEquals(1, lines.size(), run::log);
                assertTrue(lines.get(0).contains("port " + taken.getLocalPort() + " is already in use"), lines::toString);
                assertFalse(Files.exists(dir.resolve("data")));
            }
        }
    }

    private static Path freshDir(String name) {
        Path dir = WORK.resolve(name).toAbsolutePath();
        try {
            if (Files.exists(dir)) {
                try (var paths = Files.walk(dir)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** The versions of this build's migrations, read off their file names (V7__what.sql is version 7). */
    private static List<Integer> migrations() throws IOException {
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> Integer.valueOf(n.substring(1, n.indexOf("__")))).sorted().toList();
        }
    }

    private static int latestMigration() throws IOException {
        List<Integer> versions = migrations();
        return versions.get(versions.size() - 1);
    }
}
