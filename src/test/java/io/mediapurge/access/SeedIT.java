package io.mediapurge.access;

import static io.mediapurge.testing.SuiteSeed.ALPHA;
import static io.mediapurge.testing.SuiteSeed.BETA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.mediapurge.access.SeedSummary.Kind;
import io.mediapurge.database.Database;
import io.mediapurge.testing.SuiteSeed;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

/** Inside Payara Micro on PostgreSQL: the suite's provisioning file applied at startup, and applied again. */
@ExtendWith(ArquillianExtension.class)
class SeedIT {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Inject
    SeedApplier applier;

    @Inject
    Pbkdf2PasswordHash passwordHash;

    @Inject
    Principals principals;

    @Inject
    BucketGrantDirectory grants;

    private final SecretCipher suiteCipher = new SecretCipher(MasterKey.fromBase64(SuiteSeed.MASTER_KEY, "the suite key"));

    @Test
    void theSuiteFileWasAppliedAtStartup() throws SQLException {
        assertEquals(List.of("it-alpha", "it-beta"), strings("SELECT name FROM account WHERE uid IN (?, ?) ORDER BY uid", ALPHA, BETA));
        assertEquals(List.of("no-policy:false", "ops:false", "reader:false", "root:true"), strings("SELECT name || ':' || CAST(root AS VARCHAR) FROM ram_user WHERE account_uid = ? ORDER BY name", ALPHA));
        assertEquals(List.of("alpha-archive", "alpha-media"), strings("SELECT bucket FROM bucket_grant WHERE account_uid = ? ORDER BY bucket", ALPHA));
        assertEquals(List.of(SuiteSeed.OPS_ALLOW, SuiteSeed.OPS_DENY), strings("SELECT p.document FROM user_policy p"
                + " JOIN ram_user u ON u.id = p.user_id WHERE u.account_uid = ? AND u.name = 'ops' ORDER BY p.position", ALPHA));

        assertStoredEncrypted(SuiteSeed.ALPHA_ROOT_KEY, SuiteSeed.ALPHA_ROOT_SECRET, true);
        assertStoredEncrypted(SuiteSeed.ALPHA_OPS_KEY, SuiteSeed.ALPHA_OPS_SECRET, true);
        assertStoredEncrypted(SuiteSeed.ALPHA_RETIRED_KEY, SuiteSeed.ALPHA_RETIRED_SECRET, false);
        assertStoredEncrypted(SuiteSeed.BETA_ROOT_KEY, SuiteSeed.BETA_ROOT_SECRET, true);

        String hash = string("SELECT password_hash FROM console_user WHERE username = ?", SuiteSeed.CONSOLE_ADMIN);
        assertTrue(hash.startsWith("PBKDF2WithHmacSHA256:210000:"), hash);
        assertFalse(hash.contains(SuiteSeed.CONSOLE_ADMIN_PASSWORD));
        assertTrue(passwordHash.verify(SuiteSeed.CONSOLE_ADMIN_PASSWORD.toCharArray(), hash));
        assertFalse(passwordHash.verify("it-admin password 0002".toCharArray(), hash));
        assertEquals(List.of("purge-admin|" + ALPHA + "/root"), strings("SELECT c.roles || '|' || u.account_uid || '/' || u.name"
                + " FROM console_user c JOIN ram_user u ON u.id = c.acts_as_user_id WHERE c.username = ?", SuiteSeed.CONSOLE_ADMIN));
        assertEquals(List.of("purge-viewer"), strings("SELECT roles FROM console_user WHERE username = ? AND acts_as_user_id IS NULL",
                SuiteSeed.CONSOLE_VIEWER));
    }

    @Test
    void applyingTheSameFileAgainChangesNothing() throws SQLException {
        List<String> before = snapshot();
        SeedSummary summary = applier.apply(SeedFile.parse(SuiteSeed.JSON));
        assertEquals(0, summary.changes(), summary::toString);
        assertEquals("nothing to change", summary.toString());
        assertEquals(before, snapshot(), "no row was rewritten: same ciphertexts, hashes and policy times");
    }

