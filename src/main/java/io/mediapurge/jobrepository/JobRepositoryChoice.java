package io.mediapurge.jobrepository;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import io.mediapurge.database.Database;

import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Chooses the batch runtime's job repository as the application deploys. On PostgreSQL it is the
 * launcher's {@code io.mediapurge.launcher.jobstore.ChunkCommitJobRepository}: Payara's PostgreSQL
 * repository with the checkpoints and step status each chunk writes sent at its commit in one
 * statement, where Payara's own takes five round trips. A CDI extension, so this runs before any
 * bean exists, and so before the application first uses the batch runtime, which reads the choice
 * then. On H2, or on a server without the launcher's jar among its libraries, Payara's own stays.
 */
public class JobRepositoryChoice implements Extension {

    static final String CHUNK_COMMIT_REPOSITORY = "io.mediapurge.launcher.jobstore.ChunkCommitJobRepository";

    private static final Logger LOG = Logger.getLogger(JobRepositoryChoice.class.getName());

    void choose(@Observes BeforeBeanDiscovery discovery) {
        if (!onPostgreSql()) {
            return;
        }
        try {
            // the batch runtime's own class loader: the one that loads the repository by name
            Class.forName(CHUNK_COMMIT_REPOSITORY, true, BatchRuntime.class.getClassLoader())
                    .getMethod("chooseForBatchRuntime").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.warning("Payara's own job repository stays (five round trips a chunk more): " + CHUNK_COMMIT_REPOSITORY
                    + " could not be chosen: " + e);
        }
    }

    private static boolean onPostgreSql() {
        try (Connection c = ((DataSource) new InitialContext().lookup(Database.JNDI_NAME)).getConnection()) {
            return c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
        } catch (NamingException | SQLException e) {
            // the application's own start reports an unreachable database; nothing to choose here
            return false;
        }
    }
}
