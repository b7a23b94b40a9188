package io.mediapurge.purge.batch;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mediapurge.cluster.ServerInstance;
import io.mediapurge.purge.Submissions;
import io.mediapurge.startup.StartupFailure;

import jakarta.annotation.PostConstruct;

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
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
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
    static final Set<BatchStatus> OPEN = Set.of(BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING);
    /**
     * The job parameter naming the server that started (or restarted) an execution: the batch
     * runtime stores it with the execution it creates, in the same statement, so an execution has
     * an owner from its first moment, before its run writes its own record.
     */
    static final String STARTED_BY = "startedBy";
    private static final String OPEN_STATUSES = "('STARTING', 'STARTED', 'STOPPING')";
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

    @Inject
    ServerInstance servers;

    @Inject
    PurgeJobs self; // the transactional steps go through the proxy

    @Inject
    @ConfigProperty(name = "mediapurge.purge.partitions", defaultValue = "" + DefaultPartitions.BUILT_IN)
    String partitionsSetting;

    private int defaultPartitions;

    @PostConstruct
    void configure() {
        try {
            defaultPartitions = DefaultPartitions.parse(partitionsSetting);
        } catch (IllegalArgumentException e) {
            throw StartupFailure.refuse(e.getMessage(), null);
        }
    }

    /** Reads the settings during deployment, so a bad MEDIAPURGE_PURGE_PARTITIONS refuses the start, not the first run. */
    void checkAtStartup(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        defaultPartitions();
    }

    /** How many partitions a run gets when its starter chose none. */
    public int defaultPartitions() {
        return defaultPartitions;
    }

    /**
     * An execution not ended, in the batch runtime or in its own record: who owns it (null when
     * unknown, for executions started before owners were recorded) and, when its run closed its
     * record already, how it ended.
     */
    public record Unfinished(long executionId, String server, boolean recordEnded, String endedStatus) {
    }

    /**
     * Starts a run over one submission's pending requests (null: every pending request), with
     * {@code partitions} partitions ({@link DefaultPartitions#UNSET}: the server's default). Whether
     * it is a dry run is the submission's own flag, read with each request; {@code dryRun} must
     * agree with it and is kept as a job parameter for the record (the jobs API, recovery).
     */
    public long start(Long submissionId, boolean dryRun, int partitions) {
        Properties parameters = new Properties();
        if (submissionId != null) {
            parameters.setProperty("submissionId", String.valueOf(submissionId));
            if (submissions.isDryRun(submissionId) != dryRun) {
                throw new IllegalArgumentException("submission " + submissionId + (dryRun ? " is not" : " is")
                        + " a dry run; its own flag decides");
            }
        }
        parameters.setProperty("dryRun", String.valueOf(dryRun));
        parameters.setProperty("partitions", String.valueOf(partitions == DefaultPartitions.UNSET ? defaultPartitions
                : Math.max(1, partitions)));
        parameters.setProperty(STARTED_BY, ServerInstance.ID);
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
        endIfOrphaned(executionId);
        JobExecution execution = execution(executionId);
        if (!RESTARTABLE.contains(execution.getBatchStatus())) {
            throw new Refused("execution " + executionId + " is " + execution.getBatchStatus()
                    + "; only FAILED or STOPPED runs can be restarted", false);
        }
        try {
            Properties parameters = new Properties();
            if (execution.getJobParameters() != null) {
                parameters.putAll(execution.getJobParameters());
            }
            parameters.setProperty(STARTED_BY, ServerInstance.ID);
            return operator.restart(executionId, parameters);
        } catch (JobExecutionNotMostRecentException e) {
            throw new Refused("execution " + executionId + " was already restarted; restart the newest one", false);
        } catch (JobRestartException | JobExecutionIsRunningException e) {
            throw new Refused("execution " + executionId + " cannot be restarted: " + e.getMessage(), false);
        }
    }

    /**
     * Asks a running execution to stop after its current chunk (it then ends STOPPED, restartable).
     * One whose server is gone is ended at once, FAILED and restartable, as recovery would.
     */
    public void stop(long executionId) {
        if (endIfOrphaned(executionId)) {
            return;
        }
        try {
            operator.stop(executionId);
        } catch (JobExecutionNotRunningException e) {
            throw new Refused("execution " + executionId + " is not running", false);
        }
    }

    /**
     * The executions to look at after a heartbeat: every purge-media execution the batch runtime
     * holds open (STARTING, STARTED, STOPPING), with or without a record of its own, and every
     * record not ended.
     */
    @Transactional
    public List<Unfinished> unfinished() {
        Map<Long, Unfinished> found = new LinkedHashMap<>();
        List<?> open = em.createNativeQuery("SELECT e.jobexecid, p.instance_id, p.ended_at, p.ended_status FROM "
                        + JOB_REPOSITORY_PREFIX + "executioninstancedata e JOIN " + JOB_REPOSITORY_PREFIX + "jobinstancedata i"
                        + " ON i.jobinstanceid = e.jobinstanceid LEFT JOIN purge_execution p ON p.job_execution_id = e.jobexecid"
                        + " WHERE i.name = ?1 AND e.batchstatus IN " + OPEN_STATUSES + " ORDER BY e.jobexecid")
                .setParameter(1, JOB).getResultList();
        for (Object row : open) {
            Object[] r = (Object[]) row;
            long id = ((Number) r[0]).longValue();
            found.put(id, new Unfinished(id, (String) r[1], r[2] != null, (String) r[3]));
        }
        for (Object row : em.createNativeQuery("SELECT job_execution_id, instance_id FROM purge_execution WHERE ended_at IS NULL")
                .getResultList()) {
            Object[] r = (Object[]) row;
            long id = ((Number) r[0]).longValue();
            found.putIfAbsent(id, new Unfinished(id, (String) r[1], false, null));
        }
        return List.copyOf(found.values());
    }

    /** The server that started an execution, from its job parameters; null for one started before they named it. */
    public String startedBy(long executionId) {
        Properties parameters = parameters(executionId);
        return parameters == null ? null : parameters.getProperty(STARTED_BY);
    }

    /** An execution's job parameters; null when the batch runtime has none (a record whose execution is gone). */
    private Properties parameters(long executionId) {
        try {
            return operator.getJobExecution(executionId).getJobParameters();
        } catch (NoSuchJobExecutionException e) {
            return null;
        }
    }

    /**
     * Ends an open execution whose server is gone, as recovery would: FAILED with the reason, or,
     * when its run had closed its own record, with the status that run ended with. Answers false
     * when its server is alive or it had ended already.
     */
    public boolean endIfOrphaned(long executionId) {
        JobExecution execution = execution(executionId);
        if (!OPEN.contains(execution.getBatchStatus())) {
            return false;
        }
        Unfinished run = self.unfinished().stream().filter(u -> u.executionId() == executionId).findFirst()
                .orElse(new Unfinished(executionId, null, false, null));
        String server = run.server() != null ? run.server() : startedBy(executionId);
        if (server != null && servers.alive().contains(server)) {
            return false;
        }
        return end(run, server, servers.staleAfterSeconds());
    }

    /** Ends one unfinished execution of a server that is gone; false when another server was first. */
    boolean end(Unfinished run, String server, int staleAfterSeconds) {
        if (run.recordEnded()) {
            return self.reconcile(run.executionId(), run.endedStatus() == null ? "COMPLETED" : run.endedStatus());
        }
        String reason = "server " + (server == null ? "(unrecorded)" : server) + " stopped (no heartbeat for "
                + staleAfterSeconds + " s) while this execution ran; restart it to resume from its checkpoint";
        Properties parameters = parameters(run.executionId());
        String submission = parameters == null ? null : parameters.getProperty("submissionId");
        boolean dryRun = parameters != null && Boolean.parseBoolean(parameters.getProperty("dryRun"));
        return self.failDead(run.executionId(), submission == null || submission.isBlank() ? null : Long.valueOf(submission),
                dryRun, server == null ? "unknown" : server, reason);
    }

    /**
     * Ends, FAILED, an execution its dead server left open, in one transaction: the batch
     * runtime's own rows (the guard: when two servers race, the one whose update ends it goes on,
     * the other waits for its row and finds it ended), its record (written now if its run never
     * began) and its submission. The JobOperator API has no such transition: the batch runtime
     * keeps its repository in our pool, so its execution and step rows are set as its own failure
     * would, and JobOperator.restart then accepts the run and resumes it with what is still
     * pending. Answers false when the execution had already ended.
     */
    @Transactional
    public boolean failDead(long executionId, Long submissionId, boolean dryRun, String server, String reason) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String exitStatus = reason.length() > 500 ? reason.substring(0, 500) : reason;
        int runtime = em.createNativeQuery("UPDATE " + JOB_REPOSITORY_PREFIX + "executioninstancedata SET batchstatus = 'FAILED',"
                        + " exitstatus = ?1, endtime = ?2, updatetime = ?2 WHERE jobexecid = ?3 AND batchstatus IN " + OPEN_STATUSES)
                .setParameter(1, exitStatus).setParameter(2, now).setParameter(3, executionId).executeUpdate();
        stats.recordIfAbsent(executionId, submissionId, dryRun, server);
        if (!stats.end(executionId, reason, BatchStatus.FAILED.name()) && runtime == 0) {
            return false;
        }
        // The partitions' own executions may stay STARTED: a restart plans its partitions afresh (PurgePartitions).
        em.createNativeQuery("UPDATE " + JOB_REPOSITORY_PREFIX + "stepexecutioninstancedata SET batchstatus = 'FAILED',"
                        + " exitstatus = ?1, endtime = ?2 WHERE jobexecid = ?3 AND batchstatus IN " + OPEN_STATUSES)
                .setParameter(1, exitStatus).setParameter(2, now).setParameter(3, executionId).executeUpdate();
        Number submission = submissionId != null ? submissionId
                : (Number) em.createNativeQuery("SELECT submission_id FROM purge_execution WHERE job_execution_id = ?1")
                        .setParameter(1, executionId).getSingleResult();
        if (submission != null) {
            submissions.moveTo(submission.longValue(),
                    RunEnding.submissionAfter(BatchStatus.FAILED, submissions.pendingCount(submission.longValue())));
        }
        return true;
    }

    /**
     * Writes the end of a run whose listener had closed its record and its submission when its
     * server died, before the batch runtime wrote the run's own end: the runtime's rows get the
     * status that run ended with. Answers false when it had ended already.
     */
    @Transactional
    public boolean reconcile(long executionId, String status) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int runtime = em.createNativeQuery("UPDATE " + JOB_REPOSITORY_PREFIX + "executioninstancedata SET batchstatus = ?1,"
                        + " exitstatus = COALESCE(exitstatus, ?1), endtime = ?2, updatetime = ?2 WHERE jobexecid = ?3"
                        + " AND batchstatus IN " + OPEN_STATUSES)
                .setParameter(1, status).setParameter(2, now).setParameter(3, executionId).executeUpdate();
        em.createNativeQuery("UPDATE " + JOB_REPOSITORY_PREFIX + "stepexecutioninstancedata SET batchstatus = ?1,"
                        + " exitstatus = COALESCE(exitstatus, ?1), endtime = ?2 WHERE jobexecid = ?3 AND batchstatus IN " + OPEN_STATUSES)
                .setParameter(1, status).setParameter(2, now).setParameter(3, executionId).executeUpdate();
        return runtime == 1;
    }

    /**
     * Retires an execution for good: it can no longer be restarted. A run still open whose server
     * is gone is ended first (as recovery would); only a run a live server is running is refused.
     */
    public void abandon(long executionId) {
        endIfOrphaned(executionId);
        JobExecution execution = execution(executionId);
        if (OPEN.contains(execution.getBatchStatus())) {
            throw new Refused("execution " + executionId + " is " + execution.getBatchStatus() + " on a running server;"
                    + " stop it first", false);
        }
        if (execution.getBatchStatus() == BatchStatus.ABANDONED) {
            throw new Refused("execution " + executionId + " is abandoned already", false);
        }
        try {
            operator.abandon(executionId);
        } catch (JobExecutionIsRunningException e) {
            throw new Refused("execution " + executionId + " is running; stop it first", false);
        }
    }
}
