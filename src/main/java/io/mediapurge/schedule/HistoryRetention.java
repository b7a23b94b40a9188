package io.mediapurge.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mediapurge.cluster.ServerInstance;
import io.mediapurge.jobrepository.ExecutionTables;

import jakarta.annotation.PostConstruct;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * History retention: submissions that ended more than {@code MEDIAPURGE_HISTORY_RETENTION_DAYS}
 * ago (90 by default) go with their items, their purge-media executions (our figures and the batch
 * runtime's own rows) and the fires that made them; so do rule fires and server rows that old.
 * Only a submission whose every run is over for good goes: its newest execution COMPLETED or
 * ABANDONED, none still running or restartable. Tombstones of deleted assets stay: they are the
 * audit of what was deleted. One server of the cluster sweeps at a time (a lease row), in small
 * batches, each in its own transaction. The executions' rows go through ExecutionTables, which
 * owns their SQL (the batch runtime's among them: JobOperator has no call to delete them).
 */
@ApplicationScoped
public class HistoryRetention {

    private static final Logger LOG = Logger.getLogger(HistoryRetention.class.getName());
    static final String TASK = "history-retention";
    /** Submissions looked at per transaction, and requests deleted per statement. */
    static final int BATCH = 100;
    static final int ITEM_BATCH = 5_000;
    /** A server that has not beaten for this long is long gone, whatever the retention. */
    static final Duration SERVER_GONE = Duration.ofDays(1);

    /** What one sweep removed. */
    public record Swept(int submissions, long items, int executions, int fires, int servers) {
    }

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Inject
    HistoryRetention self;

    @Inject
    ExecutionTables tables;

    @Inject
    @ConfigProperty(name = "mediapurge.history.retention-days", defaultValue = "90")
    String retentionSetting;

    int retentionDays;
    private final JobOperator operator = BatchRuntime.getJobOperator();

    @PostConstruct
    void configure() {
        retentionDays = days(retentionSetting);
    }

    /** The setting read as days; refused with the variable's name when it is not a whole number from 1. */
    static int days(String value) {
        try {
            int days = Integer.parseInt(value.trim());
            if (days >= 1) {
                return days;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("MEDIAPURGE_HISTORY_RETENTION_DAYS must be a whole number of days from 1 (is \""
                + value + "\")");
    }

    public int retentionDays() {
        return retentionDays;
    }

    /** One sweep at {@code now}, when this server holds the task's lease; empty answer otherwise. */
    public Swept sweep(Instant now, Duration lease) {
        if (!self.lease(now, lease)) {
            return new Swept(0, 0, 0, 0, 0);
        }
        OffsetDateTime cutoff = now.minus(Duration.ofDays(retentionDays)).atOffset(ZoneOffset.UTC);
        int submissions = 0;
        long items = 0;
        int executions = 0;
        long after = 0;
        for (List<Long> page = self.endedBefore(cutoff, after); !page.isEmpty(); page = self.endedBefore(cutoff, after)) {
            for (long id : page) {
                after = id;
                Set<Long> runs = removableRuns(id);
                if (runs == null) {
                    continue; // a run still going or restartable: kept
                }
                items += self.deleteItems(id);
                executions += self.deleteSubmission(id, runs);
                submissions++;
            }
            self.lease(now, lease);
        }
        int fires = self.deleteFires(cutoff);
        int servers = self.deleteServers(now.minus(SERVER_GONE).atOffset(ZoneOffset.UTC));
        if (submissions + fires + servers > 0) {
            LOG.info("History retention (" + retentionDays + " days): removed " + submissions + " submissions with " + items
                    + " items and " + executions + " job executions, " + fires + " rule fires, " + servers + " server rows");
        }
        return new Swept(submissions, items, executions, fires, servers);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean lease(Instant now, Duration lease) {
        return em.createNativeQuery("UPDATE maintenance_lease SET holder = ?, lease_until = ? WHERE name = ?"
                        + " AND (lease_until < ? OR holder = ?)")
                .setParameter(1, ServerInstance.ID).setParameter(2, now.plus(lease).atOffset(ZoneOffset.UTC)).setParameter(3, TASK)
                .setParameter(4, now.atOffset(ZoneOffset.UTC)).setParameter(5, ServerInstance.ID).executeUpdate() == 1;
    }

    /** Ended submissions whose last activity is older than the cutoff, after {@code afterId}, a batch at a time. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Long> endedBefore(OffsetDateTime cutoff, long afterId) {
        List<Long> ids = new ArrayList<>();
        for (Object id : em.createNativeQuery("SELECT s.id FROM purge_submission s WHERE s.status IN ('COMPLETED', 'FAILED', 'STOPPED')"
                        + " AND COALESCE(s.completed_at, s.created_at) < ? AND s.id > ?"
                        + " AND " + ExecutionTables.noRunOpenOrEndedSince("s.id")
                        + " ORDER BY s.id")
                .setParameter(1, cutoff).setParameter(2, afterId).setParameter(3, cutoff).setMaxResults(BATCH).getResultList()) {
            ids.add(((Number) id).longValue());
        }
        return ids;
    }

    /**
     * Every execution of the submission's job instances, when each instance's newest execution is
     * over for good (COMPLETED or ABANDONED, as the batch runtime itself says); null otherwise.
     */
    private Set<Long> removableRuns(long submissionId) {
        Set<Long> runs = new HashSet<>();
        for (long execution : self.recordedRuns(submissionId)) {
            JobInstance instance;
            try {
                instance = operator.getJobInstance(execution);
            } catch (NoSuchJobExecutionException e) {
                runs.add(execution); // only our own record is left
                continue;
            }
            List<JobExecution> all = operator.getJobExecutions(instance);
            JobExecution newest = all.stream().max((a, b) -> Long.compare(a.getExecutionId(), b.getExecutionId())).orElse(null);
            if (newest != null && newest.getBatchStatus() != BatchStatus.COMPLETED && newest.getBatchStatus() != BatchStatus.ABANDONED) {
                return null;
            }
            all.forEach(e -> runs.add(e.getExecutionId()));
        }
        return runs;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Long> recordedRuns(long submissionId) {
        Set<Long> ids = new HashSet<>();
        for (String sql : List.of("SELECT job_execution_id FROM purge_submission_execution WHERE submission_id = ?",
                "SELECT DISTINCT job_execution_id FROM deletion_request WHERE submission_id = ? AND job_execution_id IS NOT NULL")) {
            for (Object id : em.createNativeQuery(sql).setParameter(1, submissionId).getResultList()) {
                ids.add(((Number) id).longValue());
            }
        }
        ids.addAll(tables.recordedExecutions(submissionId));
        return List.copyOf(ids);
    }

    /** The submission's requests, a few thousand per transaction. */
    public long deleteItems(long submissionId) {
        long total = 0;
        for (int n = self.deleteSomeItems(submissionId); n > 0; n = self.deleteSomeItems(submissionId)) {
            total += n;
        }
        return total;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int deleteSomeItems(long submissionId) {
        List<?> ids = em.createNativeQuery("SELECT id FROM deletion_request WHERE submission_id = ? ORDER BY id")
                .setParameter(1, submissionId).setMaxResults(ITEM_BATCH).getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        List<Long> batch = ids.stream().map(id -> ((Number) id).longValue()).toList();
        return em.createNativeQuery("DELETE FROM deletion_request WHERE submission_id = ? AND id BETWEEN ? AND ?")
                .setParameter(1, submissionId).setParameter(2, batch.get(0)).setParameter(3, batch.get(batch.size() - 1))
                .executeUpdate();
    }

    /** The submission's runs (ours and the batch runtime's rows), the links to it, and the submission itself. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int deleteSubmission(long submissionId, Set<Long> runs) {
        for (long execution : runs) {
            tables.deleteJobRepositoryRows(execution);
        }
        em.createNativeQuery("DELETE FROM purge_submission_execution WHERE submission_id = ?").setParameter(1, submissionId)
                .executeUpdate();
        int executions = tables.deleteRecords(submissionId);
        em.createNativeQuery("UPDATE rule_fire SET submission_id = NULL WHERE submission_id = ?").setParameter(1, submissionId)
                .executeUpdate();
        em.createNativeQuery("UPDATE purge_submission SET retry_of = NULL WHERE retry_of = ?").setParameter(1, submissionId)
                .executeUpdate();
        em.createNativeQuery("DELETE FROM purge_submission WHERE id = ?").setParameter(1, submissionId).executeUpdate();
        return Math.max(executions, runs.size());
    }

    /** Ended rule fires older than the cutoff. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int deleteFires(OffsetDateTime cutoff) {
        return em.createNativeQuery("DELETE FROM rule_fire WHERE fired_at < ? AND state IN ('FIRED', 'SKIPPED', 'FAILED')"
                + " AND NOT EXISTS (SELECT 1 FROM purge_submission s WHERE s.rule_fire_id = rule_fire.id)")
                .setParameter(1, cutoff).executeUpdate();
    }

    /** Rows of servers that stopped beating long ago and have no execution left open. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int deleteServers(OffsetDateTime goneBefore) {
        return em.createNativeQuery("DELETE FROM server_instance WHERE heartbeat_at < ? AND instance_id <> ?"
                + " AND " + ExecutionTables.noOpenRunOf("server_instance.instance_id"))
                .setParameter(1, goneBefore).setParameter(2, ServerInstance.ID).executeUpdate();
    }

    static void logFailure(RuntimeException e) {
        LOG.log(Level.WARNING, "History retention failed; the next sweep tries again: " + e.getMessage());
    }
}
