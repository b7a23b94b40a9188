package io.mediapurge.schedule;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.mediapurge.access.PrincipalRef;
import io.mediapurge.purge.SubmissionIntake;
import io.mediapurge.purge.SubmissionSource;
import io.mediapurge.purge.service.PurgeService;

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
 * <p>The claims are {@link FireClaims}', the fire's records {@link FireRecords}'; the submission is
 * made and its run started through {@link PurgeService}, as for every other door. {@link #poll} and
 * {@link #runNow} take the instant they treat as now, so tests can drive fires with their own clock.
 */
@ApplicationScoped
public class RuleFiring {

    private static final Logger LOG = Logger.getLogger(RuleFiring.class.getName());

    /** What one fire did. */
    public record Fired(long fireId, long ruleId, RuleFire.State state, Long submissionId, Long jobExecutionId, long matched,
            boolean capped, String reason) {
    }

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Inject
    PurgeService purges;

    @Inject
    FireClaims claims;

    @Inject
    FireRecords records;

    @Inject
    RuleMatches matches;

    @Inject
    RuleFiring self; // the rule and its match pages are read through the proxy, each in its own transaction

    /**
     * One poll: takes over the fires of servers whose lease ran out, then fires every enabled rule
     * that is due at {@code now}. Answers what this server fired.
     */
    public List<Fired> poll(Instant now) {
        List<Fired> fired = new ArrayList<>();
        for (long fireId : claims.expiredClaims(now)) {
            claims.takeOver(fireId, now).ifPresent(claim -> fired.add(carryOut(claim, now)));
        }
        for (long ruleId : claims.dueRules(now)) {
            Optional<FireClaims.Claim> claim = claims.claimDue(ruleId, now, fired);
            claim.ifPresent(c -> fired.add(carryOut(c, now)));
        }
        return fired;
    }

    /** Fires a rule now, whatever its schedule (and whether or not it is enabled). */
    public Fired runNow(long ruleId, Instant now) {
        return carryOut(claims.claimManual(ruleId, now), now);
    }

    /** Does what a claimed fire still needs, from the step its claim is at. */
    private Fired carryOut(FireClaims.Claim claim, Instant now) {
        try {
            if (claim.state() == RuleFire.State.STARTING) {
                return start(claim, records.startingSubmission(claim.fireId()), now);
            }
            records.discardLeftovers(claim.fireId());
            Optional<String> busy = records.previousGoing(claim.ruleId(), claim.fireId());
            if (busy.isPresent()) {
                return records.end(claim.fireId(), RuleFire.State.SKIPPED, busy.get());
            }
            return materialise(claim, now);
        } catch (FireClaims.ClaimLost e) {
            LOG.info(e.getMessage() + "; this server leaves it");
            return new Fired(claim.fireId(), claim.ruleId(), RuleFire.State.CLAIMED, null, null, 0, false, e.getMessage());
        } catch (RuntimeException | IOException e) {
            LOG.log(Level.WARNING, "Fire " + claim.fireId() + " of rule " + claim.ruleId() + " failed", e);
            return records.end(claim.fireId(), RuleFire.State.FAILED, "could not fire: " + e.getMessage());
        }
    }

    /** The fire's submission made from the rule's matches (its run not yet started), then started. */
    private Fired materialise(FireClaims.Claim claim, Instant now) throws IOException {
        PurgeRule rule = self.rule(claim.ruleId());
        MatchStream stream = new MatchStream(self, claims, claim, rule, now);
        SubmissionIntake.Request request = new SubmissionIntake.Request(SubmissionSource.RULE,
                PrincipalRef.parse(rule.actsAsRef()).orElseThrow(), "rule/" + rule.getId() + " " + rule.getName(),
                rule.isDeletePhysicalFiles(), rule.isDryRun());
        SubmissionIntake.Receipt receipt = purges.submit(request, stream,
                submissionId -> records.link(submissionId, claim.ruleId(), claim.fireId()), false, rule.getPartitions()).receipt();
        if (receipt.submissionId() == null) {
            return records.end(claim.fireId(), RuleFire.State.FIRED, "nothing matched", 0L, false);
        }
        if (!claims.markStarting(claim.fireId(), receipt.submissionId(), receipt.items(), stream.capped(), stream.now())) {
            // Taken over while this server read the matches: the new holder makes the submission again.
            records.discard(receipt.submissionId());
            throw new FireClaims.ClaimLost(claim.fireId());
        }
        return start(claim.starting(), receipt.submissionId(), stream.now());
    }

    /** Starts the run of a complete submission, unless one was started already (by a server that then died). */
    private Fired start(FireClaims.Claim claim, long submissionId, Instant now) {
        List<Long> runs = purges.runsOf(submissionId);
        if (!runs.isEmpty()) {
            return records.fired(claim.fireId(), runs.get(0));
        }
        claims.renew(claim.fireId(), now);
        Optional<Long> execution = purges.start(submissionId, self.rule(claim.ruleId()).getPartitions());
        if (execution.isEmpty()) {
            return records.end(claim.fireId(), RuleFire.State.FAILED, "submission " + submissionId
                    + " was made but its purge-media run could not start; start it with POST /api/v1/purges/" + submissionId
                    + "/start");
        }
        return records.fired(claim.fireId(), execution.get());
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
}
