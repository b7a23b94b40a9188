package io.mediapurge.purge.batch;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.mediapurge.cluster.ServerInstance;
import io.mediapurge.jobrepository.ExecutionTables;
import io.mediapurge.purge.Submissions;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Executions whose server is gone: found after a heartbeat ({@link CrashRecovery}) or when an
 * operator steers one ({@link PurgeJobs}), and ended as the batch runtime's own failure would
 * end them, so JobOperator.restart accepts them afterwards.
 */
@ApplicationScoped
public class OrphanedRuns {

    /**
     * An execution not ended, in the batch runtime or in its own record: who owns it (null when
     * unknown, for executions started before owners were recorded) and, when its run closed its
     * record already, how it ended.
     */
    public record Unfinished(long executionId, String server, boolean recordEnded, String endedStatus) {
    }

    private final JobOperator operator = BatchRuntime.getJobOperator();

    @Inject
    ExecutionTables tables;

    @Inject
    ExecutionStats stats;

    @Inject
    Submissions submissions;

    @Inject
    ServerInstance servers;

    @Inject
    OrphanedRuns self; // the transactional steps go through the proxy

    /**
     * The executions to look at after a heartbeat: every purge-media execution the batch runtime
     * holds open (STARTING, STARTED, STOPPING), with or without a record of its own, and every
     * record not ended.
     */
    @Transactional
    public List<Unfinished> unfinished() {
        Map<Long, Unfinished> found = new LinkedHashMap<>();
        for (Object[] r : tables.openExecutions(PurgeJobs.JOB)) {
            long id = ((Number) r[0]).longValue();
            found.put(id, new Unfinished(id, (String) r[1], r[2] != null, (String) r[3]));
        }
        for (Object[] r : tables.unendedRecords()) {
            long id = ((Number) r[0]).longValue();
            found.putIfAbsent(id, new Unfinished(id, (String) r[1], false, null));
        }
        return List.copyOf(found.values());
    }

    /** The server that started an execution, from its job parameters; null for one started before they named it. */
    public String startedBy(long executionId) {
        Properties parameters = parameters(executionId);
        return parameters == null ? null : parameters.getProperty(PurgeJobs.STARTED_BY);
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
    boolean endIfOrphaned(JobExecution execution) {
        long executionId = execution.getExecutionId();
        if (!PurgeJobs.OPEN.contains(execution.getBatchStatus())) {
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
        int runtime = tables.failOpenExecution(executionId, exitStatus, now);
        stats.recordIfAbsent(executionId, submissionId, dryRun, server);
        if (!stats.end(executionId, reason, BatchStatus.FAILED.name()) && runtime == 0) {
            return false;
        }
        // The partitions' own executions may stay STARTED: a restart plans its partitions afresh (PurgePartitions).
        tables.failOpenSteps(executionId, exitStatus, now);
        Long submission = submissionId != null ? submissionId : tables.submissionOf(executionId);
        if (submission != null) {
            submissions.moveTo(submission, RunEnding.submissionAfter(BatchStatus.FAILED, submissions.pendingCount(submission)));
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
        return tables.closeOpen(executionId, status, OffsetDateTime.now(ZoneOffset.UTC));
    }
}
