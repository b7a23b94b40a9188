package io.mediapurge.purge.batch;

import java.util.logging.Logger;

import io.mediapurge.cluster.ServerInstance;
import io.mediapurge.database.RoundTrips;
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

    private static final Logger LOG = Logger.getLogger(PurgeRunListener.class.getName());

    @Inject
    JobContext job;

    @Inject
    @BatchProperty
    String submissionId;

    @Inject
    ExecutionStats stats;

    @Inject
    Submissions submissions;

    @Override
    public void beforeJob() {
        PausePoint.at(PausePoint.RUN_BEGINS);
        Long submission = submission();
        // a dry run is its submission's (a run over every pending request follows each request's submission)
        boolean dryRun = submission != null && submissions.isDryRun(submission);
        stats.started(job.getExecutionId(), submission, dryRun, ServerInstance.ID, RoundTrips.counting());
        if (submission != null) {
            submissions.recordExecution(submission, job.getExecutionId()); // also for runs started elsewhere
            submissions.moveTo(submission, SubmissionStatus.RUNNING);
        }
    }

    @Override
    public void afterJob() {
        // What the batch runtime writes next (a normal end is still STARTED here, a stop STOPPING):
        // kept with the record, so recovery can write it for a server that died in between.
        BatchStatus ending = RunEnding.of(job.getBatchStatus());
        stats.ended(job.getExecutionId(), ending.name());
        stats.of(job.getExecutionId()).ifPresent(f -> LOG.info("purge-media execution " + job.getExecutionId() + " ended "
                + ending + ": " + f.read() + " read, " + f.deleted() + " deleted, " + f.ignored() + " ignored, "
                + f.forbidden() + " forbidden, " + f.failed() + " failed; " + f.chunks() + " chunks, " + f.ossRequests()
                + " OSS requests, " + Math.round(f.itemsPerSecond()) + " requests/s"
                + (f.dbRoundTrips() == null ? "" : ", " + f.dbRoundTrips() + " database round trips (" + f.warmUpRoundTrips()
                        + " of them filling the readers' caches; at most " + f.maxReadRoundTrips() + " before a chunk's write)")));
        Long submission = submission();
        if (submission != null) {
            submissions.moveTo(submission, RunEnding.submissionAfter(ending, submissions.pendingCount(submission)));
        }
        PausePoint.at(PausePoint.RUN_ENDS);
    }

    private Long submission() {
        return submissionId == null || submissionId.isBlank() ? null : Long.valueOf(submissionId);
    }
}
