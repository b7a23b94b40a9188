package io.mediapurge.purge.batch;

import java.util.List;
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

/**
 * Starting and steering {@code purge-media} runs: the one place the doors (REST, console,
 * schedules) go through, so every rule about which run may be restarted, stopped or abandoned
 * lives here. A run whose server is gone is ended first, by {@link OrphanedRuns}.
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

    @Inject
    Submissions submissions;

    @Inject
    OrphanedRuns orphans;

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
     * Ends an open execution whose server is gone, as recovery would (see {@link OrphanedRuns}).
     * Answers false when its server is alive or it had ended already.
     */
    public boolean endIfOrphaned(long executionId) {
        return orphans.endIfOrphaned(execution(executionId));
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
