package io.mediapurge.purge.batch;

import java.lang.management.ManagementFactory;

import io.mediapurge.purge.Submissions;
import io.mediapurge.purge.SubmissionStatus;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

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
    Submissions submissions;

    @Override
    public void beforeJob() {
        Long submission = submission();
        stats.started(job.getExecutionId(), submission, Boolean.parseBoolean(dryRun), INSTANCE);
        if (submission != null) {
            submissions.recordExecution(submission, job.getExecutionId()); // also for runs started elsewhere
            submissions.moveTo(submission, SubmissionStatus.RUNNING);
        }
    }

    @Override
    public void afterJob() {
        stats.ended(job.getExecutionId());
        Long submission = submission();
        if (submission != null) {
            // COMPLETED only when nothing of it is pending; a stopping run is still STOPPING here.
            BatchStatus run = job.getBatchStatus();
            boolean stopped = run == BatchStatus.STOPPING || run == BatchStatus.STOPPED;
            submissions.moveTo(submission, submissions.pendingCount(submission) == 0 ? SubmissionStatus.COMPLETED
                    : stopped ? SubmissionStatus.STOPPED : SubmissionStatus.FAILED);
        }
    }

    private Long submission() {
        return submissionId == null || submissionId.isBlank() ? null : Long.valueOf(submissionId);
    }
}
