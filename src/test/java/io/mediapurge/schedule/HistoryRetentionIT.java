package io.mediapurge.schedule;

import static io.mediapurge.testing.SuiteSeed.ALPHA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.mediapurge.access.RamUser;
import io.mediapurge.cluster.ServerInstance;
import io.mediapurge.devservices.DevelopmentOssEndpoint;
import io.mediapurge.devservices.OssEndpoint;
import io.mediapurge.purge.DeletionRequest;
import io.mediapurge.purge.PurgeSubmission;
import io.mediapurge.purge.SelectorType;
import io.mediapurge.purge.SubmissionSource;
import io.mediapurge.purge.Submissions;
import io.mediapurge.purge.batch.PurgeJobs;
import io.mediapurge.registry.FileRole;
import io.mediapurge.registry.MediaAsset;

import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchStatus;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;

/**
 * History retention (90 days here, the default) on PostgreSQL with real purge-media runs: an old
 * completed submission goes with its items, its run (our figures and the batch runtime's rows)
 * and nothing else; a recent one, an old one whose run could still be restarted, and an old one
 * never started all stay; the deleted asset's tombstone stays; a long-gone server's row goes, this
 * server's stays; and while another server holds the task's lease, nothing is swept here.
 */
@ExtendWith(ArquillianExtension.class)
class HistoryRetentionIT {

    @Inject
    HistoryRetention retention;

    @Inject
    PurgeJobs jobs;

    @Inject
    Submissions submissions;

    @Inject
    DevelopmentOssEndpoint development;

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Resource
    UserTransaction tx;

    @Test
    void onlyOldHistoryOfRunsOverForGoodIsRemoved() throws Exception {
        OssEndpoint oss = development.endpoint().orElseThrow();
        oss.store().createBucket("alpha-media");
        OffsetDateTime old = OffsetDateTime.now(ZoneOffset.UTC).minusDays(100);

        long oldDone = completedRun(oss, "retention/old-done");
        long recentDone = completedRun(oss, "retention/recent-done");
        long oldRestartable = completedRun(oss, "retention/old-restartable");
        long oldPending = pending();
        long oldDoneExecution = executionOf(oldDone);
        long oldDoneInstance = ((Number) em.createNativeQuery("SELECT jobinstanceid FROM jbatchexecutioninstancedata WHERE jobexecid = ?1")
                .setParameter(1, oldDoneExecution).getSingleResult()).longValue();
        String tombstone = (String) em.createNativeQuery("SELECT media_id FROM deletion_request WHERE submission_id = ?1")
                .setParameter(1, oldDone).getSingleResult();
        tx.begin();
        for (long id : new long[] {oldDone, oldRestartable, oldPending}) {
            em.createNativeQuery("UPDATE purge_submission SET created_at = ?1 WHERE id = ?2").setParameter(1, old).setParameter(2, id)
                    .executeUpdate();
            em.createNativeQuery("UPDATE purge_submission SET completed_at = ?1 WHERE id = ?2 AND completed_at IS NOT NULL")
                    .setParameter(1, old).setParameter(2, id).executeUpdate();
            em.createNativeQuery("UPDATE purge_execution SET started_at = ?1, ended_at = ?1 WHERE submission_id = ?2")
                    .setParameter(1, old).setParameter(2, id).executeUpdate();
        }
        // As a run that failed would be: FAILED in the batch runtime, so JobOperator.restart would take it.
        em.createNativeQuery("UPDATE jbatchexecutioninstancedata SET batchstatus = 'FAILED' WHERE jobexecid = ?1")
                .setParameter(1, executionOf(oldRestartable)).executeUpdate();
        em.createNativeQuery("UPDATE purge_submission SET status = 'FAILED' WHERE id = ?1").setParameter(1, oldRestartable)
                .executeUpdate();
        em.createNativeQuery("INSERT INTO server_instance (instance_id, host, started_at, heartbeat_at) VALUES"
                + " ('long-gone', 'nowhere', ?1, ?1)").setParameter(1, old).executeUpdate();
        tx.commit();

        // 1. while another server holds the task, this one sweeps nothing
        setLease("another-server", Instant.now().plus(Duration.ofHours(1)));
        assertEquals(new HistoryRetention.Swept(0, 0, 0, 0, 0), retention.sweep(Instant.now(), Duration.ofMinutes(5)));
        assertEquals(1L, count("SELECT COUNT(*) FROM purge_submission WHERE id = ?1", oldDone));

        // 2. once its lease has run out, this server sweeps: the old completed submission and the gone server only
        setLease("another-server", Instant.now().minusSeconds(1));
        HistoryRetention.Swept swept = retention.sweep(Instant.now(), Duration.ofMinutes(5));
        assertTrue(swept.submissions() >= 1 && swept.servers() >= 1, swept::toString);
        assertEquals(0L, count("SELECT COUNT(*) FROM purge_submission WHERE id = ?1", oldDone));
        assertEquals(0L, count("SELECT COUNT(*) FROM deletion_request WHERE submission_id = ?1", oldDone));
        assertEquals(0L, count("SELECT COUNT(*) FROM purge_execution WHERE job_execution_id = ?1", oldDoneExecution));
        assertEquals(0L, count("SELECT COUNT(*) FROM purge_submission_execution WHERE job_execution_id = ?1", oldDoneExecution));
        assertEquals(0L, count("SELECT COUNT(*) FROM jbatchexecutioninstancedata WHERE jobexecid = ?1", oldDoneExecution));
        assertEquals(0L, count("SELECT COUNT(*) FROM jbatchstepexecutioninstancedata WHERE jobexecid = ?1", oldDoneExecution));
        assertEquals(0L, count("SELECT COUNT(*) FROM jbatchjobinstancedata WHERE jobinstanceid = ?1", oldDoneInstance));
        assertEquals(0L, count("SELECT COUNT(*) FROM jbatchjobstatus WHERE id = ?1", oldDoneInstance));
        assertEquals(0L, ((Number) em.createNativeQuery("SELECT COUNT(*) FROM jbatchcheckpointdata WHERE id LIKE ?1")
                .setParameter(1, oldDoneInstance + ",%").getSingleResult()).longValue());
        assertEquals(0L, ((Number) em.createNativeQuery("SELECT COUNT(*) FROM server_instance WHERE instance_id = 'long-gone'")
                .getSingleResult()).longValue());
        // 3. what stays: the tombstone, the recent run, the restartable run, the never-started submission, this server
        assertEquals("Deleted", em.createNativeQuery("SELECT status FROM media_asset WHERE media_id = ?1").setParameter(1, tombstone)
                .getSingleResult());
        for (long kept : new long[] {recentDone, oldRestartable, oldPending}) {
            assertEquals(1L, count("SELECT COUNT(*) FROM purge_submission WHERE id = ?1", kept), "submission " + kept);
            assertEquals(1L, count("SELECT COUNT(*) FROM deletion_request WHERE submission_id = ?1", kept), "items of " + kept);
        }
        assertEquals(1L, count("SELECT COUNT(*) FROM jbatchexecutioninstancedata WHERE jobexecid = ?1", executionOf(oldRestartable)));
        assertEquals(1L, count("SELECT COUNT(*) FROM jbatchexecutioninstancedata WHERE jobexecid = ?1", executionOf(recentDone)));
        assertEquals(1L, ((Number) em.createNativeQuery("SELECT COUNT(*) FROM server_instance WHERE instance_id = ?1")
                .setParameter(1, ServerInstance.ID).getSingleResult()).longValue());
    }

