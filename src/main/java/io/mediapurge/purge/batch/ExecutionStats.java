package io.mediapurge.purge.batch;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.mediapurge.purge.ItemResult;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The counts of each purge-media execution (table purge_execution), for the console, the REST API
 * and metrics: added in each chunk's own transaction, so they always match the committed outcomes.
 */
@ApplicationScoped
public class ExecutionStats {

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    /** What one chunk adds to its execution's counts. */
    public static final class Delta {
        long read;
        long deleted;
        long ignored;
        long forbidden;
        long failed;
        long files;
        long bytes;

        void add(ItemResult r) {
            read++;
            switch (r.outcome()) {
                case DELETED, WOULD_DELETE -> deleted++;
                case IGNORED -> ignored++;
                case FORBIDDEN -> forbidden++;
                case FAILED -> failed++;
                default -> throw new IllegalArgumentException("not terminal: " + r.outcome());
            }
            files += r.filesDeleted();
            bytes += r.bytesDeleted();
        }

        long failed() {
            return failed;
        }
    }

    /** In the chunk's transaction. */
    public void add(long executionId, Delta d) {
        em.createNativeQuery("UPDATE purge_execution SET read_count = read_count + ?1, deleted_count = deleted_count + ?2,"
                        + " ignored_count = ignored_count + ?3, forbidden_count = forbidden_count + ?4,"
                        + " failed_count = failed_count + ?5, files_deleted = files_deleted + ?6,"
                        + " bytes_deleted = bytes_deleted + ?7, updated_at = ?8 WHERE job_execution_id = ?9")
                .setParameter(1, d.read).setParameter(2, d.deleted).setParameter(3, d.ignored)
                .setParameter(4, d.forbidden).setParameter(5, d.failed).setParameter(6, d.files)
                .setParameter(7, d.bytes).setParameter(8, now()).setParameter(9, executionId)
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void started(long executionId, Long submissionId, boolean dryRun, String instanceId) {
        OffsetDateTime now = now();
        em.createNativeQuery("INSERT INTO purge_execution (job_execution_id, submission_id, instance_id, dry_run,"
                        + " read_count, deleted_count, ignored_count, forbidden_count, failed_count, files_deleted,"
                        + " bytes_deleted, oss_requests, started_at, updated_at) VALUES (?1, ?2, ?3, ?4, 0, 0, 0, 0, 0, 0, 0, 0, ?5, ?5)")
                .setParameter(1, executionId).setParameter(2, submissionId).setParameter(3, instanceId)
                .setParameter(4, dryRun).setParameter(5, now).executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void ended(long executionId) {
        em.createNativeQuery("UPDATE purge_execution SET ended_at = ?1, updated_at = ?1 WHERE job_execution_id = ?2")
                .setParameter(1, now()).setParameter(2, executionId).executeUpdate();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
