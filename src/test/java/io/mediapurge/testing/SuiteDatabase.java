package io.mediapurge.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

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
}