    private long completedRun(OssEndpoint oss, String key) throws Exception {
        tx.begin();
        MediaAsset asset = new MediaAsset(MediaAsset.newMediaId(), ALPHA, "cn-shanghai", "oss://alpha-media/" + key + ".mp4", "video");
        oss.store().put("alpha-media", key + ".mp4", new byte[10], "video/mp4", Map.of());
        asset.addFile("alpha-media", key + ".mp4", FileRole.SOURCE, 10L);
        em.persist(asset);
        PurgeSubmission submission = submission(asset.getMediaId());
        tx.commit();
        long execution = jobs.start(submission.getId(), false, 1);
        submissions.recordExecution(submission.getId(), execution);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (jobs.execution(execution).getBatchStatus() != BatchStatus.COMPLETED && Instant.now().isBefore(deadline)) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        assertEquals(BatchStatus.COMPLETED, jobs.execution(execution).getBatchStatus());
        deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!"COMPLETED".equals(em.createNativeQuery("SELECT status FROM purge_submission WHERE id = ?1")
                .setParameter(1, submission.getId()).getSingleResult()) && Instant.now().isBefore(deadline)) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return submission.getId();
    }

    private long pending() throws Exception {
        tx.begin();
        PurgeSubmission submission = submission(MediaAsset.newMediaId());
        tx.commit();
        return submission.getId();
    }

    private PurgeSubmission submission(String mediaId) {
        RamUser root = em.createQuery("SELECT u FROM RamUser u WHERE u.account.uid = :uid AND u.name = 'root'", RamUser.class)
                .setParameter("uid", ALPHA).getSingleResult();
        PurgeSubmission submission = new PurgeSubmission(SubmissionSource.REST, root, ALPHA + "/root", true, false);
        em.persist(submission);
        em.persist(new DeletionRequest(submission, mediaId, SelectorType.MEDIA_ID));
        submission.received(1);
        return submission;
    }

    private long executionOf(long submissionId) {
        return submissions.executionIds(submissionId).get(0);
    }

    private void setLease(String holder, Instant until) throws Exception {
        tx.begin();
        em.createNativeQuery("UPDATE maintenance_lease SET holder = ?1, lease_until = ?2 WHERE name = 'history-retention'")
                .setParameter(1, holder).setParameter(2, until.atOffset(ZoneOffset.UTC)).executeUpdate();
        tx.commit();
    }

    private long count(String sql, long id) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, id).getSingleResult()).longValue();
    }
}
