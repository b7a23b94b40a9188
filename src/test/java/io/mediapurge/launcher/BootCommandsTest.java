package io.mediapurge.launcher;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BootCommandsTest {

    @Test
    void postgreSqlPoolKeepsThePasswordOutOfTheFile() throws StartupRefused {
        DatabaseSettings pg = DatabaseSettings.from(Map.of("MEDIAPURGE_DB_URL", "jdbc:postgresql://db:5432/mp",
                "MEDIAPURGE_DB_USER", "mp", "MEDIAPURGE_DB_PASSWORD", "s3cret"), Path.of("/data"));
        String commands = BootCommands.forDatabase(pg, "${ENV=MEDIAPURGE_DB_PASSWORD}");
        // The driver's data source with the job repository's repeated `set search_path` skipped,
        // not a plain driver class: the batch runtime's bookkeeping would cost five more round trips a chunk.
        assertTrue(commands.contains("--datasourceclassname io.mediapurge.launcher.pool.PostgreSqlPoolDataSource "));
        assertTrue(commands.contains("--property url=jdbc\\:postgresql\\://db\\:5432/mp:user=mp:password=${ENV=MEDIAPURGE_DB_PASSWORD} "));
        assertFalse(commands.contains("s3cret"));
        assertTrue(commands.contains("set-batch-runtime-configuration --datasourcelookupname jdbc/mediapurge"),
                "the job repository uses the application's pool");
    }

    @Test
    void thePoolsDataSourceIsTheDriversOwn() {
        // The pool sets url, user and password on it as on the driver's data source.
        assertEquals(org.postgresql.ds.PGSimpleDataSource.class,
                assertDoesNotThrow(() -> Class.forName(BootCommands.POSTGRESQL_DATA_SOURCE)).getSuperclass());
    }

    @Test
    void trustAuthenticationGetsAsadminsEmptyPassword() throws StartupRefused {
        DatabaseSettings pg = DatabaseSettings.from(Map.of("MEDIAPURGE_DB_URL", "jdbc:postgresql://db/mp"), Path.of("/data"));
        assertTrue(BootCommands.forDatabase(pg, null).contains(":password=() "));
    }

    @Test
    void embeddedH2PoolPointsUnderTheDataDirectory() throws StartupRefused {
        String commands = BootCommands.forDatabase(DatabaseSettings.from(Map.of(), Path.of("/srv/data")), null);
        assertTrue(commands.contains("--datasourceclassname org.h2.jdbcx.JdbcDataSource"));
        assertTrue(commands.contains("url=jdbc\\:h2\\:file\\:/srv/data/db/mediapurge;DB_CLOSE_ON_EXIT\\=FALSE;WRITE_DELAY\\=0"));
    }

    @Test
    void escapesWhatAsadminWouldSplitOn() {
        assertEquals("a\\:b\\=c\\\\d", BootCommands.escape("a:b=c\\d"));
    }
}
