package io.mediapurge.purge.batch;

import static io.mediapurge.testing.SuiteSeed.ALPHA;
import static io.mediapurge.testing.SuiteSeed.BETA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.mediapurge.access.RamUser;
import io.mediapurge.devservices.DevelopmentOssEndpoint;
import io.mediapurge.devservices.Faults;
import io.mediapurge.devservices.OssEndpoint;
import io.mediapurge.devservices.OssOperation;
import io.mediapurge.purge.DeletionRequest;
import io.mediapurge.purge.PurgeSubmission;
import io.mediapurge.purge.SelectorType;
import io.mediapurge.purge.SubmissionSource;
import io.mediapurge.registry.FileRole;
import io.mediapurge.registry.MediaAsset;

import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;

/**
 * purge-media as an operator lives it, inside Payara Micro on PostgreSQL against the embedded OSS
 * endpoint: a mixed submission ends with exact outcomes and the right objects gone; an OSS outage
 * mid-run fails the execution with nothing lost, and a restart completes it without deleting
 * anything twice.
 */
@ExtendWith(ArquillianExtension.class)
class PurgeJobIT {

    @Inject
    PurgeJobs jobs;

    @Inject
    DevelopmentOssEndpoint development;

    @Inject
    ExecutionStats stats;

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Resource
    UserTransaction tx;

    @Test
    void aMixedSubmissionEndsWithExactOutcomes() throws Exception {
        OssEndpoint oss = development.endpoint().orElseThrow();
        oss.store().createBucket("alpha-media");
        oss.store().createBucket("alpha-job-ungranted");
        oss.store().createBucket("beta-media");
        List<String> selectors = new ArrayList<>();
        tx.begin();
        for (int i = 0; i < 30; i++) { // own, granted: deleted with both files
            selectors.add(asset(oss, ALPHA, "alpha-media", "job1/" + i, 2).getMediaId());
        }
        for (int i = 0; i < 3; i++) { // own, ungranted bucket: forbidden
            selectors.add(asset(oss, ALPHA, "alpha-job-ungranted", "job1/" + i, 1).getMediaId());
        }
        for (int i = 0; i < 4; i++) { // another account's: forbidden
            selectors.add(asset(oss, BETA, "beta-media", "job1/" + i, 1).getMediaId());
        }
        MediaAsset byUrl = asset(oss, ALPHA, "alpha-media", "job1/by-url", 1);
        MediaAsset tombstone = asset(oss, ALPHA, "alpha-media", "job1/tombstone", 1);
        tombstone.markDeleted(java.time.OffsetDateTime.now());
        selectors.add(tombstone.getMediaId());                       // ignored: already deleted
        selectors.add("f".repeat(32));                                 // ignored: unknown
        selectors.add("<script>alert(1)</script>");                    // ignored: malformed
        PurgeSubmission submission = submission(ALPHA + "/ops", true, false, selectors,
                List.of("https://alpha-media.oss-cn-shanghai.aliyuncs.com/job1/by-url/source.mp4", "oss://alpha-media/job1/none.mp4"));
        tx.commit();

        long deleteRequestsBefore = oss.counters().get(OssOperation.DELETE_MULTIPLE_OBJECTS);
        long execution = jobs.start(submission.getId(), false, 1);
        JobExecution done = await(execution);
        assertEquals(BatchStatus.COMPLETED, done.getBatchStatus());

        Map<String, Long> outcomes = outcomes(submission.getId());
        assertEquals(Map.of("DELETED", 31L, "FORBIDDEN", 7L, "IGNORED", 4L), outcomes, outcomes::toString);

        // The budget, measured on the wire (the suite runs with mediapurge.db.count-round-trips): at
        // most 3 round trips per chunk before its write, one DeleteMultipleObjects per bucket and chunk.
        ExecutionStats.Figures figures = stats.of(execution).orElseThrow();
        assertEquals(3, figures.chunks(), figures::toString);
        assertTrue(figures.maxReadRoundTrips() != null && figures.maxReadRoundTrips() >= 2 && figures.maxReadRoundTrips() <= 3,
                figures::toString);
        assertTrue(figures.dbRoundTrips() > 3 * figures.chunks(), "the writes and commits count too: " + figures);
        long deleteRequests = oss.counters().get(OssOperation.DELETE_MULTIPLE_OBJECTS) - deleteRequestsBefore;
        assertEquals(deleteRequests, figures.ossRequests(), figures::toString);
        assertTrue(deleteRequests <= figures.chunks(), "one bucket (alpha-media) per chunk: " + deleteRequests);
        assertTrue(figures.itemsPerSecond() > 0, figures::toString);
        assertEquals(Map.of("BUCKET_NOT_AUTHORIZED", 3L, "NOT_OWNER", 4L),
                reasons(submission.getId(), "FORBIDDEN"));
        assertEquals(List.of("job1/tombstone/source.mp4"), oss.store().objects("alpha-media").keySet().stream()
                .filter(k -> k.startsWith("job1/")).toList(), "every granted own file is gone, the tombstone's untouched");
        assertEquals(3, remainingOf(oss, "alpha-job-ungranted", "job1/"));
        assertTrue(oss.store().count("beta-media") >= 4);

        StepExecution step = BatchRuntime.getJobOperator().getStepExecutions(execution).get(0);
        assertEquals(42, metric(step, Metric.MetricType.READ_COUNT));
        assertEquals(42, metric(step, Metric.MetricType.WRITE_COUNT));
        long commits = metric(step, Metric.MetricType.COMMIT_COUNT);
        assertTrue(commits >= 3 && commits <= 4, "chunks of 20: 42 items in 3 chunks, got " + commits + " commits");
        assertEquals(List.of(31L, 4L, 7L, 0L, 42L), em.createNativeQuery("SELECT deleted_count, ignored_count, forbidden_count,"
                + " failed_count, read_count FROM purge_execution WHERE job_execution_id = ?1").setParameter(1, execution)
                .getResultList().stream().map(r -> java.util.Arrays.stream((Object[]) r).map(v -> ((Number) v).longValue()).toList())
                .findFirst().orElseThrow());
        assertEquals("COMPLETED", em.createNativeQuery("SELECT status FROM purge_submission WHERE id = ?1")
                .setParameter(1, submission.getId()).getSingleResult());
    }

