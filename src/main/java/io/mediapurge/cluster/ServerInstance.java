package io.mediapurge.cluster;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mediapurge.database.Database;
import io.mediapurge.startup.StartupFailure;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/**
 * This server among those sharing the database (table server_instance): registered at startup,
 * its heartbeat written every few seconds, its row removed on a clean shutdown. A server whose
 * heartbeat is older than the stale limit is gone (killed, crashed, cut off), and what it was
 * running can be recovered by the others or by its successor. All times are the database's clock,
 * so servers with skewed clocks still agree.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class ServerInstance {

    private static final Logger LOG = Logger.getLogger(ServerInstance.class.getName());

    /**
     * This server for this boot: process, host and a random part, as a restarted container comes
     * back with the same process ID and host name as the one that died.
     */
    public static final String ID = id();

    /** Fired after each heartbeat once the application has started, for the work that follows liveness. */
    public record Heartbeat(String instanceId, int staleAfterSeconds) {
    }

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    TimerService timers;

    @Inject
    Event<Heartbeat> heartbeats;

    @Inject
    @ConfigProperty(name = "mediapurge.instance.heartbeat-seconds", defaultValue = "10")
    String heartbeatSetting;

    @Inject
    @ConfigProperty(name = "mediapurge.instance.stale-after-seconds", defaultValue = "60")
    String staleAfterSetting;

    private int heartbeatSeconds;
    private int staleAfterSeconds;

    private Timer beating;

    @PostConstruct
    void register() {
        heartbeatSeconds = seconds("MEDIAPURGE_INSTANCE_HEARTBEAT_SECONDS", heartbeatSetting);
        staleAfterSeconds = seconds("MEDIAPURGE_INSTANCE_STALE_AFTER_SECONDS", staleAfterSetting);
        if (staleAfterSeconds < 2 * heartbeatSeconds) {
            // one late heartbeat must not make a live server look dead
            throw StartupFailure.refuse("MEDIAPURGE_INSTANCE_STALE_AFTER_SECONDS (" + staleAfterSeconds
                    + ") must be at least twice MEDIAPURGE_INSTANCE_HEARTBEAT_SECONDS (" + heartbeatSeconds + ")", null);
        }
        execute("INSERT INTO server_instance (instance_id, host, started_at, heartbeat_at)"
                + " VALUES (?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", ID, host());
        LOG.info("Server instance " + ID + " (heartbeat every " + heartbeatSeconds + " s, gone after "
                + staleAfterSeconds + " s without one)");
        // A non-persistent EJB timer: each beat is a container invocation (JPA, transactions, CDI events work).
        beating = timers.createIntervalTimer(heartbeatSeconds * 1000L, heartbeatSeconds * 1000L, new TimerConfig(null, false));
    }

    @PreDestroy
    void deregister() {
        if (beating != null) {
            beating.cancel();
        }
        try {
            execute("DELETE FROM server_instance WHERE instance_id = ?", ID);
        } catch (RuntimeException e) {
            LOG.warning("Could not deregister server instance " + ID + ": " + e.getMessage());
        }
    }

    /** How long a server may be silent before it counts as gone. */
    public int staleAfterSeconds() {
        return staleAfterSeconds;
    }

    /** The servers whose heartbeat is fresh, this one included. */
    public Set<String> alive() {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT instance_id FROM server_instance WHERE heartbeat_at > CURRENT_TIMESTAMP - INTERVAL '"
                        + staleAfterSeconds + "' SECOND")) {
            Set<String> alive = new HashSet<>();
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    alive.add(rs.getString(1));
                }
            }
            alive.add(ID); // whatever the database says of it, this server is running
            return alive;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the live servers: " + e.getMessage(), e);
        }
    }

    @Timeout
    void beat() {
        try {
            // A row removed by hand (or by a cleanup) comes back: this server is still alive.
            if (execute("UPDATE server_instance SET heartbeat_at = CURRENT_TIMESTAMP WHERE instance_id = ?", ID) == 0) {
                execute("INSERT INTO server_instance (instance_id, host, started_at, heartbeat_at)"
                        + " VALUES (?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", ID, host());
            }
            if (StartupFailure.started()) { // observers must not race the application's own startup
                heartbeats.fire(new Heartbeat(ID, staleAfterSeconds));
            }
        } catch (RuntimeException e) {
            // The database may be down: readiness reports it, and the next beat tries again.
            LOG.log(Level.WARNING, "Heartbeat of " + ID + " failed: " + e.getMessage());
        }
    }

    private static int seconds(String variable, String value) {
        try {
            int seconds = Integer.parseInt(value.trim());
            if (seconds >= 1 && seconds <= 86_400) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw StartupFailure.refuse(variable + " must be a whole number of seconds from 1 to 86400, not '"
                + value.strip() + "'", null);
    }

    private int execute(String sql, String... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                st.setString(i + 1, parameters[i]);
            }
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static String id() {
        String pid = String.valueOf(ProcessHandle.current().pid());
        String host = host();
        String random = UUID.randomUUID().toString().substring(0, 8);
        String id = pid + "@" + host;
        return (id.length() > 54 ? id.substring(0, 54) : id) + "/" + random;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String name = ManagementFactory.getRuntimeMXBean().getName();
            return name.substring(name.indexOf('@') + 1);
        }
    }
}
