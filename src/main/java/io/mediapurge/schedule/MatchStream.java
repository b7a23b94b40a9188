package io.mediapurge.schedule;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

import io.mediapurge.purge.Selector;

/**
 * A rule's matches as selectors, read a page at a time (the fire's lease renewed before each page),
 * up to the rule's cap. The age bound is taken from the fire time, so a fire made again after a
 * takeover selects the same assets.
 */
final class MatchStream implements Supplier<Selector> {

    private final RuleFiring firing;
    private final FireClaims claims;
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
    private boolean capped;

    /** {@code firing} reads the pages (each in a transaction of its own), {@code claims} renews the lease. */
    MatchStream(RuleFiring firing, FireClaims claims, FireClaims.Claim claim, PurgeRule rule, Instant now) {
        this.firing = firing;
        this.claims = claims;
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

    /** Whether more assets matched than the rule's cap let into the submission. */
    boolean capped() {
        return capped;
    }

    @Override
    public Selector get() {
        if (matched >= cap) {
            capped = capped || !firing.page(selection, registeredBefore, after, 1).isEmpty();
            return null;
        }
        if (!page.hasNext() && !exhausted) {
            claims.renew(fireId, now());
            List<RuleMatches.Match> rows = firing.page(selection, registeredBefore, after, RuleMatches.PAGE_SIZE);
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
