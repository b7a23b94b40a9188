package io.mediapurge.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.mediapurge.testing.IntegrationTestSession;
import io.mediapurge.testing.SuiteOss;
import io.mediapurge.testing.TestPostgres;

/** Readiness follows the database and OSS; liveness does not. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReadinessIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ArquillianResource
    URL base;

    @Test
    void readinessIsDownWhileTheDatabaseIsUnreachableAndLivenessStaysUp() throws Exception {
        assertEquals(200, status("/health/ready"));
        try {
            cutOffDatabase(true);
            assertEquals(503, awaitStatus("/health/ready", 503), "ready while the database refuses connections");
            assertEquals(200, status("/health/live"));
        } finally {
            cutOffDatabase(false);
        }
        assertEquals(200, awaitStatus("/health/ready", 200), "ready again once the database is back");
    }

    @Test
    void readinessIsDownWhileOssIsUnreachable() throws Exception {
        assertEquals(200, awaitStatus("/health/ready", 200));
        SuiteOss.faults("outage refuse 5s"); // the admin path is refused too: the outage ends by itself
        try {
            assertEquals(503, awaitStatus("/health/ready", 503), "ready while OSS refuses connections");
            assertEquals(200, status("/health/live"));
        } finally {
            SuiteOss.clearFaults();
        }
        assertEquals(200, awaitStatus("/health/ready", 200), "ready again once OSS is back");
    }

    /** Refuses new connections to the suite's database and ends the open ones. */
    private static void cutOffDatabase(boolean cut) throws SQLException {
        String db = IntegrationTestSession.SUITE_DATABASE;
        try (Connection admin = TestPostgres.connect("postgres"); Statement st = admin.createStatement()) {
            st.execute("ALTER DATABASE " + db + " ALLOW_CONNECTIONS " + !cut);
            if (cut) {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db + "'");
            }
        }
    }

    private int awaitStatus(String path, int expected) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        int last = status(path);
        while (last != expected && Instant.now().isBefore(deadline)) {
            TimeUnit.MILLISECONDS.sleep(250);
            last = status(path);
        }
        return last;
    }

    private int status(String path) throws Exception {
        URI uri = base.toURI().resolve(path);
        assertTrue(uri.getPath().startsWith("/health"));
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
