package io.mediapurge.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DatabaseDiagnosisTest {

    @Test
    void namesTheSettingBehindEachRefusal() {
        assertTrue(DatabaseDiagnosis.reason(new SQLException("FATAL: password authentication failed", "28P01"))
                .startsWith("the database refused the credentials (MEDIAPURGE_DB_USER / MEDIAPURGE_DB_PASSWORD): FATAL"));
        assertTrue(DatabaseDiagnosis.reason(new SQLException("FATAL: database \"x\" does not exist", "3D000"))
                .startsWith("the database named in MEDIAPURGE_DB_URL does not exist"));
        assertTrue(DatabaseDiagnosis.reason(new SQLException("Connection refused", "08001"))
                .startsWith("the database is unreachable (MEDIAPURGE_DB_URL)"));
    }

    @Test
    void asksPostgreSqlItself() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DatabaseSettings nowhere = new DatabaseSettings.PostgreSql("jdbc:postgresql://127.0.0.1:" + closedPort + "/x", "u", true);
        Optional<String> reason = DatabaseDiagnosis.explain(nowhere, "p");
        assertTrue(reason.orElseThrow().startsWith("the database is unreachable (MEDIAPURGE_DB_URL): "), reason::toString);
        assertEquals(Optional.empty(), DatabaseDiagnosis.explain(new DatabaseSettings.EmbeddedH2(Path.of("data/db/x")), null));
    }
}
