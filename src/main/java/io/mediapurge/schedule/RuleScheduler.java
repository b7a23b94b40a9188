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
 * Polls for due rules every few seconds on every server, and sweeps old history every hour: two
 * non-persistent EJB timers, because the database claims in {@link RuleFiring} and
 * {@link HistoryRetention} (not the timers) make each fire and each sweep happen on one server only.
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
    HistoryRetention retention;

    @Inject
    @ConfigProperty(name = "mediapurge.schedule.poll-seconds", defaultValue = "10")
    String pollSetting;

    @Inject
    @ConfigProperty(name = "mediapurge.history.retention-days", defaultValue = "90")
    String retentionSetting;

    @Inject
    @ConfigProperty(name = "mediapurge.history.sweep-minutes", defaultValue = "60")
    String sweepSetting;

    private static final String SWEEP = "history-sweep";
    private Timer polling;
    private Timer sweeping;
    private long sweepMillis;
    private final java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean();

    @PostConstruct
    void begin() {
        int seconds = Integer.parseInt(pollSetting.trim());
        if (seconds < 1) {
            throw StartupFailure.refuse("MEDIAPURGE_SCHEDULE_POLL_SECONDS must be at least 1 (is " + seconds + ")", null);
        }
        try {
            HistoryRetention.days(retentionSetting);
        } catch (IllegalArgumentException e) {
            throw StartupFailure.refuse(e.getMessage(), null);
        }
        int minutes = Integer.parseInt(sweepSetting.trim());
        if (minutes < 1) {
            throw StartupFailure.refuse("MEDIAPURGE_HISTORY_SWEEP_MINUTES must be at least 1 (is " + minutes + ")", null);
        }
        sweepMillis = minutes * 60_000L;
        polling = timers.createIntervalTimer(seconds * 1000L, seconds * 1000L, new TimerConfig(null, false));
        sweeping = timers.createIntervalTimer(sweepMillis, sweepMillis, new TimerConfig(SWEEP, false));
    }

    @PreDestroy
    void end() {
        for (Timer timer : new Timer[] {polling, sweeping}) {
            if (timer != null) {
                timer.cancel();
            }
        }
    }

    @Timeout
    void tick(Timer timer) {
        if (SWEEP.equals(timer.getInfo())) {
            sweep();
        } else {
            poll();
        }
    }

    private void sweep() {
        if (!StartupFailure.started()) {
            return;
        }
        try {
            // The holder renews its lease at each of its sweeps; another server takes over when it stops.
            retention.sweep(Instant.now(), java.time.Duration.ofMillis(sweepMillis).dividedBy(2));
        } catch (RuntimeException e) {
            HistoryRetention.logFailure(e);
        }
    }

    private void poll() {
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
