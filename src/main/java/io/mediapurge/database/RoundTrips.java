package io.mediapurge.database;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Counts the PostgreSQL round trips each thread makes, measured on the wire rather than by reading
 * the code: the JDBC driver logs every protocol message it sends at FINEST, and each Sync message
 * ends one round trip (a query, a batch of statements, a commit). Off by default — the driver then
 * builds a log record per protocol message — and switched on with
 * {@code mediapurge.db.count-round-trips=true} (tests, benchmarks). The driver's own warnings still
 * reach the server log.
 */
@ApplicationScoped
public class RoundTrips {

    /** The driver's logger for the v3 protocol (pgjdbc 42.x). */
    static final String DRIVER_LOGGER = "org.postgresql.core.v3.QueryExecutorImpl";
    static final String SYNC = " FE=> Sync";

    private static final ThreadLocal<long[]> COUNT = ThreadLocal.withInitial(() -> new long[1]);
    private static volatile boolean counting;

    @Inject
    @ConfigProperty(name = "mediapurge.db.count-round-trips", defaultValue = "false")
    boolean enabled;

    private Logger driver;
    private SyncCounter handler;

    /** The round trips this thread has made since counting began; compare two readings. */
    public static long now() {
        return COUNT.get()[0];
    }

    /** Whether {@link #now()} means anything. */
    public static boolean counting() {
        return counting;
    }

    void install(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        if (!enabled) {
            return;
        }
        driver = Logger.getLogger(DRIVER_LOGGER);
        handler = new SyncCounter(Logger.getLogger("org.postgresql"));
        handler.setLevel(Level.ALL);
        driver.addHandler(handler);
        driver.setUseParentHandlers(false); // the FINEST records would otherwise walk the server's handlers
        driver.setLevel(Level.FINEST);
        counting = true;
        Logger.getLogger(RoundTrips.class.getName()).info("Counting database round trips (mediapurge.db.count-round-trips)");
    }

    @PreDestroy
    void uninstall() {
        if (handler != null) {
            counting = false;
            driver.setLevel(null);
            driver.setUseParentHandlers(true);
            driver.removeHandler(handler); // the logger outlives the application
        }
    }

    private static final class SyncCounter extends Handler {
        private final Logger forwardTo;

        SyncCounter(Logger forwardTo) {
            this.forwardTo = forwardTo;
        }

        @Override
        public void publish(LogRecord record) {
            if (SYNC.equals(record.getMessage())) {
                COUNT.get()[0]++;
            } else if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                forwardTo.log(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
