package io.mediapurge.purge;

import io.mediapurge.database.SqlDialect;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The row that links a run to its submission, written in a transaction of its own. A bean of its
 * own so the call crosses the CDI proxy (and gets that transaction); only {@link Submissions} calls it.
 */
@ApplicationScoped
class ExecutionRecords {

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Inject
    SqlDialect dialect;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void insert(long submissionId, long jobExecutionId) {
        em.createNativeQuery(dialect.insertIfAbsent("purge_submission_execution", "submission_id, job_execution_id, started_at",
                        "?1, ?2, CURRENT_TIMESTAMP", "t.submission_id = ?1 AND t.job_execution_id = ?2"))
                .setParameter(1, submissionId).setParameter(2, jobExecutionId).executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    boolean exists(long submissionId, long jobExecutionId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM purge_submission_execution WHERE submission_id = ?1"
                + " AND job_execution_id = ?2").setParameter(1, submissionId).setParameter(2, jobExecutionId)
                .getSingleResult()).longValue() > 0;
    }
}
