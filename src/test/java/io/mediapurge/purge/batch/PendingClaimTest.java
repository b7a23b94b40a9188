package io.mediapurge.purge.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PendingClaimTest {

    private static final String HEAD = "SELECT * FROM deletion_request WHERE outcome = 'PENDING' AND id > ?";
    private static final String ONE = " AND submission_id = ?";
    private static final String ALL = " AND submission_id NOT IN (SELECT id FROM purge_submission WHERE status = 'RECEIVING')";

    @ParameterizedTest(name = "submission \"{0}\": one submission {1}")
    @CsvSource({"42, true", "' 7', true", "'', false", "'  ', false"})
    void aBlankSubmissionParameterIsARunOverEveryPendingRequest(String parameter, boolean one) {
        assertEquals(one, PendingClaim.oneSubmission(parameter));
    }

    @org.junit.jupiter.api.Test
    void noSubmissionParameterIsARunOverEveryPendingRequest() {
        assertEquals(false, PendingClaim.oneSubmission(null));
    }

    @ParameterizedTest(name = "one submission {0}, skip locked {1}")
    @CsvSource({
            // one submission: only its rows; PostgreSQL skips what another partition or server holds
            "true,  true,  20, ONE, ' FOR UPDATE SKIP LOCKED'",
            // H2 waits for locked rows instead
            "true,  false, 20, ONE, ' FOR UPDATE'",
            // every pending request, but none of a submission whose selectors are still arriving
            "false, true,  20, ALL, ' FOR UPDATE SKIP LOCKED'",
            "false, false,  5, ALL, ' FOR UPDATE'"})
    void theOldestPendingPastTheLastReadLockedForTheChunk(boolean one, boolean skipLocked, int page, String which, String lock) {
        assertEquals(HEAD + (which.equals("ONE") ? ONE : ALL) + " ORDER BY id FETCH FIRST " + page + " ROWS ONLY" + lock,
                PendingClaim.sql(one, skipLocked, page));
    }
}
