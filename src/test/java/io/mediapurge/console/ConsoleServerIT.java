package io.mediapurge.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import io.mediapurge.testing.MediaPurgeProcess;
import io.mediapurge.testing.TestPostgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console on a server of its own — the jar on a PostgreSQL database of its own, served over
 * HTTP and HTTPS — for what the shared suite server cannot show: the session cookie over HTTPS,
 * sign-in locks kept in the database, and the pages while the database refuses every connection,
 * and after it is back.
 */
class ConsoleServerIT {

    private static final Duration READY = Duration.ofSeconds(120);
    private static final String PASSWORD = "console-server-it-password";
    private static final String DATABASE = "mediapurge_console_server_it_" + ProcessHandle.current().pid();
    private static final Path WORK = Path.of(System.getProperty("mediapurge.test.workDir", "target/it"), "console-server");

    private static MediaPurgeProcess server;
    private static int httpsPort;

    @BeforeAll
    static void startServer() throws Exception {
        TestPostgres.recreateDatabase(DATABASE);
        httpsPort = MediaPurgeProcess.freePort();
        server = MediaPurgeProcess.start(WORK, Map.of("MEDIAPURGE_DB_URL", TestPostgres.url(DATABASE),
                "MEDIAPURGE_DB_USER", TestPostgres.USER, "MEDIAPURGE_DB_PASSWORD", TestPostgres.PASSWORD,
                "MEDIAPURGE_ADMIN_PASSWORD", PASSWORD), MediaPurgeProcess.freePort(), "--sslport", String.valueOf(httpsPort));
        assertTrue(server.awaitReady(READY), server::log);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
        allowConnections(true);
        TestPostgres.dropDatabase(DATABASE);
    }

    @Test
    void overHttpsTheSessionCookieIsSecureAndHttpOnly() throws Exception {
        HttpResponse<String> login = trustingAnyCertificate().send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + httpsPort + "/login.xhtml")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode());
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + login.headers()));
        assertTrue(cookie.contains("Secure"), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
    }

    @Test
    void whileTheDatabaseRefusesConnectionsAPageSaysSoAndOnceItIsBackThePagesWorkAgain() throws Exception {
        URL base = URI.create("http://localhost:" + server.port() + "/").toURL();
        FormSession admin = FormSession.signIn(base, "admin", PASSWORD);
        assertEquals(200, admin.get("console/runs.xhtml").statusCode());
        try {
            allowConnections(false);
            HttpResponse<String> down = admin.get("console/runs.xhtml");
            assertTrue(down.uri().getPath().endsWith("/error.xhtml"), down.uri()::toString);
            assertTrue(down.body().contains("The database is not answering"), down::body);
            assertFalse(down.body().contains("Exception") || down.body().contains("\tat "), "no stack trace reaches the browser");
        } finally {
            allowConnections(true);
        }
        // The pool drops its failed connections and opens new ones: the same session reads its pages again.
        HttpResponse<String> back = poll(Duration.ofSeconds(60), () -> get(admin, "console/runs.xhtml"),
                r -> r.statusCode() == 200 && r.uri().getPath().endsWith("/console/runs.xhtml"));
        assertTrue(back.body().contains("Runs"), back::body);
    }

    /** Failed sign-ins are counted in the database: a lock another server wrote holds here too, and lifts with its row. */
    @Test
    void aSignInLockInTheDatabaseHoldsOnEveryServer() throws Exception {
        URL base = URI.create("http://localhost:" + server.port() + "/").toURL();
        FormSession.signIn(base, "admin", PASSWORD);
        for (int i = 0; i < 5; i++) {
            assertThrows(IllegalStateException.class, () -> FormSession.signIn(base, "Intruder-Test", "wrong"));
        }
        try (Connection c = TestPostgres.connect(DATABASE); Statement st = c.createStatement()) {
            ResultSet counted = st.executeQuery("SELECT failures, locked_until > now() FROM sign_in_failure WHERE username = 'intruder-test'");
            assertTrue(counted.next(), "the failures are in the database");
            assertEquals(5, counted.getInt(1));
            assertTrue(counted.getBoolean(2), "five failures lock the name");
            // what another server sharing the database writes after five failures for admin
            st.execute("INSERT INTO sign_in_failure (username, failures, locked_until, last_failed_at)"
                    + " VALUES ('admin', 5, now() + interval '1 hour', now())");
            assertThrows(IllegalStateException.class, () -> FormSession.signIn(base, "admin", PASSWORD),
                    "locked by another server: the right password is refused here too");
            st.execute("DELETE FROM sign_in_failure WHERE username = 'admin'");
        }
        FormSession.signIn(base, "admin", PASSWORD);
    }

    /** Refuses (or again allows) new connections to the server's database, and ends the ones it holds. */
    private static void allowConnections(boolean allowed) throws SQLException {
        try (Connection c = TestPostgres.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("ALTER DATABASE " + DATABASE + " WITH ALLOW_CONNECTIONS " + allowed);
            if (!allowed) {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + DATABASE + "'");
            }
        }
    }

    private static HttpResponse<String> get(FormSession session, String path) {
        try {
            return session.get(path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T poll(Duration deadline, Supplier<T> probe, java.util.function.Predicate<T> done) throws InterruptedException {
        Instant end = Instant.now().plus(deadline);
        T last = probe.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("not within " + deadline + ": " + last);
            }
            Thread.sleep(250);
            last = probe.get();
        }
        return last;
    }

    /** Payara Micro's HTTPS listener presents its built-in self-signed certificate. */
    private static HttpClient trustingAnyCertificate() throws Exception {
        // An extended trust manager that accepts anything: JSSE checks no host name behind it.
        TrustManager any = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {any}, new SecureRandom());
        return HttpClient.newBuilder().sslContext(tls).build();
    }
}
