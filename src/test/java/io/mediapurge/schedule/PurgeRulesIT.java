package io.mediapurge.schedule;

import static io.mediapurge.testing.SuiteSeed.ALPHA;
import static io.mediapurge.testing.SuiteSeed.BETA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.mediapurge.access.PrincipalRef;
import io.mediapurge.devservices.DevelopmentOssEndpoint;
import io.mediapurge.devservices.OssEndpoint;
import io.mediapurge.purge.SubmissionSource;
import io.mediapurge.purge.SubmissionIntake;
import io.mediapurge.purge.Submissions;
import io.mediapurge.purge.batch.PurgeJobs;
import io.mediapurge.registry.FileRole;
import io.mediapurge.registry.MediaAsset;

import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;

/**
 * Purge rules firing inside Payara Micro on PostgreSQL, driven by the test's own clock (each poll
 * is given the instant it treats as now; the rules' cron fire times are far from the real clock,
 * so the server's own timer never fires them): one submission per fire with exactly the matching
 * assets, its run deleting their files; the cap; a skipped fire while the previous run is going;
 * a disabled rule; missed fires after a restart; and each fire time claimed once, by one poller of
 * several, or by the server that takes over a dead server's claim.
 */
@ExtendWith(ArquillianExtension.class)
class PurgeRulesIT {

    /** At 03:00 on the 1st of January, Shanghai time: the real clock never reaches it during a test run. */
    static final String NEW_YEAR = "0 3 1 1 *";

    @Inject
    Rules rules;

    @Inject
    RuleFiring firing;

    @Inject
    FireClaims claims;

    @Inject
    FireRecords records;

    @Inject
    PurgeJobs jobs;

    @Inject
    Submissions submissions;

    @Inject
    SubmissionIntake intake;

    @Inject
    DevelopmentOssEndpoint development;

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Resource
    UserTransaction tx;

    @Resource
    ManagedExecutorService executor;

    /** Rules of a finished test must not fire when a later test polls at a far-off instant. */
    @AfterEach
    void switchOffThisTestsRules() throws Exception {
        tx.begin();
        em.createNativeQuery("UPDATE purge_rule SET enabled = FALSE, next_fire_at = NULL WHERE created_by = 'test'").executeUpdate();
        tx.commit();
    }

    @Test
    void aFireMakesOneSubmissionOfExactlyTheMatchingAssetsAndItsRunDeletesTheirFiles() throws Exception {
        OssEndpoint oss = development.endpoint().orElseThrow();
        oss.store().createBucket("alpha-media");
        oss.store().createBucket("alpha-archive");
        oss.store().createBucket("beta-media");
        tx.begin();
        List<String> wanted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            wanted.add(asset(oss, ALPHA, "alpha-media", "rule1/raw/old-" + i, "video", 200).getMediaId());
        }
        List<String> others = new ArrayList<>();
        others.add(asset(oss, ALPHA, "alpha-media", "rule1/raw/young-0", "video", 10).getMediaId());   // too young
        others.add(asset(oss, ALPHA, "alpha-media", "rule1/keep/old-0", "video", 200).getMediaId());   // other prefix
        others.add(asset(oss, ALPHA, "alpha-archive", "rule1/raw/old-0", "video", 200).getMediaId());  // other bucket
        others.add(asset(oss, ALPHA, "alpha-media", "rule1/raw/audio-0", "audio", 200).getMediaId());  // other media type
        others.add(asset(oss, BETA, "beta-media", "rule1/raw/old-0", "video", 200).getMediaId());      // other account
        tx.commit();
        Rules.RuleView rule = rules.create(ALPHA, "test", definition("raw-older-than-180-days", "alpha-media", "rule1/raw/", 180,
                true, false, null, NEW_YEAR, MissedFires.RUN_ONCE, true));
        Instant fireTime = rule.nextFireAt().toInstant();