    @Test
    void anOssOutageFailsTheRunAndARestartFinishesItWithoutRepeatingDeletions() throws Exception {
        OssEndpoint oss = development.endpoint().orElseThrow();
        oss.store().createBucket("alpha-media");
        List<String> selectors = new ArrayList<>();
        tx.begin();
        for (int i = 0; i < 100; i++) {
            selectors.add(asset(oss, ALPHA, "alpha-media", "job2/" + i, 1).getMediaId());
        }
        PurgeSubmission submission = submission(ALPHA + "/root", true, false, selectors, List.of());
        tx.commit();

        // Slow requests give the test time to cut OSS off in the middle of the run.
        oss.faults().latency(Duration.ofMillis(150));
        long first = jobs.start(submission.getId(), false, 1);
        awaitAtLeast(submission.getId(), "DELETED", 20);
        oss.faults().outage(Faults.Outage.REFUSE, Duration.ofSeconds(60));
        JobExecution failed = await(first);
        oss.faults().clear();
        assertEquals(BatchStatus.FAILED, failed.getBatchStatus());

        Map<String, Long> atFailure = outcomes(submission.getId());
        long deletedBefore = atFailure.getOrDefault("DELETED", 0L);
        long pendingAtFailure = atFailure.getOrDefault("PENDING", 0L);
        assertTrue(pendingAtFailure > 0, "the outage left requests pending: " + atFailure);
        assertEquals(100, deletedBefore + pendingAtFailure, "nothing FAILED, nothing lost: " + atFailure);

        long requestsBefore = oss.counters().get(OssOperation.DELETE_MULTIPLE_OBJECTS);
        long second = jobs.restart(first);
        assertEquals(BatchStatus.COMPLETED, await(second).getBatchStatus());
        assertEquals(Map.of("DELETED", 100L), outcomes(submission.getId()));
        // the restart's own figures are the restart's: what was left, not added to the failed run's
        assertEquals(pendingAtFailure, stats.of(second).orElseThrow().read(), "requests the restart read");
        assertEquals(pendingAtFailure, stats.of(second).orElseThrow().deleted(), "requests the restart deleted");
        assertEquals(deletedBefore, stats.of(first).orElseThrow().deleted(), "the failed run's figures stay its own");
        long chunksLeft = (pendingAtFailure + 19) / 20;
        assertEquals(chunksLeft, oss.counters().get(OssOperation.DELETE_MULTIPLE_OBJECTS) - requestsBefore,
                "only the pending requests' files were sent to OSS again, one request per chunk");
        assertEquals(0, remainingOf(oss, "alpha-media", "job2/"));
        assertFalse(jobs.executions(0, 50).isEmpty());
    }

