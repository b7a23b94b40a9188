package io.mediapurge.purge.batch;

/**
 * Which pending requests a reader claims next, as one statement: the oldest PENDING requests past
 * the last one it read (rows its own open chunk claimed are still PENDING until it commits), of
 * its submission or, for a run over every pending request, of every submission whose selectors
 * have all arrived, locked for the chunk's transaction. PostgreSQL skips rows another execution
 * or partition holds; H2 (one embedded server) waits for them.
 */
final class PendingClaim {

    private PendingClaim() {
    }

    /** Parameter 1: the last request read; parameter 2 (one submission only): the submission. */
    static String sql(boolean oneSubmission, boolean skipLocked, int page) {
        return "SELECT * FROM deletion_request WHERE outcome = 'PENDING' AND id > ?1"
                + (oneSubmission ? " AND submission_id = ?2"
                        : " AND submission_id NOT IN (SELECT id FROM purge_submission WHERE status = 'RECEIVING')")
                + " ORDER BY id FETCH FIRST " + page + " ROWS ONLY FOR UPDATE" + (skipLocked ? " SKIP LOCKED" : "");
    }

    /** A run names one submission when its parameter holds one; blank is a run over every pending request. */
    static boolean oneSubmission(String submissionId) {
        return submissionId != null && !submissionId.isBlank();
    }
}
