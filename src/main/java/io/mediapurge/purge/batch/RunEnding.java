package io.mediapurge.purge.batch;

import io.mediapurge.purge.SubmissionStatus;

import jakarta.batch.runtime.BatchStatus;

/**
 * How a purge-media run ends, decided in one place for the run's own listener and for recovery of
 * a run whose server died: the status the batch runtime writes for it, and what its submission
 * becomes.
 */
final class RunEnding {

    private RunEnding() {
    }

    /**
     * The status the batch runtime is about to write, seen from the job listener's afterJob: a
     * normal end is still STARTED there, a stop STOPPING.
     */
    static BatchStatus of(BatchStatus seenByListener) {
        return switch (seenByListener) {
            case FAILED -> BatchStatus.FAILED;
            case STOPPING, STOPPED -> BatchStatus.STOPPED;
            default -> BatchStatus.COMPLETED;
        };
    }

    /**
     * A submission after a run over it ended: COMPLETED only when nothing of it is pending, else
     * STOPPED for a stopped run and FAILED for any other end (a failure, or a server that died).
     */
    static SubmissionStatus submissionAfter(BatchStatus ended, long stillPending) {
        if (stillPending == 0) {
            return SubmissionStatus.COMPLETED;
        }
        return ended == BatchStatus.STOPPED ? SubmissionStatus.STOPPED : SubmissionStatus.FAILED;
    }
}
