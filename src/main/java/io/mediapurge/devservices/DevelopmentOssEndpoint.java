package io.mediapurge.devservices;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.Config;

import io.mediapurge.database.SqlDialect;
import io.mediapurge.startup.StartupFailure;
import io.mediapurge.storage.DevelopmentObjectStore;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Starts the embedded OSS-compatible endpoint, with demo content, when no OSS endpoint is
 * configured ({@code MEDIAPURGE_OSS_ENDPOINT} unset), and stops it at shutdown. Never started
 * when an external endpoint is configured. On PostgreSQL it starts only when asked for
 * ({@code MEDIAPURGE_DEV_OSS_ENABLED=true}); without it and without an endpoint the server refuses to start.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // read-only after start: no container lock needed
@LocalBean
@Local(DevelopmentObjectStore.class) // the view the gateway sees, beside the bean's own
public class DevelopmentOssEndpoint implements DevelopmentObjectStore {

    public static final int DEFAULT_PORT = 9199;
    static final String ENDPOINT = "mediapurge.oss.endpoint";
    static final String ACCESS_KEY_ID = "mediapurge.oss.access-key-id";
    static final String ACCESS_KEY_SECRET = "mediapurge.oss.access-key-secret";
    static final String PORT = "mediapurge.dev.oss.port";
    static final String DATA_DIR = "mediapurge.data.dir";
    static final String ENABLED = "mediapurge.dev.oss.enabled";

    private static final Logger LOG = Logger.getLogger(DevelopmentOssEndpoint.class.getName());

    @Inject
    Config config;

    @Inject
    SqlDialect database;

    private volatile OssEndpoint endpoint;

    @PostConstruct
    void start() {
        if (value(ENDPOINT).isPresent()) {
            return;
        }
        if (database.postgreSql() && !value(ENABLED).map("true"::equalsIgnoreCase).orElse(false)) {
            // A store only this process sees, beside a shared production database: purges would
            // report files deleted that live on in the real one.
            throw StartupFailure.refuse("the database is PostgreSQL but no OSS endpoint is configured: set"
                    + " MEDIAPURGE_OSS_ENDPOINT, or MEDIAPURGE_DEV_OSS_ENABLED=true to use the embedded development endpoint", null);
        }
        int port;
        try {
            port = value(PORT).map(Integer::parseInt).orElse(DEFAULT_PORT);
        } catch (NumberFormatException e) {
            throw StartupFailure.refuse("MEDIAPURGE_DEV_OSS_PORT is not a port number", e);
        }
        Path dataDir = Path.of(value(DATA_DIR).orElse("./data")).resolve("oss").toAbsolutePath().normalize();
        String accessKeyId = value(ACCESS_KEY_ID).orElse(OssEndpoint.DEV_ACCESS_KEY_ID);
        String secret = value(ACCESS_KEY_SECRET).orElse(OssEndpoint.DEV_ACCESS_KEY_SECRET);
        BucketStore store;
        boolean seeded;
        try {
            store = BucketStore.onDisk(dataDir);
            seeded = DemoContent.seedIfEmpty(store);
            endpoint = OssEndpoint.builder().port(port).credentials(accessKeyId, secret).store(store).start();
        } catch (RuntimeException e) {
            throw StartupFailure.refuse("the embedded OSS endpoint cannot start on 127.0.0.1:" + port + " with data in "
                    + dataDir + " (set MEDIAPURGE_DEV_OSS_PORT, or MEDIAPURGE_OSS_ENDPOINT for "
                    + "real OSS): " + StartupFailure.rootMessage(e), e);
        }
        LOG.info("Embedded OSS-compatible endpoint at " + endpoint.url() + ", data in " + dataDir
                + ", access key id " + accessKeyId
                + (accessKeyId.equals(OssEndpoint.DEV_ACCESS_KEY_ID) ? " (development default credentials)" : "")
                + (seeded ? ", demo buckets " + store.buckets() : "")
                + " (development default; set MEDIAPURGE_OSS_ENDPOINT for real OSS)");
    }

    /** True while the embedded endpoint serves (no external endpoint is configured). */
    public boolean running() {
        return endpoint != null;
    }

    @PreDestroy
    void stop() {
        if (endpoint != null) {
            endpoint.stop();
            endpoint = null;
        }
    }

    /** The URL of the embedded endpoint, empty when an external endpoint is configured. */
    @Override
    public Optional<URI> url() {
        return Optional.ofNullable(endpoint).map(OssEndpoint::url);
    }

    /** The running endpoint, for fault injection from development tools. */
    public Optional<OssEndpoint> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    private Optional<String> value(String name) {
        return config.getOptionalValue(name, String.class).map(String::strip).filter(v -> !v.isEmpty());
    }
}
