package io.mediapurge.database;

import java.util.Arrays;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.mediapurge.startup.StartupFailure;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;

/**
 * Brings the schema to this build's version before anything else uses the database. A database
 * that cannot be reached, or whose schema is newer than this build, stops the deployment with one
 * line saying so (and the launcher then exits non-zero).
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN) // Flyway commits its own transactions
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        Database.Description database = Database.describe(dataSource); // fails first if unreachable
        Flyway flyway = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                // the few words the two databases spell differently (V11: a prefix index's operator class)
                .placeholders(java.util.Map.of("textPatternOps", database.embedded() ? "" : "text_pattern_ops"))
                // An applied migration this build does not know means a newer build ran here.
                .ignoreMigrationPatterns("")
                .load();
        refuseNewerSchema(flyway);
        MigrateResult result;
        try {
            result = flyway.migrate();
        } catch (RuntimeException e) {
            throw StartupFailure.refuse("schema migration failed on " + database.url() + ": "
                    + StartupFailure.rootMessage(e), e);
        }
        LOG.info(() -> "Database schema at version " + flyway.info().current().getVersion()
                + (result.migrationsExecuted == 0 ? " (up to date)"
                        : " (" + result.migrationsExecuted + " migrations applied)"));
    }

    private static void refuseNewerSchema(Flyway flyway) {
        MigrationInfo[] applied;
        try {
            applied = flyway.info().applied();
        } catch (RuntimeException e) {
            throw StartupFailure.refuse("cannot read the schema history: " + StartupFailure.rootMessage(e), e);
        }
        MigrationVersion known = Arrays.stream(flyway.info().all())
                .filter(m -> m.getScript() != null && m.getVersion() != null)
                .filter(m -> m.getState().isResolved())
                .map(MigrationInfo::getVersion)
                .max(MigrationVersion::compareTo)
                .orElse(MigrationVersion.EMPTY);
        Arrays.stream(applied)
                .map(MigrationInfo::getVersion)
                .filter(v -> v != null && v.isNewerThan(known.getVersion()))
                .findFirst()
                .ifPresent(v -> {
                    throw StartupFailure.refuse("the database schema is at version " + v
                            + ", newer than this MediaPurge build (up to " + known
                            + "); run a newer build or restore the database", null);
                });
    }
}
