package io.mediapurge;

import java.util.logging.Logger;

import javax.sql.DataSource;

import io.mediapurge.database.Database;
import io.mediapurge.registry.ServiceRegion;
import io.mediapurge.startup.StartupFailure;
import io.mediapurge.storage.ObjectStoreConnection;

import jakarta.batch.runtime.BatchRuntime;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

/**
 * The application's last startup step: says what this instance runs on, and marks the
 * application started. It sits at the root, above every feature it reports on; nothing imports it.
 */
@Startup
@Singleton
@DependsOn({"SchemaMigration", "SeedApplier", "DevelopmentOssEndpoint"})
@TransactionManagement(TransactionManagementType.BEAN)
public class StartupReport {

    private static final Logger LOG = Logger.getLogger(StartupReport.class.getName());

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Inject
    ServiceRegion region;

    @Inject
    ObjectStoreConnection objectStore;

    @PostConstruct
    void report() {
        LOG.info("MediaPurge region: " + region.id());
        LOG.info("MediaPurge database: " + Database.describe(dataSource));
        checkJobRepository();
        objectStore.gateway(); // connected (and logged) before the application counts as started
        StartupFailure.markStarted();
        LOG.info("MediaPurge started");
    }

    /**
     * The batch runtime keeps its job repository in the same pool (set by the boot commands) and
     * creates its tables on first use: touch it now so a misconfiguration stops the start, not a purge.
     */
    private static void checkJobRepository() {
        try {
            BatchRuntime.getJobOperator().getJobNames();
        } catch (RuntimeException e) {
            throw StartupFailure.refuse("the batch job repository in " + Database.JNDI_NAME
                    + " is not usable: " + StartupFailure.rootMessage(e), e);
        }
        LOG.info("Batch job repository: " + Database.JNDI_NAME + " (the application's database)");
    }
}
