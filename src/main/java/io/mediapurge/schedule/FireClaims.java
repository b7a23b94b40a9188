package io.mediapurge.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mediapurge.cluster.ServerInstance;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The claims servers hold on fire times, each in a transaction of its own: which rules are due,
 * which claims ran out, a due fire time won with a conditional update (one winner among the
 * servers sharing the database), a manual fire, a dead server's fire taken over, and the lease
 * renewed while the holder works. See {@link RuleFiring} for how a claim moves on.
 */
@ApplicationScoped
public class FireClaims {

    private static final Logger LOG = Logger.getLogger(FireClaims.class.getName());
    private static final List<RuleFire.State> HELD = List.of(RuleFire.State.CLAIMED, RuleFire.State.STARTING);
    /** A server down for years still comes back in bounded time: missed fire times beyond this are not counted. */
    private static final int MAX_MISSED_COUNTED = 100_000;

    /** The claim a server holds on a fire, as it was when taken (public: a proxied method answers it). */
    public record Claim(long fireId, long ruleId, OffsetDateTime scheduledAt, RuleFire.State state) {

        Claim starting() {
            return new Claim(fireId, ruleId, scheduledAt, RuleFire.State.STARTING);
        }
    }

    /** Our lease was taken over by another server: drop what this server was doing for the fire. */
    static final class ClaimLost extends RuntimeException {
        ClaimLost(long fireId) {
            super("fire " + fireId + " was taken over by another server", null, false, false);
        }
    }

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "mediapurge.schedule.lease-seconds", defaultValue = "60")
    String leaseSetting;

    @Inject
    @ConfigProperty(name = "mediapurge.schedule.missed-after-seconds", defaultValue = "120")
    String missedAfterSetting;

    Duration lease;
    Duration missedAfter;
    String server = ServerInstance.ID;

    @PostConstruct
    void configure() {
        lease = Duration.ofSeconds(Math.max(5, Integer.parseInt(leaseSetting.trim())));
        missedAfter = Duration.ofSeconds(Math.max(1, Integer.parseInt(missedAfterSetting.trim())));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Long> dueRules(Instant now) {
        return em.createQuery("SELECT r.id FROM PurgeRule r WHERE r.enabled = TRUE AND r.nextFireAt <= :now ORDER BY r.nextFireAt",
                Long.class).setParameter("now", at(now)).getResultList();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Long> expiredClaims(Instant now) {
        return em.createQuery("SELECT f.id FROM RuleFire f WHERE f.state IN :held AND f.leaseUntil < :now ORDER BY f.id", Long.class)
                .setParameter("held", HELD).setParameter("now", at(now)).getResultList();
    }

    /**
     * Claims the rule's due fire time, when this server wins it. Fire times missed while no server
     * ran (due longer ago than the missed-after limit) are one fire under RUN_ONCE, or one skipped
     * fire under SKIP (recorded in {@code skipped}); either way the rule moves on to its next fire
     * time after now.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Claim> claimDue(long ruleId, Instant now, List<RuleFiring.Fired> skipped) {
        PurgeRule rule = em.find(PurgeRule.class, ruleId);
        if (rule == null || !rule.isEnabled() || rule.getNextFireAt() == null || rule.getNextFireAt().toInstant().isAfter(now)) {
            return Optional.empty();
        }
        CronSchedule schedule = rule.schedule();
        Instant due = rule.getNextFireAt().toInstant();
        Instant latest = due;
        int count = 1;
        for (Optional<Instant> t = schedule.nextAfter(due); t.isPresent() && !t.get().isAfter(now) && count < MAX_MISSED_COUNTED;
                t = schedule.nextAfter(t.get())) {
            latest = t.get();
            count++;
        }
        OffsetDateTime next = schedule.nextAfter(now).map(FireClaims::at).orElse(null);
        int won = em.createQuery("UPDATE PurgeRule r SET r.nextFireAt = :next WHERE r.id = :id AND r.nextFireAt = :due"
                        + " AND r.enabled = TRUE")
                .setParameter("next", next).setParameter("id", ruleId).setParameter("due", at(due)).executeUpdate();
        if (won == 0) {
            return Optional.empty(); // another server claimed it
        }
        boolean missed = Duration.between(due, now).compareTo(missedAfter) > 0;
        if (missed && rule.getMissedFires() == MissedFires.SKIP) {
            RuleFire fire = new RuleFire(ruleId, at(latest), false, RuleFire.State.SKIPPED, server, at(now), at(now))
                    .skippedBecause(count + (count == 1 ? " fire time" : " fire times") + " from " + due + " to " + latest
                            + " passed while no server fired it; missedFires is SKIP");
            em.persist(fire);
            em.flush();
            skipped.add(new RuleFiring.Fired(fire.getId(), ruleId, RuleFire.State.SKIPPED, null, null, 0, false, fire.getReason()));
            return Optional.empty();
        }
        RuleFire fire = new RuleFire(ruleId, at(missed ? latest : due), false, RuleFire.State.CLAIMED, server, at(now),
                at(now.plus(lease)));
        em.persist(fire);
        em.flush();
        if (missed) {
            LOG.info("Rule " + ruleId + " fires once for " + count + " fire time(s) missed from " + due + " (missedFires RUN_ONCE)");
        }
        return Optional.of(new Claim(fire.getId(), ruleId, fire.getScheduledAt(), RuleFire.State.CLAIMED));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Claim claimManual(long ruleId, Instant now) {
        RuleFire fire = new RuleFire(ruleId, at(now), true, RuleFire.State.CLAIMED, server, at(now), at(now.plus(lease)));
        em.persist(fire);
        em.flush();
        return new Claim(fire.getId(), ruleId, fire.getScheduledAt(), RuleFire.State.CLAIMED);
    }

    /** Takes over a fire whose server's lease ran out, when this server wins it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Claim> takeOver(long fireId, Instant now) {
        RuleFire fire = em.find(RuleFire.class, fireId);
        if (fire == null) {
            return Optional.empty();
        }
        int won = em.createQuery("UPDATE RuleFire f SET f.server = :me, f.leaseUntil = :lease, f.attempts = f.attempts + 1"
                        + " WHERE f.id = :id AND f.state = :state AND f.leaseUntil < :now")
                .setParameter("me", server).setParameter("lease", at(now.plus(lease))).setParameter("id", fireId)
                .setParameter("state", fire.getState()).setParameter("now", at(now)).executeUpdate();
        if (won == 0) {
            return Optional.empty();
        }
        LOG.info("Fire " + fireId + " of rule " + fire.getRuleId() + " (" + fire.getScheduledAt() + ") taken over from server "
                + fire.getServer() + ", whose lease ran out");
        return Optional.of(new Claim(fireId, fire.getRuleId(), fire.getScheduledAt(), fire.getState()));
    }

    /** Extends this server's lease on the fire; {@link ClaimLost} when another server holds it now. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void renew(long fireId, Instant now) {
        int held = em.createQuery("UPDATE RuleFire f SET f.leaseUntil = :lease WHERE f.id = :id AND f.server = :me"
                        + " AND f.state IN :held")
                .setParameter("lease", at(now.plus(lease))).setParameter("id", fireId).setParameter("me", server)
                .setParameter("held", HELD).executeUpdate();
        if (held == 0) {
            throw new ClaimLost(fireId);
        }
    }

    /**
     * Records the fire's complete submission and moves the claim to STARTING, when this server
     * still holds it; false when it was taken over while this server read the matches.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean markStarting(long fireId, long submissionId, long matched, boolean capped, Instant now) {
        return em.createQuery("UPDATE RuleFire f SET f.state = :starting, f.submissionId = :submission, f.matched = :matched,"
                        + " f.capped = :capped, f.leaseUntil = :lease WHERE f.id = :id AND f.server = :me AND f.state = :claimed")
                .setParameter("starting", RuleFire.State.STARTING).setParameter("submission", submissionId)
                .setParameter("matched", matched).setParameter("capped", capped).setParameter("lease", at(now.plus(lease)))
                .setParameter("id", fireId).setParameter("me", server).setParameter("claimed", RuleFire.State.CLAIMED)
                .executeUpdate() > 0;
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