    @Test
    void aStoppedRunEndsAfterItsChunkAndARestartFinishesIt() throws Exception {
        OssEndpoint oss = development.endpoint().orElseThrow();
        oss.store().createBucket("alpha-media");
        List<String> selectors = new ArrayList<>();
        tx.begin();
        for (int i = 0; i < 120; i++) {
            selectors.add(asset(oss, ALPHA, "alpha-media", "job3/" + i, 1).getMediaId());
        }
        PurgeSubmission submission = submission(ALPHA + "/root", true, false, selectors, List.of());
        tx.commit();

        oss.faults().latency(Duration.ofMillis(100));
        try {
            long first = jobs.start(submission.getId(), false, 1);
            awaitAtLeast(submission.getId(), "DELETED", 20);
            jobs.stop(first);
            assertEquals(BatchStatus.STOPPED, await(first).getBatchStatus());
            Map<String, Long> stopped = outcomes(submission.getId());
            assertTrue(stopped.getOrDefault("PENDING", 0L) > 0, "stopped before the end: " + stopped);
            // The batch runtime ends the chunk at the item it stopped on and commits it: every request
            // is DELETED or still PENDING, none half done; the rows claimed beyond it stay pending.
            assertEquals(120, stopped.getOrDefault("DELETED", 0L) + stopped.getOrDefault("PENDING", 0L), stopped::toString);
            assertEquals("STOPPED", em.createNativeQuery("SELECT status FROM purge_submission WHERE id = ?1")
                    .setParameter(1, submission.getId()).getSingleResult());

            long second = jobs.restart(first);
            assertEquals(BatchStatus.COMPLETED, await(second).getBatchStatus());
            assertEquals(Map.of("DELETED", 120L), outcomes(submission.getId()));

            PurgeJobs.Refused refused = org.junit.jupiter.api.Assertions.assertThrows(PurgeJobs.Refused.class,
                    () -> jobs.restart(second));
            assertFalse(refused.unknown(), "a completed run exists but may not be restarted (409)");
            assertTrue(org.junit.jupiter.api.Assertions.assertThrows(PurgeJobs.Refused.class,
                    () -> jobs.restart(987654321L)).unknown(), "an unknown execution is 404");
        } finally {
            oss.faults().clear();
        }
    }

