package io.mediapurge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import io.mediapurge.launcher.BootCommands;
import io.mediapurge.launcher.DatabaseSettings;
import io.mediapurge.launcher.StartupRefused;

/**
 * Before the integration tests (failsafe sets {@code mediapurge.test.workDir}): a fresh PostgreSQL
 * database for the Arquillian suite, the pre- and post-boot commands its Payara Micro boots with —
 * written by the launcher's own code, so the tests run on the production pool setup — and the
 * provisioning file it starts with ({@link SuiteSeed}).
 */
public final class IntegrationTestSession implements LauncherSessionListener {

    /** Per test run, so runs on one machine (a developer's and CI's) never share a database. */
    public static final String SUITE_DATABASE = "mediapurge_it_" + ProcessHandle.current().pid();

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (System.getProperty("mediapurge.test.workDir") == null) {
            return;
        }
        try {
            TestPostgres.dropDatabase(SUITE_DATABASE);
        } catch (SQLException e) {
            // the next run starts from its own database anyway
        }
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String workDir = System.getProperty("mediapurge.test.workDir");
        if (workDir == null) {
            return; // unit tests need no database
        }
        try {
            TestPostgres.recreateDatabase(SUITE_DATABASE);
            deleteTree(Path.of(workDir, "data")); // the suite server's embedded OSS keeps objects on disk
            DatabaseSettings database = DatabaseSettings.from(Map.of(
                    "MEDIAPURGE_DB_URL", TestPostgres.url(SUITE_DATABASE),
                    "MEDIAPURGE_DB_USER", TestPostgres.USER), Path.of(workDir));
            Path commands = Path.of(workDir, "post-boot.asadmin");
            Files.createDirectories(commands.getParent());
            Files.writeString(commands, BootCommands.forDatabase(database, TestPostgres.PASSWORD));
            Files.writeString(Path.of(workDir, "pre-boot.asadmin"), BootCommands.preBoot());
            Files.writeString(Path.of(workDir, "seed.json"), SuiteSeed.JSON);
            // arquillian.xml hands this port to the suite's embedded OSS endpoint, so client-side
            // tests can put objects there with the plain SDK.
            System.setProperty(SuiteOss.PORT_PROPERTY, String.valueOf(MediaPurgeProcess.freePort()));
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for the integration tests is not reachable at "
                    + TestPostgres.url("postgres") + " as " + TestPostgres.USER
                    + " (run .ci/run, or set MEDIAPURGE_TEST_DB_*): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (StartupRefused e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
