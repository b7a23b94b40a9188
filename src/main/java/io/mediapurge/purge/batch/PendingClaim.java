package io.mediapurge.purge.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.mediapurge.purge.DeletionRequest;
import io.mediapurge.purge.Selector;
import io.mediapurge.purge.SelectorType;

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
        return "SELECT * FROM deletion_request WHERE outcome = 'PENDING' AND id > ?"
                + (oneSubmission ? " AND submission_id = ?"
                        : " AND submission_id NOT IN (SELECT id FROM purge_submission WHERE status = 'RECEIVING')")
                + " ORDER BY id FETCH FIRST " + page + " ROWS ONLY FOR UPDATE" + (skipLocked ? " SKIP LOCKED" : "");
    }

    /** A run names one submission when its parameter holds one; blank is a run over every pending request. */
    static boolean oneSubmission(String submissionId) {
        return submissionId != null && !submissionId.isBlank();
    }

    /**
     * The claim on the chunk's connection, each row read into a pending request by hand rather than
     * built by EclipseLink: building managed entities from a native query's rows (every column
     * looked up by name) took an eighth of a chunk thread's CPU. Used where the chunk's outcomes are
     * written without EclipseLink (PostgreSQL, see ChunkRecord).
     *
     * @param submission the run's submission, or null for a run over every pending request
     */
    static List<DeletionRequest> overJdbc(Connection c, String sql, long lastRead, Long submission) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, lastRead);
            if (submission != null) {
                st.setLong(2, submission);
            }
            List<DeletionRequest> claimed = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    // getLong and getTimestamp, not getObject(column, type): Payara's result set wrapper
                    // looks that method up by reflection on every call
                    long itemNo = rs.getLong("item_no");
                    Long itemNoOrNull = rs.wasNull() ? null : itemNo; // null for DeleteMediaInfos calls
                    claimed.add(DeletionRequest.pending(rs.getLong("id"), rs.getLong("submission_id"),
                            new Selector(rs.getString("selector"), SelectorType.valueOf(rs.getString("selector_type"))),
                            rs.getString("selector_digest"), itemNoOrNull,
                            OffsetDateTime.ofInstant(rs.getTimestamp("created_at").toInstant(), ZoneOffset.UTC)));
                }
            }
            return claimed;
        }
    }
}
