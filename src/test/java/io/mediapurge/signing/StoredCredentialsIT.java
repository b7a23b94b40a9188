package io.mediapurge.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.mediapurge.access.SeedApplier;
import io.mediapurge.access.SeedFile;
import io.mediapurge.database.Database;
import io.mediapurge.testing.SuiteSeed;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;

/** Inside Payara Micro on PostgreSQL: the signature layer's access keys and nonces, from the database. */
@ExtendWith(ArquillianExtension.class)
class StoredCredentialsIT {

    @Inject
    AccessKeyDirectory directory;

    @Inject
    NonceRegistry nonces;

    @Inject
    DatabaseNonceRegistry nonceTable;

    @Inject
    SeedApplier applier;

    @Resource
    ManagedExecutorService executor;

    @Resource
    UserTransaction tx;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Test
    void theDirectoryFindsActiveAndInactiveKeysWithTheirOwners() {
        AccessKeySecret ops = directory.find(SuiteSeed.ALPHA_OPS_KEY).orElseThrow();
        assertEquals(SuiteSeed.ALPHA_OPS_SECRET, ops.secret());
        assertTrue(ops.active());
        assertEquals(SuiteSeed.ALPHA + "/ops", ops.principalRef());

        AccessKeySecret retired = directory.find(SuiteSeed.ALPHA_RETIRED_KEY).orElseThrow();
        assertFalse(retired.active());
        assertEquals(SuiteSeed.ALPHA_RETIRED_SECRET, retired.secret());

        assertEquals(SuiteSeed.BETA + "/admin", directory.find(SuiteSeed.BETA_ROOT_KEY).orElseThrow().principalRef());
        assertEquals(Optional.empty(), directory.find("LTAIitNoSuchKey0001"));
        assertEquals(Optional.empty(), directory.find("L".repeat(128)));
        assertFalse(ops.toString().contains(SuiteSeed.ALPHA_OPS_SECRET));
    }

    @Test
    void aKeyDeactivatedByProvisioningIsInactiveAtOnce() {
        String seed = """
                {"accounts":[{"uid":"2000000000000008","name":"it-delta","users":[{"name":"root","root":true,
                  "accessKeys":[{"id":"LTAIitDeltaRoot0001","secret":"deltaRootSecret0123456789abc","active":%s}]}]}]}
                """;
        applier.apply(SeedFile.parse(seed.formatted(true)));
        assertTrue(directory.find("LTAIitDeltaRoot0001").orElseThrow().active());
        applier.apply(SeedFile.parse(seed.formatted(false)));
        assertFalse(directory.find("LTAIitDeltaRoot0001").orElseThrow().active());
    }

    @Test
    void aNonceIsAcceptedOncePerKey() {
        String nonce = UUID.randomUUID().toString();
        Instant expires = Instant.now().plus(SignatureVerifier.MAX_CLOCK_SKEW);
        assertTrue(nonces.firstUse(SuiteSeed.ALPHA_OPS_KEY, nonce, expires));
        assertFalse(nonces.firstUse(SuiteSeed.ALPHA_OPS_KEY, nonce, expires), "a replay");
        assertTrue(nonces.firstUse(SuiteSeed.BETA_ROOT_KEY, nonce, expires), "another key may use the same nonce");
        // The registry keeps working after a refused insert: nothing is left half-done on the connection.
        assertTrue(nonces.firstUse(SuiteSeed.ALPHA_OPS_KEY, nonce + "-next", expires));
    }

    @Test
    void aReplayInsideTheCallersTransactionLeavesThatTransactionUsable() throws Exception {
        String nonce = UUID.randomUUID().toString();
        Instant expires = Instant.now().plus(SignatureVerifier.MAX_CLOCK_SKEW);
        tx.begin();
        try {
            assertTrue(nonces.firstUse(SuiteSeed.ALPHA_OPS_KEY, nonce, expires));
            assertFalse(nonces.firstUse(SuiteSeed.ALPHA_OPS_KEY, nonce, expires));
            // PostgreSQL aborts a transaction after a failed statement; the registry keeps its INSERT out of ours.
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT COUNT(*) FROM request_nonce WHERE nonce = '" + nonce + "'")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
            }
            tx.commit();
        } catch (Exception | AssertionError e) {
            tx.rollback();
            throw e;
        }
    }

    @Test
    void anExpiredNonceMayBeUsedAgainOnceAndIsPruned() {
        String nonce = UUID.randomUUID().toString();
        assertTrue(nonces.firstUse(SuiteSeed.ALPHA_OPS_KEY, nonce, Instant.now().minus(Duration.ofMinutes(1))));
        Instant expires = Instant.now().plus(SignatureVerifier.MAX_CLOCK_SKEW);
        assertTrue(nonces.firstUse(SuiteSeed.ALPHA_OPS_KEY, nonce, expires), "its request expired, so it is not a replay");
        assertFalse(nonces.firstUse(SuiteSeed.ALPHA_OPS_KEY, nonce, expires));

        String stale = UUID.randomUUID().toString();
        nonces.firstUse(SuiteSeed.ALPHA_OPS_KEY, stale, Instant.now().minus(Duration.ofMinutes(1)));
        assertTrue(nonceTable.pruneExpired(Instant.now()) >= 1);
        assertFalse(nonces.firstUse(SuiteSeed.ALPHA_OPS_KEY, nonce, expires), "pruning keeps nonces still in their window");
    }

    @Test
    void racingRequestsWithOneNonceGetOneFirstUse() throws Exception {
        String nonce = UUID.randomUUID().toString();
        Instant expires = Instant.now().plus(SignatureVerifier.MAX_CLOCK_SKEW);
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            results.add(executor.submit(() -> {
                start.await();
                return nonces.firstUse(SuiteSeed.BETA_ROOT_KEY, nonce, expires);
            }));
        }
        start.countDown();
        int first = 0;
        for (Future<Boolean> result : results) {
            first += result.get() ? 1 : 0;
        }
        assertEquals(1, first);
    }
}