        List<RuleFiring.Fired> fired = ofRule(rule.id(), firing.poll(fireTime.plusSeconds(3)));
        // 1. one fire, one submission of exactly the five matching assets
        assertEquals(1, fired.size(), fired::toString);
        RuleFiring.Fired fire = fired.get(0);
        assertEquals(RuleFire.State.FIRED, fire.state(), fire::toString);
        assertEquals(5, fire.matched());
        assertFalse(fire.capped());
        assertEquals(Set.copyOf(wanted), selectors(fire.submissionId()));
        assertEquals("RULE", em.createNativeQuery("SELECT source FROM purge_submission WHERE id = ?1")
                .setParameter(1, fire.submissionId()).getSingleResult());
        // 2. polling again at the same instant fires nothing: the fire time is claimed
        assertEquals(List.of(), ofRule(rule.id(), firing.poll(fireTime.plusSeconds(4))));
        // 3. the run completes as the rule's RAM user, and the matching assets' files are gone, nothing else's
        assertEquals(BatchStatus.COMPLETED, await(fire.jobExecutionId()).getBatchStatus());
        assertEquals(Map.of("DELETED", 5L), outcomes(fire.submissionId()));
        assertEquals(ALPHA + "/root", submissions.find(fire.submissionId(), ALPHA).orElseThrow().requester());
        for (int i = 0; i < 5; i++) {
            assertTrue(oss.store().find("alpha-media", "rule1/raw/old-" + i + "/source.mp4").isEmpty());
        }
        assertTrue(oss.store().find("alpha-media", "rule1/raw/young-0/source.mp4").isPresent());
        assertTrue(oss.store().find("alpha-media", "rule1/keep/old-0/source.mp4").isPresent());
        assertTrue(oss.store().find("alpha-archive", "rule1/raw/old-0/source.mp4").isPresent());
        assertTrue(oss.store().find("beta-media", "rule1/raw/old-0/source.mp4").isPresent());
        assertEquals(0L, ((Number) em.createNativeQuery("SELECT COUNT(*) FROM media_asset WHERE status = 'Normal' AND media_id IN ("
                + quoted(wanted) + ")").getSingleResult()).longValue());
        assertEquals(others.size(), ((Number) em.createNativeQuery("SELECT COUNT(*) FROM media_asset WHERE status = 'Normal'"
                + " AND media_id IN (" + quoted(others) + ")").getSingleResult()).longValue());
        // 4. the fire is in the rule's history, and the rule waits for its next fire time
        List<Rules.FireView> history = rules.fires(rule.id(), ALPHA, 10).orElseThrow();
        assertEquals(1, history.size());
        assertEquals(fire.submissionId(), history.get(0).submissionId());
        assertEquals(5L, history.get(0).matched());
        assertTrue(rules.find(rule.id(), ALPHA).orElseThrow().nextFireAt().toInstant().isAfter(fireTime.plusSeconds(4)));
    }

    @Test
    void theCapLimitsAFireAndAFireWhileThePreviousRunIsGoingIsSkipped() throws Exception {
        OssEndpoint oss = development.endpoint().orElseThrow();
        oss.store().createBucket("alpha-media");
        tx.begin();
        for (int i = 0; i < 3; i++) {
            asset(oss, ALPHA, "alpha-media", "rule2/" + i, "video", 30);
        }
        tx.commit();
        Rules.RuleView rule = rules.create(ALPHA, "test", definition("capped-dry-run", "alpha-media", "rule2/", null, false, true,
                2L, NEW_YEAR, MissedFires.RUN_ONCE, true));
        Instant first = rule.nextFireAt().toInstant();
        RuleFiring.Fired fire = single(rule.id(), firing.poll(first.plusSeconds(1)));
        // 1. two of the three, and the fire says it was capped
        assertEquals(2, fire.matched());
        assertTrue(fire.capped());
        assertEquals(2, selectors(fire.submissionId()).size());
        assertEquals(BatchStatus.COMPLETED, await(fire.jobExecutionId()).getBatchStatus());
        assertEquals(Map.of("WOULD_DELETE", 2L), outcomes(fire.submissionId()));

        // 2. while that submission is still running (as a long run would be), the next fire is skipped, with the reason
        setStatus(fire.submissionId(), "RUNNING");
        try {
            Instant second = rules.find(rule.id(), ALPHA).orElseThrow().nextFireAt().toInstant();
            RuleFiring.Fired skipped = single(rule.id(), firing.poll(second.plusSeconds(1)));
            assertEquals(RuleFire.State.SKIPPED, skipped.state());
            assertTrue(skipped.reason().contains("submission " + fire.submissionId() + " is still RUNNING"), skipped.reason());
            Rules.FireView recorded = rules.fires(rule.id(), ALPHA, 10).orElseThrow().get(0);
            assertTrue(recorded.skipped());
            assertNull(recorded.submissionId());
        } finally {
            setStatus(fire.submissionId(), "COMPLETED");
        }
    }

    @Test
    void aDisabledRuleDoesNotFire() throws Exception {
        Rules.RuleView rule = rules.create(ALPHA, "test", definition("disabled", "alpha-media", "rule3/", 1, false, true, null,
                "* * * * *", MissedFires.RUN_ONCE, false));
        assertNull(rule.nextFireAt());
        Instant later = Instant.now().plus(Duration.ofDays(400));
        assertEquals(List.of(), ofRule(rule.id(), firing.poll(later)));
        assertEquals(List.of(), rules.fires(rule.id(), ALPHA, 10).orElseThrow());
        // switched on, it plans its next fire; switched off again, it has none
        assertNotNull(rules.enable(rule.id(), ALPHA, true).orElseThrow().nextFireAt());
        assertNull(rules.enable(rule.id(), ALPHA, false).orElseThrow().nextFireAt());
        assertEquals(List.of(), ofRule(rule.id(), firing.poll(later.plusSeconds(60))));
    }

    /** After every server was down for ten days: RUN_ONCE fires once for all of them, SKIP records one skipped fire. */
    @Test
    void missedFiresAfterARestartFollowTheRulesPolicy() throws Exception {
        Instant restart = Instant.parse("2027-03-10T00:00:30Z");
        Rules.RuleView once = rules.create(ALPHA, "test", definition("missed-run-once", "alpha-media", "rule4/", 1, false, true,
                null, "0 3 * * *", MissedFires.RUN_ONCE, true));
        Rules.RuleView skip = rules.create(ALPHA, "test", definition("missed-skip", "alpha-media", "rule4/", 1, false, true,
                null, "0 3 * * *", MissedFires.SKIP, true));
        // What a restart finds: the next fire time the servers had planned lies ten fire times in the past.
        for (long id : List.of(once.id(), skip.id())) {
            tx.begin();
            em.createNativeQuery("UPDATE purge_rule SET next_fire_at = ?1 WHERE id = ?2")
                    .setParameter(1, OffsetDateTime.parse("2027-02-28T19:00:00Z")).setParameter(2, id).executeUpdate();
            tx.commit();
        }
        List<RuleFiring.Fired> fired = firing.poll(restart);
        // 1. RUN_ONCE: one fire, at the last missed fire time (nothing matches rule4/, so no submission)
        RuleFiring.Fired ran = single(once.id(), fired);
        assertEquals(RuleFire.State.FIRED, ran.state(), ran::toString);
        assertEquals(OffsetDateTime.parse("2027-03-09T19:00:00Z").toInstant(),
                rules.fires(once.id(), ALPHA, 10).orElseThrow().get(0).scheduledAt().toInstant());
        // 2. SKIP: one skipped fire saying so
        RuleFiring.Fired skipped = single(skip.id(), fired);
        assertEquals(RuleFire.State.SKIPPED, skipped.state());
        assertTrue(skipped.reason().contains("10 fire times") && skipped.reason().contains("SKIP"), skipped.reason());
        // 3. both wait for their next fire time after the restart, and nothing more fires now
        for (long id : List.of(once.id(), skip.id())) {
            assertEquals(OffsetDateTime.parse("2027-03-10T19:00:00Z").toInstant(),
                    rules.find(id, ALPHA).orElseThrow().nextFireAt().toInstant());
            assertEquals(1, rules.fires(id, ALPHA, 10).orElseThrow().size());
        }
        assertEquals(List.of(), ofRule(once.id(), firing.poll(restart.plusSeconds(5))));
    }

    /** Four servers' pollers (threads here) poll at once over five fire times: each fire time is fired exactly once. */
    @Test
    void concurrentPollersFireEachFireTimeOnce() throws Exception {
        Rules.RuleView rule = rules.create(ALPHA, "test", definition("raced", "alpha-media", "rule5/", 1, false, true, null,
                NEW_YEAR, MissedFires.RUN_ONCE, true));
        for (int round = 0; round < 5; round++) {
            Instant due = rules.find(rule.id(), ALPHA).orElseThrow().nextFireAt().toInstant().plusSeconds(1);
            List<Future<List<RuleFiring.Fired>>> polls = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                polls.add(executor.submit((Callable<List<RuleFiring.Fired>>) () -> ofRule(rule.id(), firing.poll(due))));
            }
            int fires = 0;
            for (Future<List<RuleFiring.Fired>> poll : polls) {
                fires += poll.get(120, TimeUnit.SECONDS).size();
            }
            assertEquals(1, fires, "round " + round);
        }
        List<Rules.FireView> history = rules.fires(rule.id(), ALPHA, 10).orElseThrow();
        assertEquals(5, history.size());
        assertEquals(5, history.stream().map(Rules.FireView::scheduledAt).distinct().count());
    }

    /**
     * A server died while making a fire's submission (its claim CLAIMED, a half-made submission left):
     * once its lease has run out, the next poll takes the fire over, drops the leftover and fires it once.
     */
    @Test
    void aDeadServersFireIsTakenOverAfterItsLeaseAndFiredOnce() throws Exception {
        OssEndpoint oss = development.endpoint().orElseThrow();
        oss.store().createBucket("alpha-media");
        tx.begin();
        String media = asset(oss, ALPHA, "alpha-media", "rule6/0", "video", 30).getMediaId();
        tx.commit();
        Rules.RuleView rule = rules.create(ALPHA, "test", definition("taken-over", "alpha-media", "rule6/", null, false, true, 10L,
                NEW_YEAR, MissedFires.RUN_ONCE, true));
        Instant due = rule.nextFireAt().toInstant();
        FireClaims.Claim claim = claims.claimDue(rule.id(), due, new ArrayList<>()).orElseThrow();
        long leftover = intake.open(new SubmissionIntake.Request(SubmissionSource.RULE, new PrincipalRef(ALPHA, "root"), "dead",
                false, true), id -> records.link(id, rule.id(), claim.fireId()));
        tx.begin();
        em.createNativeQuery("UPDATE rule_fire SET server = 'dead-server' WHERE id = ?1").setParameter(1, claim.fireId())
                .executeUpdate();
        tx.commit();

        // 1. within the lease nobody takes it
        assertEquals(List.of(), ofRule(rule.id(), firing.poll(due.plusSeconds(30))));
        // 2. after it, one poll takes it over and fires it; the leftover submission is gone
        RuleFiring.Fired fire = single(rule.id(), firing.poll(due.plusSeconds(120)));
        assertEquals(RuleFire.State.FIRED, fire.state(), fire::toString);
        assertEquals(claim.fireId(), fire.fireId());
        assertEquals(Set.of(media), selectors(fire.submissionId()));
        assertEquals(0L, ((Number) em.createNativeQuery("SELECT COUNT(*) FROM purge_submission WHERE id = ?1")
                .setParameter(1, leftover).getSingleResult()).longValue());
        Rules.FireView recorded = rules.fires(rule.id(), ALPHA, 10).orElseThrow().get(0);
        assertEquals(2, recorded.attempts());
        assertEquals(1, rules.fires(rule.id(), ALPHA, 10).orElseThrow().size());
        assertEquals(BatchStatus.COMPLETED, await(fire.jobExecutionId()).getBatchStatus());
        // 3. and nothing fires it again
        assertEquals(List.of(), ofRule(rule.id(), firing.poll(due.plusSeconds(400))));
    }

    static RuleDefinition definition(String name, String bucket, String prefix, Integer olderThanDays, boolean physical,
            boolean dryRun, Long maxItems, String cron, MissedFires missed, boolean enabled) {
        return new RuleDefinition(name + "-" + System.nanoTime(), ALPHA + "/root", cron, "Asia/Shanghai",
                new RuleSelection(ALPHA, bucket, prefix, "video", null, olderThanDays), physical, dryRun, maxItems, 1, enabled, missed);
    }

    private static List<RuleFiring.Fired> ofRule(long ruleId, List<RuleFiring.Fired> fired) {
        return fired.stream().filter(f -> f.ruleId() == ruleId).toList();
    }

    private static RuleFiring.Fired single(long ruleId, List<RuleFiring.Fired> fired) {
        List<RuleFiring.Fired> mine = ofRule(ruleId, fired);
        assertEquals(1, mine.size(), fired::toString);
        return mine.get(0);
    }

    private MediaAsset asset(OssEndpoint oss, String owner, String bucket, String prefix, String mediaType, int ageDays) {
        MediaAsset asset = new MediaAsset(MediaAsset.newMediaId(), owner, "cn-shanghai", "oss://" + bucket + "/" + prefix + "/source.mp4",
                mediaType);
        oss.store().put(bucket, prefix + "/source.mp4", new byte[10], "video/mp4", Map.of());
        asset.addFile(bucket, prefix + "/source.mp4", FileRole.SOURCE, 10L);
        em.persist(asset);
        em.flush();
        em.createNativeQuery("UPDATE media_asset SET created_at = ?1 WHERE id = ?2")
                .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC).minusDays(ageDays)).setParameter(2, asset.getId()).executeUpdate();
        return asset;
    }

    private void setStatus(long submissionId, String status) throws Exception {
        tx.begin();
        em.createNativeQuery("UPDATE purge_submission SET status = ?1 WHERE id = ?2").setParameter(1, status)
                .setParameter(2, submissionId).executeUpdate();
        tx.commit();
    }

    private Set<String> selectors(long submissionId) {
        Set<String> selectors = new HashSet<>();
        for (Object s : em.createNativeQuery("SELECT selector FROM deletion_request WHERE submission_id = ?1")
                .setParameter(1, submissionId).getResultList()) {
            selectors.add((String) s);
        }
        return selectors;
    }

    private Map<String, Long> outcomes(long submissionId) {
        Map<String, Long> counts = new TreeMap<>();
        for (Object row : em.createNativeQuery("SELECT outcome, COUNT(*) FROM deletion_request WHERE submission_id = ?1 GROUP BY outcome")
                .setParameter(1, submissionId).getResultList()) {
            Object[] r = (Object[]) row;
            counts.put((String) r[0], ((Number) r[1]).longValue());
        }
        return counts;
    }

    private static String quoted(List<String> ids) {
        return String.join(",", ids.stream().map(id -> "'" + id + "'").toList());
    }

    private JobExecution await(long executionId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        JobExecution execution = jobs.execution(executionId);
        while (!Set.of(BatchStatus.COMPLETED, BatchStatus.FAILED, BatchStatus.STOPPED, BatchStatus.ABANDONED)
                .contains(execution.getBatchStatus()) && Instant.now().isBefore(deadline)) {
            TimeUnit.MILLISECONDS.sleep(100);
            execution = jobs.execution(executionId);
        }
        return execution;
    }
}
