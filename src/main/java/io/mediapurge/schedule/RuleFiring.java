package io.mediapurge.schedule;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mediapurge.access.PrincipalRef;
import io.mediapurge.cluster.ServerInstance;
import io.mediapurge.purge.Selector;
import io.mediapurge.purge.SubmissionSource;
import io.mediapurge.purge.SubmissionStatus;
import io.mediapurge.purge.SubmissionIntake;
import io.mediapurge.purge.Submissions;
import io.mediapurge.purge.batch.PurgeJobs;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Fires purge rules, each fire time on exactly one server of those sharing the database.
 *
 * <p>A server claims a fire time by moving the rule's {@code next_fire_at} on with a conditional
 * update ({@code WHERE next_fire_at = <the fire time>}): the database lets one update win, the
 * others change no row and go on. The winner writes the fire's row (unique per rule and fire time)
 * in the same transaction, holding a lease it renews while it reads the matches page by page into
 * a new submission (linked to the fire when it is opened). It then marks the fire STARTING, starts
 * purge-media for the submission and marks it FIRED. A server that dies leaves its fire CLAIMED or
 * STARTING with a lease that runs out; the next server to poll takes the fire over with another
 * conditional update (one winner again): a CLAIMED fire's half-made submission is discarded and made
 * afresh, a STARTING fire's complete submission is started unless a run already was. A server that
 * finds its lease taken over (it was too slow) drops its own work before anything was started, so
 * a fire is neither lost nor run twice.
 *
 * <p>{@link #poll} and {@link #runNow} take the instant they treat as now, so tests can drive fires with their own clock.
 */
@ApplicationScoped
public class RuleFiring {

    private static final Logger LOG = Logger.getLogger(RuleFiring.class.getName());
    private static final List<SubmissionStatus> GOING = List.of(SubmissionStatus.RECEIVING, SubmissionStatus.PENDING,
            SubmissionStatus.RUNNING);
    /** A server down for years still comes back in bounded time: missed fire times beyond this are not counted. */
    private static final int MAX_MISSED_COUNTED = 100_000;

    /** What one fire did. */
    public record Fired(long fireId, long ruleId, RuleFire.State state, Long submissionId, Long jobExecutionId, long matched,
            boolean capped, String reason) {
    }

    /** The claim a server holds on a fire, as it was when taken (public: a proxied method answers it). */
    public record Claim(long fireId, long ruleId, OffsetDateTime scheduledAt, RuleFire.State state) {
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
    Submissions submissions;

    @Inject
    SubmissionIntake intake;

    @Inject
    PurgeJobs jobs;

    @Inject
    RuleMatches matches;

    @Inject
    RuleFiring self; // every step commits through the proxy, in its own transaction

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

    /**
     * One poll: takes over the fires of servers whose lease ran out, then fires every enabled rule
     * that is due at {@code now}. Answers what this server fired.
     */
    public List<Fired> poll(Instant now) {
        List<Fired> fired = new ArrayList<>();
        for (long fireId : self.expiredClaims(now)) {
            self.takeOver(fireId, now).ifPresent(claim -> fired.add(carryOut(claim, now)));
        }
        for (long ruleId : self.dueRules(now)) {
            Optional<Claim> claim = self.claimDue(ruleId, now, fired);
            claim.ifPresent(c -> fired.add(carryOut(c, now)));
        }
        return fired;
    }

    /** Fires a rule now, whatever its schedule (and whether or not it is enabled). */
    public Fired runNow(long ruleId, Instant now) {
        return carryOut(self.claimManual(ruleId, now), now);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Long> dueRules(Instant now) {
        return em.createQuery("SELECT r.id FROM PurgeRule r WHERE r.enabled = TRUE AND r.nextFireAt <= :now ORDER BY r.nextFireAt",
                Long.class).setParameter("now", at(now)).getResultList();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Long> expiredClaims(Instant now) {
        return em.createQuery("SELECT f.id FROM RuleFire f WHERE f.state IN :held AND f.leaseUntil < :now ORDER BY f.id", Long.class)
                .setParameter("held", List.of(RuleFire.State.CLAIMED, RuleFire.State.STARTING)).setParameter("now", at(now))
                .getResultList();
    }

    /**
     * Claims the rule's due fire time, when this server wins it. Fire times missed while no server
     * ran (due longer ago than the missed-after limit) are one fire under RUN_ONCE, or one skipped
     * fire under SKIP (recorded in {@code skipped}); either way the rule moves on to its next fire
     * time after now.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Claim> claimDue(long ruleId, Instant now, List<Fired> skipped) {
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
        OffsetDateTime next = schedule.nextAfter(now).map(RuleFiring::at).orElse(null);
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
            skipped.add(new Fired(fire.getId(), ruleId, RuleFire.State.SKIPPED, null, null, 0, false, fire.getReason()));
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

    /** Does what a claimed fire still needs, from the step its claim is at. */
    private Fired carryOut(Claim claim, Instant now) {
        try {
            if (claim.state() == RuleFire.State.STARTING) {
                return start(claim, self.startingSubmission(claim.fireId()), now);
            }
            self.discardLeftovers(claim.fireId());
            Optional<String> busy = self.previousGoing(claim.ruleId(), claim.fireId());
            if (busy.isPresent()) {
                return self.end(claim.fireId(), RuleFire.State.SKIPPED, busy.get());
            }
            return materialise(claim, now);
        } catch (ClaimLost e) {
            LOG.info(e.getMessage() + "; this server leaves it");
            return new Fired(claim.fireId(), claim.ruleId(), RuleFire.State.CLAIMED, null, null, 0, false, e.getMessage());
        } catch (RuntimeException | IOException e) {
            LOG.log(Level.WARNING, "Fire " + claim.fireId() + " of rule " + claim.ruleId() + " failed", e);
            return self.end(claim.fireId(), RuleFire.State.FAILED, "could not fire: " + e.getMessage());
        }
    }

    private Fired materialise(Claim claim, Instant now) throws IOException {
        PurgeRule rule = self.rule(claim.ruleId());
        MatchStream stream = new MatchStream(claim, rule, now);
        SubmissionIntake.Request request = new SubmissionIntake.Request(SubmissionSource.RULE,
                PrincipalRef.parse(rule.actsAsRef()).orElseThrow(), "rule/" + rule.getId() + " " + rule.getName(),
                rule.isDeletePhysicalFiles(), rule.isDryRun());
        SubmissionIntake.Receipt receipt = intake.receive(request, stream,
                submissionId -> self.link(submissionId, claim.ruleId(), claim.fireId()));
        if (receipt.submissionId() == null) {
            return self.end(claim.fireId(), RuleFire.State.FIRED, "nothing matched", 0L, false);
        }
        self.markStarting(claim.fireId(), receipt.submissionId(), receipt.items(), stream.capped, stream.now());
        return start(new Claim(claim.fireId(), claim.ruleId(), claim.scheduledAt(), RuleFire.State.STARTING),
                receipt.submissionId(), stream.now());
    }

    /**
     * The rule's matches as selectors, read a page at a time (the lease renewed before each page),
     * up to the rule's cap. The age bound is taken from the fire time, so a fire made again after a
     * takeover selects the same assets.
     */
    private final class MatchStream implements Supplier<Selector> {
        private final long fireId;
        private final RuleSelection selection;
        private final OffsetDateTime registeredBefore;
        private final long cap;
        private final Instant startedAt;
        private final long startedNanos = System.nanoTime();
        private Iterator<RuleMatches.Match> page = List.<RuleMatches.Match>of().iterator();
        private long after;
        private long matched;
        private boolean exhausted;
        boolean capped;

        MatchStream(Claim claim, PurgeRule rule, Instant now) {
            this.fireId = claim.fireId();
            this.selection = rule.selection();
            this.registeredBefore = Rules.registeredBefore(selection, claim.scheduledAt().toInstant());
            this.cap = rule.getMaxItems() == null ? Long.MAX_VALUE : rule.getMaxItems();
            this.startedAt = now;
        }

        /** The caller's now, moved on by the time this fire has taken. */
        Instant now() {
            return startedAt.plusNanos(System.nanoTime() - startedNanos);
        }

        @Override
        public Selector get() {
            if (matched >= cap) {
                capped = capped || !self.page(selection, registeredBefore, after, 1).isEmpty();
                return null;
            }
            if (!page.hasNext() && !exhausted) {
                self.renew(fireId, now());
                List<RuleMatches.Match> rows = self.page(selection, registeredBefore, after, RuleMatches.PAGE_SIZE);
                exhausted = rows.size() < RuleMatches.PAGE_SIZE;
                page = rows.iterator();
            }
            if (!page.hasNext()) {
                return null;
            }
            RuleMatches.Match match = page.next();
            after = match.id();
            matched++;
            return Selector.mediaId(match.mediaId());
        }
    }

    /** Starts the run of a complete submission, unless one was started already (by a server that then died). */
    private Fired start(Claim claim, long submissionId, Instant now) {
        PurgeRule rule = self.rule(claim.ruleId());
        List<Long> runs = submissions.executionIds(submissionId);
        long execution;
        if (!runs.isEmpty()) {
            execution = runs.get(0);
        } else {
            self.renew(claim.fireId(), now);
            try {
                execution = jobs.start(submissionId, rule.isDryRun(), rule.getPartitions());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "purge-media could not start for submission " + submissionId + " of rule " + rule.getId(), e);
                return self.end(claim.fireId(), RuleFire.State.FAILED, "submission " + submissionId
                        + " was made but its purge-media run could not start; start it with POST /api/v1/purges/" + submissionId
                        + "/start");
            }
            submissions.recordExecution(submissionId, execution);
        }
        return self.fired(claim.fireId(), execution);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public PurgeRule rule(long ruleId) {
        PurgeRule rule = em.find(PurgeRule.class, ruleId);
        if (rule == null) {
            throw new IllegalStateException("rule " + ruleId + " was deleted");
        }
        rule.getActsAs().getAccount().getUid(); // loaded while the transaction lasts
        return rule;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<RuleMatches.Match> page(RuleSelection selection, OffsetDateTime registeredBefore, long after, int max) {
        return matches.page(selection, registeredBefore, after, max);
    }

    /** Why the rule must not fire now (its last submission is still going), or empty. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<String> previousGoing(long ruleId, long fireId) {
        for (Object row : em.createNativeQuery("SELECT id, status FROM purge_submission WHERE rule_id = ? AND"
                + " (rule_fire_id IS NULL OR rule_fire_id <> ?) ORDER BY id DESC").setParameter(1, ruleId).setParameter(2, fireId)
                .setMaxResults(1).getResultList()) {
            Object[] r = (Object[]) row;
            SubmissionStatus status = SubmissionStatus.valueOf((String) r[1]);
            if (GOING.contains(status)) {
                return Optional.of("the rule's previous submission " + ((Number) r[0]).longValue() + " is still " + status);
            }
        }
        return Optional.empty();
    }

    /** A half-made submission a dead server left for this fire goes; the fire makes it afresh. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void discardLeftovers(long fireId) {
        for (Object id : em.createNativeQuery("SELECT id FROM purge_submission WHERE rule_fire_id = ?").setParameter(1, fireId)
                .getResultList()) {
            intake.discard(((Number) id).longValue());
        }
    }

    /** Runs inside the transaction that opens the submission (see {@link SubmissionIntake#receive}). */
    @Transactional
    public void link(long submissionId, long ruleId, long fireId) {
        em.createNativeQuery("UPDATE purge_submission SET rule_id = ?, rule_fire_id = ? WHERE id = ?")
                .setParameter(1, ruleId).setParameter(2, fireId).setParameter(3, submissionId).executeUpdate();
    }

    /** Extends this server's lease on the fire; {@link ClaimLost} when another server holds it now. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void renew(long fireId, Instant now) {
        int held = em.createQuery("UPDATE RuleFire f SET f.leaseUntil = :lease WHERE f.id = :id AND f.server = :me"
                        + " AND f.state IN :held")
                .setParameter("lease", at(now.plus(lease))).setParameter("id", fireId).setParameter("me", server)
                .setParameter("held", List.of(RuleFire.State.CLAIMED, RuleFire.State.STARTING)).executeUpdate();
        if (held == 0) {
            throw new ClaimLost(fireId);
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void markStarting(long fireId, long submissionId, long matched, boolean capped, Instant now) {
        int held = em.createQuery("UPDATE RuleFire f SET f.state = :starting, f.submissionId = :submission, f.matched = :matched,"
                        + " f.capped = :capped, f.leaseUntil = :lease WHERE f.id = :id AND f.server = :me AND f.state = :claimed")
                .setParameter("starting", RuleFire.State.STARTING).setParameter("submission", submissionId)
                .setParameter("matched", matched).setParameter("capped", capped).setParameter("lease", at(now.plus(lease)))
                .setParameter("id", fireId).setParameter("me", server).setParameter("claimed", RuleFire.State.CLAIMED)
                .executeUpdate();
        if (held == 0) {
            // Taken over while this server read the matches: the new holder makes the submission again.
            intake.discard(submissionId);
            throw new ClaimLost(fireId);
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long startingSubmission(long fireId) {
        return em.find(RuleFire.class, fireId).getSubmissionId();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Fired fired(long fireId, long execution) {
        em.createQuery("UPDATE RuleFire f SET f.state = :fired, f.jobExecutionId = :execution, f.endedAt = :now WHERE f.id = :id")
                .setParameter("fired", RuleFire.State.FIRED).setParameter("execution", execution)
                .setParameter("now", at(Instant.now())).setParameter("id", fireId).executeUpdate();
        RuleFire fire = em.find(RuleFire.class, fireId);
        em.refresh(fire);
        return new Fired(fireId, fire.getRuleId(), RuleFire.State.FIRED, fire.getSubmissionId(), execution,
                fire.getMatched() == null ? 0 : fire.getMatched(), Boolean.TRUE.equals(fire.getCapped()), null);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Fired end(long fireId, RuleFire.State state, String reason) {
        return end(fireId, state, reason, null, null);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Fired end(long fireId, RuleFire.State state, String reason, Long matched, Boolean capped) {
        String text = reason == null ? null : reason.length() > 500 ? reason.substring(0, 500) : reason;
        em.createQuery("UPDATE RuleFire f SET f.state = :state, f.reason = :reason, f.endedAt = :now, f.matched = :matched,"
                        + " f.capped = :capped WHERE f.id = :id")
                .setParameter("state", state).setParameter("reason", text).setParameter("now", at(Instant.now()))
                .setParameter("matched", matched).setParameter("capped", capped).setParameter("id", fireId).executeUpdate();
        RuleFire fire = em.find(RuleFire.class, fireId);
        return new Fired(fireId, fire.getRuleId(), state, null, null, matched == null ? 0 : matched, Boolean.TRUE.equals(capped), text);
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
