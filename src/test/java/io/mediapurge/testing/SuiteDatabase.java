package io.mediapurge.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Changes made to the suite server's database from outside, as a provisioning file or an operator would make them. */
public final class SuiteDatabase {

    private SuiteDatabase() {
    }

    /** Grants or withdraws a bucket of an account; fails unless exactly one row changed. */
    public static void grantBucket(String accountUid, String bucket, boolean granted) throws SQLException {
        try (Connection c = TestPostgres.connect(IntegrationTestSession.SUITE_DATABASE);
                PreparedStatement st = c.prepareStatement(granted
                        ? "INSERT INTO bucket_grant (account_uid, bucket, granted_at) VALUES (?, ?, CURRENT_TIMESTAMP)"
                        : "DELETE FROM bucket_grant WHERE account_uid = ? AND bucket = ?")) {
            st.setString(1, accountUid);
            st.setString(2, bucket);
            if (st.executeUpdate() != 1) {
                throw new IllegalStateException("bucket " + bucket + " of " + accountUid + " was not " + (granted ? "granted" : "withdrawn"));
            }
        }
    }

    /** The audit log's rows for one actor and action, oldest first, as {@code door|target|allowed}. */
    public static List<String> auditOf(String actor, String action) throws SQLException {
        try (Connection c = TestPostgres.connect(IntegrationTestSession.SUITE_DATABASE);
                PreparedStatement st = c.prepareStatement("SELECT door, target, allowed FROM audit_event"
                        + " WHERE actor = ? AND action = ? ORDER BY id")) {
            st.setString(1, actor);
            st.setString(2, action);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getBoolean(3));
                }
            }
            return rows;
        }
    }
}