    @Test
    void aChunkCostsFiveRoundTripsAndItsCheckpointsAreWrittenOnce() throws Exception {
        OssEndpoint oss = development.endpoint().orElseThrow();
        oss.store().createBucket("alpha-media");
        List<String> selectors = new ArrayList<>();
        tx.begin();
        for (int i = 0; i < 200; i++) {
            selectors.add(asset(oss, ALPHA, "alpha-media", "job6/" + i, 1).getMediaId());
        }
        PurgeSubmission submission = submission(ALPHA + "/root", true, false, selectors, List.of());
        tx.commit();
        List<String> before = checkpointIds();

        long execution = jobs.start(submission.getId(), false, 1);
        assertEquals(BatchStatus.COMPLETED, await(execution).getBatchStatus());
        assertEquals(Map.of("DELETED", 200L), outcomes(submission.getId()));

        // On the wire, per chunk: claim, registry (its assets' rows locked as they are read), the
        // chunk's record, the job repository's checkpoints and step status (one statement,
        // io.mediapurge.launcher.jobstore), commit. Payara's own repository took five round trips
        // where that one statement is; the assets' locks were a statement of their own before.
        ExecutionStats.Figures figures = stats.of(execution).orElseThrow();
        assertEquals(10, figures.chunks(), figures::toString);
        assertTrue(figures.dbRoundTrips() <= 6 * figures.chunks() + 3, "at most 6 a chunk: " + figures);
        // the reader's cache fills (the submission, the requester, the owners' grants) are counted apart,
        // and without them every chunk costs 6 at most, the first one included
        assertTrue(figures.warmUpRoundTrips() >= 3, "the reader filled its caches: " + figures);
        assertTrue(figures.dbRoundTrips() - figures.warmUpRoundTrips() <= 6 * figures.chunks(), "6 a chunk: " + figures);
        assertTrue(figures.dbRoundTrips() - figures.warmUpRoundTrips() <= 5 * figures.chunks(), "5 a chunk: " + figures);

        // one row per checkpoint of the run's partition (the reader's, the writer's), updated in place
        // chunk after chunk, never a second row for the same checkpoint
        List<String> after = checkpointIds();
        List<String> added = after.stream().filter(id -> !before.contains(id)).toList();
        assertEquals(2, added.size(), added::toString);
        String partition = added.get(0).substring(0, added.get(0).indexOf(','));
        assertEquals(List.of(partition + ",purge,READER", partition + ",purge,WRITER"), added);
        assertEquals(after.size(), after.stream().distinct().count(), "no checkpoint has two rows: " + after);
    }

    @SuppressWarnings("unchecked")
    private List<String> checkpointIds() {
        return em.createNativeQuery("SELECT id FROM jbatchcheckpointdata ORDER BY id").getResultList();
    }

    @Test
    void aDryRunSaysWhatWouldGoAndTouchesNothing() throws Exception {
        OssEndpoint oss = development.endpoint().orElseThrow();
        oss.store().createBucket("alpha-media");
        oss.store().createBucket("alpha-dry-ungranted");
        List<String> selectors = new ArrayList<>();
        tx.begin();
        for (int i = 0; i < 5; i++) {
            selectors.add(asset(oss, ALPHA, "alpha-media", "job4/" + i, 2).getMediaId());
        }
        selectors.add(asset(oss, ALPHA, "alpha-dry-ungranted", "job4/x", 1).getMediaId());
        PurgeSubmission submission = submission(ALPHA + "/root", true, true, selectors, List.of());
        tx.commit();

        long requestsBefore = oss.counters().get(OssOperation.DELETE_MULTIPLE_OBJECTS);
        assertEquals(BatchStatus.COMPLETED, await(jobs.start(submission.getId(), true, 1)).getBatchStatus());
        assertEquals(Map.of("FORBIDDEN", 1L, "WOULD_DELETE", 5L), outcomes(submission.getId()));
        assertEquals(10, remainingOf(oss, "alpha-media", "job4/"));
        assertEquals(requestsBefore, oss.counters().get(OssOperation.DELETE_MULTIPLE_OBJECTS), "nothing sent to OSS");
        assertEquals(0L, ((Number) em.createNativeQuery("SELECT COUNT(*) FROM media_asset WHERE status = 'Deleted'"
                + " AND input_url LIKE 'oss://alpha-media/job4/%'").getSingleResult()).longValue());
    }

