package io.mediapurge.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;

import io.mediapurge.access.AttachedPolicy;
import io.mediapurge.access.PolicyDocument;
import io.mediapurge.access.PolicyEvaluator;
import io.mediapurge.access.Principal;
import io.mediapurge.access.ResourceArn;

/**
 * The baseline: what a straightforward script does with a list of pending requests, one item at
 * a time, with plain JDBC and the plain OSS SDK: look the asset and its files up, check the
 * requester's policy and the owner's bucket grants, DeleteObject per file, tombstone the asset,
 * record the outcome, commit. Statements are prepared once and the policy read once; nothing is
 * slowed on purpose.
 */
final class NaivePurge {

    /** What the script did. */
    record Result(long items, long deleted, long other, double seconds) {
    }

    private NaivePurge() {
    }

    static Result run(Connection db, long submissionId, String accountUid, String userName, String ossEndpoint,
            String ossKeyId, String ossSecret) throws SQLException {
        db.setAutoCommit(false);
        PolicyEvaluator.ForAction permissions = PolicyEvaluator.forPrincipal(
                Principal.ramUser(accountUid, userName, policies(db, accountUid, userName))).forAction("ice:DeleteMediaInfos");
        List<Long> ids = new ArrayList<>();
        List<String> selectors = new ArrayList<>();
        try (PreparedStatement pending = db.prepareStatement(
                "SELECT id, selector FROM deletion_request WHERE submission_id = ? AND outcome = 'PENDING' ORDER BY id")) {
            pending.setLong(1, submissionId);
            try (ResultSet rs = pending.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    selectors.add(rs.getString(2));
                }
            }
        }
        db.commit();

        OSS oss = new OSSClientBuilder().build(ossEndpoint, ossKeyId, ossSecret);
        long deleted = 0;
        long start = System.nanoTime();
        try (PreparedStatement asset = db.prepareStatement("SELECT a.id, a.owner_uid, a.region, a.status, f.bucket, f.object_key,"
                + " f.size_bytes FROM media_asset a JOIN media_file f ON f.asset_id = a.id WHERE a.media_id = ?");
                PreparedStatement grants = db.prepareStatement("SELECT bucket FROM bucket_grant WHERE account_uid = ?");
                PreparedStatement tombstone = db.prepareStatement("UPDATE media_asset SET status = 'Deleted', deleted_at = ?,"
                        + " modified_at = ?, version = version + 1 WHERE id = ?");
                PreparedStatement outcome = db.prepareStatement("UPDATE deletion_request SET outcome = ?, reason = ?, media_id = ?,"
                        + " files_deleted = ?, bytes_deleted = ?, completed_at = ? WHERE id = ?")) {
            for (int i = 0; i < ids.size(); i++) {
                String mediaId = selectors.get(i);
                asset.setString(1, mediaId);
                long assetId = 0;
                String owner = null;
                String region = null;
                String status = null;
                List<String[]> files = new ArrayList<>();
                long bytes = 0;
                try (ResultSet rs = asset.executeQuery()) {
                    while (rs.next()) {
                        assetId = rs.getLong(1);
                        owner = rs.getString(2);
                        region = rs.getString(3);
                        status = rs.getString(4);
                        files.add(new String[] {rs.getString(5), rs.getString(6)});
                        bytes += rs.getLong(7);
                    }
                }
                String result;
                String reason = null;
                if (owner == null) {
                    result = "IGNORED";
                    reason = "UNKNOWN";
                } else if (status.equals("Deleted")) {
                    result = "IGNORED";
                    reason = "ALREADY_DELETED";
                } else {
                    reason = permissions.decide(ResourceArn.media(region, owner, mediaId)).forbiddenReason()
                            .map(Enum::name).orElse(null);
                    if (reason == null && !granted(grants, owner).containsAll(bucketsOf(files))) {
                        reason = "BUCKET_NOT_AUTHORIZED";
                    }
                    result = reason == null ? "DELETED" : "FORBIDDEN";
                }
                if (result.equals("DELETED")) {
                    for (String[] file : files) {
                        oss.deleteObject(file[0], file[1]);
                    }
                    Timestamp now = Timestamp.from(Instant.now());
                    tombstone.setTimestamp(1, now);
                    tombstone.setTimestamp(2, now);
                    tombstone.setLong(3, assetId);
                    tombstone.executeUpdate();
                    deleted++;
                }
                outcome.setString(1, result);
                outcome.setString(2, reason);
                outcome.setString(3, owner == null ? null : mediaId);
                outcome.setInt(4, result.equals("DELETED") ? files.size() : 0);
                outcome.setLong(5, result.equals("DELETED") ? bytes : 0);
                outcome.setTimestamp(6, Timestamp.from(Instant.now()));
                outcome.setLong(7, ids.get(i));
                outcome.executeUpdate();
                db.commit();
            }
        } finally {
            oss.shutdown();
        }
        return new Result(ids.size(), deleted, ids.size() - deleted, (System.nanoTime() - start) / 1e9);
    }

    private static Set<String> granted(PreparedStatement grants, String owner) throws SQLException {
        grants.setString(1, owner);
        Set<String> buckets = new HashSet<>();
        try (ResultSet rs = grants.executeQuery()) {
            while (rs.next()) {
                buckets.add(rs.getString(1));
            }
        }
        return buckets;
    }

    private static Set<String> bucketsOf(List<String[]> files) {
        Set<String> buckets = new HashSet<>();
        files.forEach(f -> buckets.add(f[0]));
        return buckets;
    }

    private static List<AttachedPolicy> policies(Connection db, String accountUid, String userName) throws SQLException {
        List<AttachedPolicy> policies = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement("SELECT p.position, p.document FROM user_policy p JOIN ram_user u"
                + " ON u.id = p.user_id WHERE u.account_uid = ? AND u.name = ? ORDER BY p.position")) {
            st.setString(1, accountUid);
            st.setString(2, userName);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    policies.add(new AttachedPolicy("policies[" + rs.getInt(1) + "]", PolicyDocument.parse(rs.getString(2))));
                }
            }
        }
        db.commit();
        return policies;
    }
}
