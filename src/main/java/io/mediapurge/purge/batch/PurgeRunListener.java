package io.mediapurge.purge.batch;

import java.lang.management.ManagementFactory;

import io.mediapurge.purge.PurgeSubmission;
import io.mediapurge.purge.SubmissionStatus;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Opens and closes an execution's record, and keeps its submission's status in step with the run. */
@Named
@Dependent
public class PurgeRunListener extends AbstractJobListener {

    /** Which server ran an execution: crash recovery and the console need it. */
    static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();

    @Inject
    JobContext job;

    @Inject
    @BatchProperty
    String submissionId;

    @Inject
    @BatchProperty
    String dryRun;

    @Inject
    ExecutionStats stats;

    @Inject
    SubmissionProgress progress;

    @Override
    public void beforeJob() {
        Long submission = submission();
        stats.started(job.getExecutionId(), submission, Boolean.parseBoolean(dryRun), INSTANCE);
        if (submission != null) {
            progress.moveTo(submission, SubmissionStatus.RUNNING);
        }
    }

    @Override
    public void afterJob() {
        stats.ended(job.getExecutionId());
        Long submission = submission();
        if (submission != null) {
            progress.finished(submission, job.getBatchStatus());
        }
    }

    private Long submission() {
        return submissionId == null || submissionId.isBlank() ? null : Long.valueOf(submissionId);
    }

    /** Submission status changes, each in its own transaction (listeners run outside the chunks'). */
    @Dependent
    public static class SubmissionProgress {

        @PersistenceContext(unitName = "mediapurge")
        EntityManager em;

        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public void moveTo(long submissionId, SubmissionStatus status) {
            PurgeSubmission submission = em.find(PurgeSubmission.class, submissionId);
            if (submission != null) {
                submission.moveTo(status);
            }
        }

        /** COMPLETED only when nothing of it is pending any more; else as the run ended. */
        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public void finished(long submissionId, BatchStatus runStatus) {
            PurgeSubmission submission = em.find(PurgeSubmission.class, submissionId);
            if (submission == null) {
                return;
            }
            long pending = em.createQuery("SELECT COUNT(r) FROM DeletionRequest r WHERE r.submission.id = :s"
                    + " AND r.outcome = io.mediapurge.purge.Outcome.PENDING", Long.class)
                    .setParameter("s", submissionId).getSingleResult();
            // A stopping run is still STOPPING while its listeners run.
            boolean stopped = runStatus == BatchStatus.STOPPING || runStatus == BatchStatus.STOPPED;
            submission.moveTo(pending == 0 ? SubmissionStatus.COMPLETED
                    : stopped ? SubmissionStatus.STOPPED : SubmissionStatus.FAILED);
        }
    }
}
