package io.mediapurge.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.mediapurge.access.AccessKey;
import io.mediapurge.access.Account;
import io.mediapurge.access.BucketGrant;
import io.mediapurge.access.ConsoleUser;
import io.mediapurge.access.RamUser;
import io.mediapurge.access.UserPolicy;
import io.mediapurge.purge.DeletionRequest;
import io.mediapurge.purge.Outcome;
import io.mediapurge.purge.PurgeSubmission;
import io.mediapurge.purge.SelectorType;
import io.mediapurge.purge.SubmissionSource;
import io.mediapurge.registry.FileRole;
import io.mediapurge.registry.MediaAsset;
import io.mediapurge.registry.MediaStatus;

import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;

/** Inside Payara Micro on PostgreSQL: the migrated schema, the entities on it, and one shared pool. */
@ExtendWith(ArquillianExtension.class)
class SchemaIT {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Resource
    UserTransaction tx;

    @Test
    void flywayAppliedTheSchemaOnPostgreSql() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            assertEquals("PostgreSQL", c.getMetaData().getDatabaseProductName());
            List<String> tables = strings(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
            assertTrue(tables.containsAll(List.of("account", "ram_user", "access_key", "user_policy", "bucket_grant",
                    "console_user", "request_nonce", "media_asset", "media_file", "purge_submission",
                    "deletion_request", "purge_execution", "server_instance", "purge_submission_execution", "audit_event",
                    "flyway_schema_history")), tables::toString);
            // every migration this build ships was applied, in order
            List<String> shipped = java.util.Arrays.stream(org.flywaydb.core.Flyway.configure(SchemaIT.class.getClassLoader())
                    .dataSource(dataSource).locations("classpath:db/migration").load().info().all())
                    .map(m -> m.getVersion().getVersion()).toList();
            assertTrue(shipped.size() >= 4, shipped::toString);
            assertEquals(shipped, strings(c, "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank"));
        }
    }

    @Test
    void entitiesRoundTripThroughJpa() throws Exception {
        tx.begin();
        Account account = new Account("1000000000000001", "acme");
        em.persist(account);
        RamUser ops = new RamUser(account, "ops", false);
        em.persist(ops);
        em.persist(new AccessKey("LTAIschemaIT0001", ops, "ciphertext"));
        em.persist(new UserPolicy(ops, 0, "{\"Version\":\"1\",\"Statement\":[]}"));
        em.persist(new BucketGrant(account.getUid(), "acme-media"));
        em.persist(new ConsoleUser("admin", "hash", Set.of("purge-admin"), ops));
        MediaAsset asset = new MediaAsset("0123456789abcdef0123456789abcdef", account.getUid(), "cn-shanghai",
                "oss://acme-media/a.mp4", "video");
        asset.addFile("acme-media", "a.mp4", FileRole.SOURCE, 1024L);
        asset.addFile("acme-media", "a/720p.mp4", FileRole.TRANSCODE, 512L);
        em.persist(asset);
        PurgeSubmission submission = new PurgeSubmission(SubmissionSource.REST, ops, "1000000000000001/ops", true, false);
        em.persist(submission);
        em.persist(new DeletionRequest(submission, asset.getMediaId(), SelectorType.MEDIA_ID));
        tx.commit();
        em.clear();

        MediaAsset read = em.createQuery("SELECT a FROM MediaAsset a WHERE a.mediaId = :id", MediaAsset.class)
                .setParameter("id", "0123456789abcdef0123456789abcdef").getSingleResult();
        assertEquals(MediaStatus.Normal, read.getStatus());
        assertEquals(List.of("a.mp4", "a/720p.mp4"), read.getFiles().stream().map(f -> f.getObjectKey()).toList());
        DeletionRequest pending = em.createQuery("SELECT r FROM DeletionRequest r WHERE r.submission.id = :s",
                DeletionRequest.class).setParameter("s", submission.getId()).getSingleResult();
        assertEquals(Outcome.PENDING, pending.getOutcome());
        assertEquals(Set.of("purge-admin"), em.find(ConsoleUser.class, "admin").getRoles());
    }

    /**
     * With sequential scans and sorts disabled the planner must still answer from an index that also
     * gives the order: the hot paths are index-served. (With sorts allowed, a near-empty table lets
     * the planner pick any index with the right prefix and sort the few rows, depending on what the
     * other tests left.)
     */
    @Test
    void hotPathLookupsAreIndexServed() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("SET enable_seqscan = off");
            st.execute("SET enable_sort = off");
            try {
                // an exact media ID and a media ID prefix: one unique index serves both (V15)
                assertIndexScan(c, "SELECT id FROM media_asset WHERE media_id = 'x'", "media_asset_media_id_uq");
                assertIndexScan(c, "SELECT asset_id FROM media_file WHERE bucket = 'b' AND object_key = 'k'",
                        "media_file_object_prefix_ix");
                // the registry browser's search (V11): prefixes by a range of an index, every criterion in the order shown
                assertIndexScan(c, "SELECT asset_id FROM media_file WHERE bucket = 'b' AND object_key LIKE 'videos/2024/%'",
                        "media_file_object_prefix_ix");
                assertIndexScan(c, "SELECT id FROM media_asset WHERE media_id LIKE 'ab%'", "media_asset_media_id_uq");
                String newestFirst = " ORDER BY created_at DESC, id DESC FETCH FIRST 21 ROWS ONLY";
                assertIndexScan(c, "SELECT id FROM media_asset WHERE created_at < now()" + newestFirst, "media_asset_registered_ix");
                assertIndexScan(c, "SELECT id FROM media_asset WHERE owner_uid = 'x'" + newestFirst, "media_asset_owner_registered_ix");
                assertIndexScan(c, "SELECT id FROM media_asset WHERE media_type = 'image'" + newestFirst, "media_asset_type_registered_ix");
                assertIndexScan(c, "SELECT id FROM media_asset WHERE status = 'Deleted'" + newestFirst, "media_asset_status_registered_ix");
                assertIndexScan(c, "SELECT id FROM deletion_request WHERE outcome = 'PENDING' AND id > 0 ORDER BY id LIMIT 20",
                        "deletion_request_queue_ix");
                assertIndexScan(c, "SELECT id FROM deletion_request WHERE submission_id = 1 AND outcome = 'PENDING' AND id > 0"
                        + " ORDER BY id LIMIT 20", "deletion_request_submission_ix");
                assertIndexScan(c, "SELECT id FROM deletion_request WHERE submission_id = 1 AND item_no > 0 AND item_no <= 20"
                        + " ORDER BY item_no", "deletion_request_item_no_ix");
                // Receiving a submission: which of a batch's selectors it holds already. On empty tables
                // the planner may take either index that leads with submission_id; with a submission of
                // a thousand requests in the statistics (rolled back after) only the digest index fits.
                c.setAutoCommit(false);
                try {
                    st.execute("INSERT INTO purge_submission (id, source, requester_user_id, requested_by, delete_physical_files,"
                            + " dry_run, status, item_count, created_at) SELECT -1, 'REST', MIN(id), 'index check', false, false,"
                            + " 'RECEIVING', 1000, now() FROM ram_user");
                    st.execute("INSERT INTO deletion_request (id, submission_id, selector, selector_type, outcome, selector_digest,"
                            + " item_no, created_at) SELECT -g, -1, 'm' || g, 'MEDIA_ID', 'DELETED', md5(g::text), g, now()"
                            + " FROM generate_series(1, 1000) g");
                    st.execute("ANALYZE deletion_request");
                    assertIndexScan(c, "SELECT selector_digest FROM deletion_request WHERE submission_id = -1"
                            + " AND selector_digest IN ('a', 'b')", "deletion_request_selector_uq");
                } finally {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            } finally {
                st.execute("RESET enable_seqscan");
                st.execute("RESET enable_sort");
            }
        }
    }

    /** A media ID names one asset: the one index on the column (V15) is unique, in either operator class. */
    @Test
    void aMediaIdRegisteredTwiceIsRefused() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                st.execute("INSERT INTO account (uid, name, created_at) VALUES ('9000000000000009', 'schema check', now())");
                String asset = "INSERT INTO media_asset (id, media_id, owner_uid, region, input_url, media_type, status, created_at,"
                        + " modified_at, version) VALUES (%d, 'fedcba9876543210fedcba9876543210', '9000000000000009', 'cn-shanghai',"
                        + " 'oss://b/k.mp4', 'video', 'Normal', now(), now(), 1)";
                st.execute(String.format(asset, -1));
                SQLException refused = assertThrows(SQLException.class,
                        () -> st.execute(String.format(asset, -2)));
                assertEquals("23505", refused.getSQLState(), refused::getMessage);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    /** JPA and the batch job repository share the one pool, so the jbatch tables sit beside ours. */
    @Test
    void batchJobRepositoryLivesInTheApplicationDatabase() throws SQLException {
        JobOperator jobs = BatchRuntime.getJobOperator();
        jobs.getJobNames(); // the runtime creates its tables on first use
        try (Connection c = dataSource.getConnection()) {
            List<String> tables = strings(c, "SELECT lower(table_name) FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND lower(table_name) LIKE 'jbatch%'");
            assertTrue(tables.contains("jbatchcheckpointdata"), tables::toString);
        }
    }

    /** The query is answered from one of {@code indexes}. */
    private static void assertIndexScan(Connection c, String query, String... indexes) throws SQLException {
        String plan = String.join("\n", strings(c, "EXPLAIN " + query));
        assertTrue(java.util.Arrays.stream(indexes).anyMatch(plan::contains), () -> query + " was planned as:\n" + plan);
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