    /** Four partitions, and a second execution over the same queue: every request decided exactly once. */
    @Test
    void partitionsAndConcurrentExecutionsNeverTakeTheSameRequest() throws Exception {
        OssEndpoint oss = development.endpoint().orElseThrow();
        oss.store().createBucket("alpha-media");
        List<String> selectors = new ArrayList<>();
        tx.begin();
        for (int i = 0; i < 200; i++) {
            selectors.add(asset(oss, ALPHA, "alpha-media", "job5/" + i, 1).getMediaId());
        }
        PurgeSubmission submission = submission(ALPHA + "/root", true, false, selectors, List.of());
        tx.commit();

        oss.faults().latency(Duration.ofMillis(20));
        try {
            long partitioned = jobs.start(submission.getId(), false, 4);
            long concurrent = jobs.start(submission.getId(), false, 1);
            assertEquals(BatchStatus.COMPLETED, await(partitioned).getBatchStatus());
            assertEquals(BatchStatus.COMPLETED, await(concurrent).getBatchStatus());
        } finally {
            oss.faults().clear();
        }
        assertEquals(Map.of("DELETED", 200L), outcomes(submission.getId()));
        long counted = 0;
        for (Object row : em.createNativeQuery("SELECT SUM(read_count) FROM purge_execution pe WHERE pe.submission_id = ?1")
                .setParameter(1, submission.getId()).getResultList()) {
            counted += ((Number) row).longValue();
        }
        assertEquals(200, counted, "the executions read 200 requests between them, none twice");
        assertEquals(0, remainingOf(oss, "alpha-media", "job5/"));
    }

    private MediaAsset asset(OssEndpoint oss, String owner, String bucket, String prefix, int files) {
        MediaAsset asset = new MediaAsset(MediaAsset.newMediaId(), owner, "cn-shanghai", "oss://" + bucket + "/" + prefix + "/source.mp4", "video");
        for (int f = 0; f < files; f++) {
            String key = prefix + (f == 0 ? "/source.mp4" : "/derived-" + f + ".mp4");
            oss.store().put(bucket, key, new byte[10], "video/mp4", Map.of());
            asset.addFile(bucket, key, f == 0 ? FileRole.SOURCE : FileRole.TRANSCODE, 10L);
        }
        em.persist(asset);
        return asset;
    }

    private PurgeSubmission submission(String requesterRef, boolean physical, boolean dryRun, List<String> mediaIds, List<String> urls) {
        String[] ref = requesterRef.split("/");
        RamUser user = em.createQuery("SELECT u FROM RamUser u WHERE u.account.uid = :uid AND u.name = :name", RamUser.class)
                .setParameter("uid", ref[0]).setParameter("name", ref[1]).getSingleResult();
        PurgeSubmission submission = new PurgeSubmission(SubmissionSource.REST, user, requesterRef, physical, dryRun);
        em.persist(submission);
        mediaIds.forEach(id -> em.persist(new DeletionRequest(submission, id, SelectorType.MEDIA_ID)));
        urls.forEach(url -> em.persist(new DeletionRequest(submission, url, SelectorType.URL)));
        submission.received(mediaIds.size() + urls.size());
        return submission;
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

    private Map<String, Long> reasons(long submissionId, String outcome) {
        Map<String, Long> counts = new TreeMap<>();
        for (Object row : em.createNativeQuery("SELECT reason, COUNT(*) FROM deletion_request WHERE submission_id = ?1 AND outcome = ?2 GROUP BY reason")
                .setParameter(1, submissionId).setParameter(2, outcome).getResultList()) {
            Object[] r = (Object[]) row;
            counts.put((String) r[0], ((Number) r[1]).longValue());
        }
        return counts;
    }

    private static long remainingOf(OssEndpoint oss, String bucket, String prefix) {
        return oss.store().objects(bucket).keySet().stream().filter(k -> k.startsWith(prefix)).count();
    }

    private static long metric(StepExecution step, Metric.MetricType type) {
        for (Metric m : step.getMetrics()) {
            if (m.getType() == type) {
                return m.getValue();
            }
        }
        return -1;
    }

    private JobExecution await(long executionId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        JobExecution execution = jobs.execution(executionId);
        while (!isDone(execution.getBatchStatus()) && Instant.now().isBefore(deadline)) {
            TimeUnit.MILLISECONDS.sleep(100);
            execution = jobs.execution(executionId);
        }
        return execution;
    }

    private void awaitAtLeast(long submissionId, String outcome, long count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (outcomes(submissionId).getOrDefault(outcome, 0L) < count && Instant.now().isBefore(deadline)) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static boolean isDone(BatchStatus status) {
        return status == BatchStatus.COMPLETED || status == BatchStatus.FAILED || status == BatchStatus.STOPPED
                || status == BatchStatus.ABANDONED;
    }
}
