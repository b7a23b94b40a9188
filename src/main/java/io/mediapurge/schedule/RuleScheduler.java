package io.mediapurge.schedule;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mediapurge.startup.StartupFailure;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

/**
 * Polls for due rules every few seconds on every server: a non-persistent EJB timer, because the
 * database claim in {@link RuleFiring} (not the timer) makes each fire happen on one server only.
 */
@Startup
@Singleton
@DependsOn("ServerInstance")
@TransactionManagement(TransactionManagementType.BEAN)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RuleScheduler {

    private static final Logger LOG = Logger.getLogger(RuleScheduler.class.getName());

    @Resource
    TimerService timers;

    @Inject
    RuleFiring firing;

    @Inject
    @ConfigProperty(name = "mediapurge.schedule.poll-seconds", defaultValue = "10")
    String pollSetting;

    private Timer polling;
    private final java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean();

    @PostConstruct
    void begin() {
        int seconds = Integer.parseInt(pollSetting.trim());
        if (seconds < 1) {
            throw StartupFailure.refuse("MEDIAPURGE_SCHEDULE_POLL_SECONDS must be at least 1 (is " + seconds + ")", null);
        }
        polling = timers.createIntervalTimer(seconds * 1000L, seconds * 1000L, new TimerConfig(null, false));
    }

    @PreDestroy
    void end() {
        if (polling != null) {
            polling.cancel();
        }
    }

    @Timeout
    void poll() {
        // A long fire must not stack polls behind it; the next tick after it finishes carries on.
        if (!StartupFailure.started() || !busy.compareAndSet(false, true)) {
            return;
        }
        try {
            firing.poll(Instant.now());
        } catch (RuntimeException e) {
            // The database may be down: the claims stay as they are, and the next poll tries again.
            LOG.log(Level.WARNING, "Polling purge rules failed: " + e.getMessage());
        } finally {
            busy.set(false);
        }
    }
}