    @Test
    void whatDiffersIsUpdatedAndNothingIsDeleted() throws SQLException {
        String uid = "2000000000000009";
        SeedSummary first = applier.apply(SeedFile.parse(gamma(
                key("LTAIitGammaOps00001", "gammaOpsSecret0123456789abcde", true) + "," + key("LTAIitGammaOps00002", "gammaOpsSecretTwo0123456789ab", true),
                SuiteSeed.OPS_ALLOW + "," + SuiteSeed.OPS_DENY, "\"gamma-media\",\"gamma-old\"",
                ",{\"name\":\"temp\"}", "gamma password one", "purge-viewer")));
        assertEquals(1, first.created(Kind.ACCOUNT));
        assertEquals(3, first.created(Kind.USER));
        assertEquals(2, first.created(Kind.ACCESS_KEY));
        assertEquals(2, first.created(Kind.POLICY));
        assertEquals(2, first.created(Kind.BUCKET_GRANT));
        assertEquals(1, first.created(Kind.CONSOLE_USER));
        String untouchedCiphertext = string("SELECT secret_ciphertext FROM access_key WHERE access_key_id = ?", "LTAIitGammaOps00002");

        // A new secret for one key, the other key and the temp user left out, one policy fewer and changed,
        // a grant left out and another added, a new password and role.
        String changedPolicy = SuiteSeed.VIEWER_READ;
        SeedSummary second = applier.apply(SeedFile.parse(gamma(
                key("LTAIitGammaOps00001", "gammaOpsSecretNEW0123456789ab", false), changedPolicy, "\"gamma-media\",\"gamma-new\"",
                "", "gamma password two", "purge-operator")));
        assertEquals(0, second.created(Kind.ACCOUNT) + second.created(Kind.USER) + second.created(Kind.ACCESS_KEY), second::toString);
        assertEquals(1, second.updated(Kind.ACCESS_KEY), second::toString);
        assertEquals(2, second.updated(Kind.POLICY), "one replaced, one removed: " + second);
        assertEquals(1, second.created(Kind.BUCKET_GRANT), second::toString);
        assertEquals(1, second.updated(Kind.CONSOLE_USER), second::toString);

        assertStoredEncrypted("LTAIitGammaOps00001", "gammaOpsSecretNEW0123456789ab", false);
        assertEquals(untouchedCiphertext, string("SELECT secret_ciphertext FROM access_key WHERE access_key_id = ?", "LTAIitGammaOps00002"),
                "a key the file no longer names is kept as it was");
        assertEquals(List.of("ops", "root", "temp"), strings("SELECT name FROM ram_user WHERE account_uid = ? ORDER BY name", uid));
        assertEquals(List.of("gamma-media", "gamma-new", "gamma-old"), strings("SELECT bucket FROM bucket_grant WHERE account_uid = ? ORDER BY bucket", uid));
        assertEquals(List.of(changedPolicy), strings("SELECT p.document FROM user_policy p JOIN ram_user u ON u.id = p.user_id"
                + " WHERE u.account_uid = ? AND u.name = 'ops' ORDER BY p.position", uid));
        String hash = string("SELECT password_hash FROM console_user WHERE username = ?", "it-gamma");
        assertTrue(passwordHash.verify("gamma password two".toCharArray(), hash));
        assertEquals("purge-operator", string("SELECT roles FROM console_user WHERE username = ?", "it-gamma"));

        assertEquals(0, applier.apply(SeedFile.parse(gamma(key("LTAIitGammaOps00001", "gammaOpsSecretNEW0123456789ab", false),
                changedPolicy, "\"gamma-media\"", "", "gamma password two", "purge-operator"))).changes());
    }

    @Test
    void aFileTheDatabaseContradictsAppliesNothing() throws SQLException {
        MalformedSeed unknownUser = assertThrows(MalformedSeed.class, () -> applier.apply(SeedFile.parse("""
                {"accounts":[{"uid":"2000000000000007","name":"never","users":[{"name":"root","root":true}]}],
                 "consoleUsers":[{"username":"it-nobody","password":"long enough","roles":["purge-viewer"],"actsAs":"2000000000000007/ops"}]}
                """)));
        assertEquals("consoleUsers[0].actsAs: names no RAM user in the provisioning file or the database", unknownUser.getMessage());
        assertEquals(List.of(), strings("SELECT uid FROM account WHERE uid = ?", "2000000000000007"), "the whole file was rolled back");

        MalformedSeed secondRoot = assertThrows(MalformedSeed.class, () -> applier.apply(SeedFile.parse(
                "{\"accounts\":[{\"uid\":\"" + ALPHA + "\",\"name\":\"it-alpha\",\"users\":[{\"name\":\"boss\",\"root\":true}]}]}")));
        assertEquals("accounts[0].users[0].root: the account's root user in the database is 'root'; an account has exactly one",
                secondRoot.getMessage());

        MalformedSeed stolenKey = assertThrows(MalformedSeed.class, () -> applier.apply(SeedFile.parse(
                "{\"accounts\":[{\"uid\":\"" + BETA + "\",\"name\":\"it-beta\",\"users\":[{\"name\":\"admin\",\"root\":true,"
                        + "\"accessKeys\":[{\"id\":\"" + SuiteSeed.ALPHA_OPS_KEY + "\",\"secret\":\"stolenSecret0123456789\"}]}]}]}")));
        assertEquals("accounts[0].users[0].accessKeys[0].id: belongs to another user in the database (" + ALPHA + "/ops)",
                stolenKey.getMessage());
        assertStoredEncrypted(SuiteSeed.ALPHA_OPS_KEY, SuiteSeed.ALPHA_OPS_SECRET, true);
    }

