package io.mediapurge.purge;

import static io.mediapurge.testing.SuiteSeed.ALPHA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;

import io.mediapurge.database.Database;
import io.mediapurge.registry.FileRole;
import io.mediapurge.registry.MediaAsset;
import io.mediapurge.testing.TestPostgres;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;

/**
 * The registry stage reads a chunk for deletion under its assets' row locks when one query reads
 * them all, so nothing can delete an asset between its read and its deletion; with two queries
 * (media IDs and URLs) the deletion stage locks them. Watched from a second PostgreSQL session.
 */
@ExtendWith(ArquillianExtension.class)
class PipelineLocksIT {

    @Inject
    PurgePipeline pipeline;

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Resource
    UserTransaction tx;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    /** The suite's database, which a second session outside the server's pool connects to. */
    private String database;

    @Test
    void aChunkOfMediaIdsIsReadUnderItsAssetsLocksOnlyWhenItIsToBeDeleted() throws Exception {
        MediaAsset asset = committedAsset("locks1/a");
        List<Selector> selectors = List.of(Selector.mediaId(asset.getMediaId()));

        tx.begin();
        try {
            PurgePipeline.Resolved resolved = pipeline.resolve(selectors, ALPHA, true, true);
            assertTrue(resolved.locked());
            assertEquals(1, resolved.found().size());
            assertTrue(lockedElsewhere(asset.getId()), "the row stays locked until the transaction ends");
        } finally {
            tx.rollback();
        }
        assertFalse(lockedElsewhere(asset.getId()), "the rollback released it");

        tx.begin();
        try {
            PurgePipeline.Resolved resolved = pipeline.resolve(selectors, ALPHA, true, false);
            assertFalse(resolved.locked());
            assertFalse(lockedElsewhere(asset.getId()), "a lookup that deletes nothing locks nothing");
        } finally {
            tx.rollback();
        }
    }

    @Test
    void aChunkOfUrlsIsReadUnderItsAssetsLocks() throws Exception {
        MediaAsset asset = committedAsset("locks2/a");
        tx.begin();
        try {
            PurgePipeline.Resolved resolved = pipeline.resolve(
                    List.of(Selector.url("oss://alpha-media/locks2/a/source.mp4")), ALPHA, true, true);
            assertTrue(resolved.locked());
            assertEquals(asset.getId(), resolved.found().values().iterator().next().id());
            assertTrue(lockedElsewhere(asset.getId()));
        } finally {
            tx.rollback();
        }
    }

    @Test
    void aChunkOfBothKindsIsLockedByTheDeletionStage() throws Exception {
        MediaAsset byId = committedAsset("locks3/a");
        MediaAsset byUrl = committedAsset("locks3/b");
        tx.begin();
        try {
            PurgePipeline.Resolved resolved = pipeline.resolve(List.of(Selector.mediaId(byId.getMediaId()),
                    Selector.url("oss://alpha-media/locks3/b/source.mp4")), ALPHA, false, true);
            assertFalse(resolved.locked(), "two queries' locks would not be taken in one order");
            assertFalse(lockedElsewhere(byId.getId()));
            List<PurgePipeline.Allowed> allowed = resolved.found().entrySet().stream()
                    .map(e -> new PurgePipeline.Allowed(e.getKey(), e.getValue())).toList();
            PurgePipeline.Deletion deletion = pipeline.delete(allowed, false, resolved.locked());
            assertEquals(2, deletion.tombstones().size());
            assertTrue(lockedElsewhere(byId.getId()) && lockedElsewhere(byUrl.getId()), "locked before they are changed");
        } finally {
            tx.rollback();
        }
    }

    /** Another session tombstones an asset while the chunk's read waits for its lock: the read sees the tombstone. */
    @Test
    void anAssetTombstonedWhileItsReadWaitsIsIgnored() throws Exception {
        MediaAsset asset = committedAsset("locks4/a");
        try (Connection other = secondSession()) {
            other.setAutoCommit(false);
            try (PreparedStatement st = other.prepareStatement(
                    "UPDATE media_asset SET status = 'Deleted', deleted_at = CURRENT_TIMESTAMP, version = version + 1 WHERE id = ?")) {
                st.setLong(1, asset.getId());
                assertEquals(1, st.executeUpdate());
            }
            // commits once the chunk's read waits for the row
            CompletableFuture<Void> committer = CompletableFuture.runAsync(() -> {
                try {
                    awaitSomeoneWaitingForALock();
                    other.commit();
                } catch (SQLException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            tx.begin();
            try {
                PurgePipeline.Resolved resolved = pipeline.resolve(List.of(Selector.mediaId(asset.getMediaId())), ALPHA, true, true);
                committer.get(30, TimeUnit.SECONDS);
                assertTrue(resolved.found().isEmpty(), resolved::toString);
                assertEquals(1, resolved.ignored().size());
                assertEquals(Outcome.IGNORED, resolved.ignored().get(0).outcome());
                assertEquals("ALREADY_DELETED", resolved.ignored().get(0).reason());
            } finally {
                tx.rollback();
            }
        }
    }

    private MediaAsset committedAsset(String prefix) throws Exception {
        if (database == null) {
            try (Connection c = dataSource.getConnection()) {
                database = c.getCatalog();
            }
        }
        tx.begin();
        MediaAsset asset = new MediaAsset(MediaAsset.newMediaId(), ALPHA, "cn-shanghai",
                "oss://alpha-media/" + prefix + "/source.mp4", "video");
        asset.addFile("alpha-media", prefix + "/source.mp4", FileRole.SOURCE, 10L);
        em.persist(asset);
        tx.commit();
        return asset;
    }

    private Connection secondSession() throws SQLException {
        return TestPostgres.connect(database);
    }

    /** Whether a second session finds the asset's row locked (NOWAIT: it does not wait to find out). */
    private boolean lockedElsewhere(long assetId) throws SQLException {
        try (Connection c = secondSession();
                PreparedStatement st = c.prepareStatement("SELECT id FROM media_asset WHERE id = ? FOR UPDATE NOWAIT")) {
            c.setAutoCommit(false);
            st.setLong(1, assetId);
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next());
                c.rollback();
                return false;
            } catch (SQLException e) {
                if ("55P03".equals(e.getSQLState())) { // lock_not_available
                    return true;
                }
                throw e;
            }
        }
    }

    private void awaitSomeoneWaitingForALock() throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        try (Connection c = secondSession();
                PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                TimeUnit.MILLISECONDS.sleep(10);
            }
        }
        throw new IllegalStateException("nobody waited for the tombstoned row within 20 s");
    }
}
