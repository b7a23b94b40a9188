package io.mediapurge.startup;

import java.util.logging.Logger;

import javax.sql.DataSource;

import io.mediapurge.database.Database;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;

/** The last startup step: says what this instance runs on, and marks the application started. */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class StartupReport {

    private static final Logger LOG = Logger.getLogger(StartupReport.class.getName());

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @PostConstruct
    void report() {
        LOG.info("MediaPurge database: " + Database.describe(dataSource));
        StartupFailure.markStarted();
        LOG.info("MediaPurge started");
    }
}
