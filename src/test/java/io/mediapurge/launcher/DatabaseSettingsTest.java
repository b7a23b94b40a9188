package io.mediapurge.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseSettingsTest {

    private static final Path DATA = Path.of("/srv/mediapurge/data");

    @Test
    void noUrlMeansEmbeddedH2UnderTheDataDirectory() throws StartupRefused {
        DatabaseSettings db = DatabaseSettings.from(Map.of(), DATA);
        DatabaseSettings.EmbeddedH2 h2 = assertInstanceOf(DatabaseSettings.EmbeddedH2.class, db);
        assertEquals("jdbc:h2:file:/srv/mediapurge/data/db/mediapurge;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;LOCK_TIMEOUT=60000", h2.url());
        assertTrue(db.describe().contains("development default"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "jdbc:postgresql://db:5432/mediapurge",
        "jdbc:postgresql://db/mediapurge",
        "jdbc:postgresql://10.0.0.5:6432/media_purge?sslmode=require",
        "jdbc:postgresql://[::1]:5432/mediapurge",
        "jdbc:postgresql://db1:5432,db2:5432/mediapurge?targetServerType=primary",
    })
    void acceptsPostgreSqlUrls(String url) throws StartupRefused {
        assertInstanceOf(DatabaseSettings.PostgreSql.class,
                DatabaseSettings.from(Map.of("MEDIAPURGE_DB_URL", url), DATA));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "postgres://db:5432/mediapurge",
        "jdbc:mysql://db:3306/mediapurge",
        "jdbc:postgresql://",
        "jdbc:postgresql://db:5432/",
        "jdbc:postgresql://db:notaport/mediapurge",
        "jdbc:postgresql://user:pw@db:5432/mediapurge",
        "jdbc:postgresql://db:5432/media purge",
        "jdbc:postgresql://db:5432/media\tpurge",
        "jdbc:h2:file:/tmp/x",
    })
    void refusesAnythingElseNamingTheSetting(String url) {
        StartupRefused refused = assertThrows(StartupRefused.class,
                () -> DatabaseSettings.from(Map.of("MEDIAPURGE_DB_URL", url), DATA));
        assertTrue(refused.getMessage().startsWith("MEDIAPURGE_DB_URL"), refused.getMessage());
    }

    @Test
    void neverEchoesUrlOptionsOrThePassword() throws StartupRefused {
        StartupRefused refused = assertThrows(StartupRefused.class, () -> DatabaseSettings.from(
                Map.of("MEDIAPURGE_DB_URL", "postgres://db/x?password=hunter2"), DATA));
        assertFalse(refused.getMessage().contains("hunter2"));
        DatabaseSettings pg = DatabaseSettings.from(Map.of("MEDIAPURGE_DB_URL", "jdbc:postgresql://db/x?password=hunter2",
                "MEDIAPURGE_DB_USER", "mp", "MEDIAPURGE_DB_PASSWORD", "hunter2"), DATA);
        assertEquals("PostgreSQL jdbc:postgresql://db/x?… as mp", pg.describe());
    }
}