    @Test
    void principalsAndGrantsLoadInBulk() {
        String ops = ALPHA + "/ops";
        String root = ALPHA + "/root";
        String viewer = BETA + "/viewer";
        Map<String, Principal> loaded = principals.byRefs(List.of(ops, root, viewer, ALPHA + "/nobody", "not a ref"));
        assertEquals(3, loaded.size(), loaded::toString);
        assertTrue(loaded.get(root).root());
        assertEquals(2, loaded.get(ops).policies().size());
        assertEquals(1, loaded.get(viewer).policies().size());

        PolicyEvaluator opsRights = PolicyEvaluator.forPrincipal(loaded.get(ops));
        assertTrue(opsRights.decide("ice:DeleteMediaInfos", ResourceArn.media("cn-shanghai", ALPHA, "a1")).allowed());
        assertEquals(AccessDecision.Basis.DENIED_BY_POLICY,
                opsRights.decide("ice:DeleteMediaInfos", ResourceArn.media("cn-shanghai", ALPHA, "dead0000000000000000000000000001")).basis());
        assertEquals(loaded.get(ops), principals.byRef(ops).orElseThrow());

        Map<String, BucketGrants> byAccount = grants.forAccounts(List.of(ALPHA, BETA, "2000000000000008"));
        assertTrue(byAccount.get(ALPHA).grants("alpha-media"));
        assertFalse(byAccount.get(ALPHA).grants("beta-media"));
        assertTrue(byAccount.get(BETA).grants("beta-media"));
        assertFalse(byAccount.get("2000000000000008").grants("beta-media"));
        assertTrue(grants.forAccount(ALPHA).grants("alpha-archive"));
    }

    private static String gamma(String opsKeys, String opsPolicies, String buckets, String moreUsers, String password, String role) {
        return """
                {"accounts":[{"uid":"2000000000000009","name":"it-gamma","bucketGrants":[%s],
                  "users":[{"name":"root","root":true},
                           {"name":"ops","accessKeys":[%s],"policies":[%s]}%s]}],
                 "consoleUsers":[{"username":"it-gamma","password":"%s","roles":["%s"],"actsAs":"2000000000000009/ops"}]}
                """.formatted(buckets, opsKeys, opsPolicies, moreUsers, password, role);
    }

    private static String key(String id, String secret, boolean active) {
        return "{\"id\":\"" + id + "\",\"secret\":\"" + secret + "\",\"active\":" + active + "}";
    }

    private void assertStoredEncrypted(String accessKeyId, String secret, boolean active) throws SQLException {
        String stored = string("SELECT secret_ciphertext FROM access_key WHERE access_key_id = ?", accessKeyId);
        assertTrue(stored.startsWith("v1:" + suiteCipher.masterKeyFingerprint() + ":"), stored);
        assertFalse(stored.contains(secret));
        assertEquals(secret, suiteCipher.decrypt(accessKeyId, stored));
        assertEquals(String.valueOf(active), string("SELECT CAST(active AS VARCHAR) FROM access_key WHERE access_key_id = ?", accessKeyId));
    }

    private List<String> snapshot() throws SQLException {
        List<String> rows = new ArrayList<>();
        rows.addAll(strings("SELECT uid || name || created_at FROM account ORDER BY uid"));
        rows.addAll(strings("SELECT access_key_id || secret_ciphertext || active FROM access_key ORDER BY access_key_id"));
        rows.addAll(strings("SELECT user_id || ':' || position || document || updated_at FROM user_policy ORDER BY user_id, position"));
        rows.addAll(strings("SELECT account_uid || bucket FROM bucket_grant ORDER BY account_uid, bucket"));
        rows.addAll(strings("SELECT username || password_hash || roles || COALESCE(acts_as_user_id, 0) FROM console_user ORDER BY username"));
        return rows;
    }

    private String string(String sql, String... parameters) throws SQLException {
        List<String> values = strings(sql, parameters);
        assertEquals(1, values.size(), () -> sql + " -> " + values);
        return values.get(0);
    }

    private List<String> strings(String sql, String... parameters) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
