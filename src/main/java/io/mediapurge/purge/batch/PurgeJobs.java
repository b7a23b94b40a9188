package io.mediapurge.purge.batch;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import io.mediapurge.purge.SubmissionStatus;
import io.mediapurge.purge.Submissions;

import jakarta.batch.operations.JobExecutionIsRunningException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Starting and steering {@code purge-media} runs: the one place the doors (REST, console,
 * schedules) go through, so every rule about which run may be restarted, stopped or abandoned
 * lives here.
 */
@ApplicationScoped
public class PurgeJobs {

    public static final String JOB = "purge-media";
    static final Set<BatchStatus> RESTARTABLE = Set.of(BatchStatus.FAILED, BatchStatus.STOPPED);
    /** Payara's default table prefix for the job repository; payara/post-boot.asadmin keeps it. */
    static final String JOB_REPOSITORY_PREFIX = "jbatch";

    /** A run cannot do what was asked: unknown, or not in a state that allows it. */
    public static final class Refused extends RuntimeException {
        private final boolean unknown;

        Refused(String message, boolean unknown) {
            super(message, null, false, false);
            this.unknown = unknown;
        }

        /** True when no such execution exists (404), false when it exists but may not (409). */
        public boolean unknown() {
            return unknown;
        }
    }

    private final JobOperator operator = BatchRuntime.getJobOperator();

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Inject
    ExecutionStats stats;

    @Inject
    Submissions submissions;

    /** Starts a run over one submission's pending requests (null: every pending request). */
    public long start(Long submissionId, boolean dryRun, int partitions) {
        Properties parameters = new Properties();
        if (submissionId != null) {
            parameters.setProperty("submissionId", String.valueOf(submissionId));
        }
        parameters.setProperty("dryRun", String.valueOf(dryRun));
        parameters.setProperty("partitions", String.valueOf(Math.max(1, partitions)));
        return operator.start(JOB, parameters);
    }

    public JobExecution execution(long executionId) {
        try {
            return operator.getJobExecution(executionId);
        } catch (NoSuchJobExecutionException e) {
            throw new Refused("no job execution " + executionId, true);
        }
    }

    /** Executions of purge-media, newest first. */
    public List<JobExecution> executions(int start, int count) {
        try {
            if (!operator.getJobNames().contains(JOB)) {
                return List.of();
            }
            return operator.getJobInstances(JOB, start, count).stream()
                    .flatMap(instance -> operator.getJobExecutions(instance).stream())
                    .sorted((a, b) -> Long.compare(b.getExecutionId(), a.getExecutionId()))
                    .toList();
        } catch (NoSuchJobException e) {
            return List.of();
        }
    }

    /** Resumes a failed or stopped run from its checkpoint; answers the new execution's ID. */
    public long restart(long executionId) {
        JobExecution execution = execution(executionId);
        if (!RESTARTABLE.contains(execution.getBatchStatus())) {
            throw new Refused("execution " + executionId + " is " + execution.getBatchStatus()
                    + "; only FAILED or STOPPED runs can be restarted", false);
        }
        try {
            return operator.restart(executionId, execution.getJobParameters());
        } catch (JobExecutionNotMostRecentException e) {
            throw new Refused("execution " + executionId + " was already restarted; restart the newest one", false);
        } catch (JobRestartException | JobExecutionIsRunningException e) {
            throw new Refused("execution " + executionId + " cannot be restarted: " + e.getMessage(), false);
        }
    }

    /** Asks a running execution to stop after its current chunk (it then ends STOPPED, restartable). */
    public void stop(long executionId) {
        execution(executionId);
        try {
            operator.stop(executionId);
        } catch (JobExecutionNotRunningException e) {
            throw new Refused("execution " + executionId + " is not running", false);
        }
    }

    /**
     * Ends, FAILED, an execution its dead server left open, in one transaction: its record (the
     * guard: when two servers race, the one that ends it goes on), the batch runtime's own rows
     * and its submission. The JobOperator API has no such transition: the batch runtime keeps its
     * repository in our pool, so its execution and step rows are set as its own failure would, and
     * JobOperator.restart then accepts the run and resumes it with what is still pending. Answers
     * false when the execution had already ended.
     */
    @Transactional
    public boolean failDead(long executionId, String reason) {
        if (!stats.end(executionId, reason)) {
            return false;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String exitStatus = reason.length() > 500 ? reason.substring(0, 500) : reason;
        // The partitions' own executions may stay STARTED: a restart plans its partitions afresh (PurgePartitions).
        em.createNativeQuery("UPDATE " + JOB_REPOSITORY_PREFIX + "executioninstancedata SET batchstatus = 'FAILED',"
                        + " exitstatus = ?1, endtime = ?2, updatetime = ?2 WHERE jobexecid = ?3"
                        + " AND batchstatus IN ('STARTING', 'STARTED', 'STOPPING')")
                .setParameter(1, exitStatus).setParameter(2, now).setParameter(3, executionId).executeUpdate();
        em.createNativeQuery("UPDATE " + JOB_REPOSITORY_PREFIX + "stepexecutioninstancedata SET batchstatus = 'FAILED',"
                        + " exitstatus = ?1, endtime = ?2 WHERE jobexecid = ?3 AND batchstatus IN ('STARTING', 'STARTED', 'STOPPING')")
                .setParameter(1, exitStatus).setParameter(2, now).setParameter(3, executionId).executeUpdate();
        Number submission = (Number) em.createNativeQuery("SELECT submission_id FROM purge_execution WHERE job_execution_id = ?1")
                .setParameter(1, executionId).getSingleResult();
        if (submission != null) {
            submissions.moveTo(submission.longValue(), submissions.pendingCount(submission.longValue()) == 0 ? SubmissionStatus.COMPLETED
                    : SubmissionStatus.FAILED);
        }
        return true;
    }

    /** Retires a finished execution for good: it can no longer be restarted. */
    public void abandon(long executionId) {
        execution(executionId);
        try {
            operator.abandon(executionId);
        } catch (JobExecutionIsRunningException e) {
            throw new Refused("execution " + executionId + " is running; stop it first", false);
        }
    }
}
