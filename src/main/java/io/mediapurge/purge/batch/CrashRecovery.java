package io.mediapurge.purge.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

import io.mediapurge.cluster.ServerInstance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * After every heartbeat: the purge-media executions still open whose server is gone (killed with
 * SIGKILL, crashed, lost its database for longer than the stale limit) are ended FAILED with a
 * reason, so an operator can restart them from their checkpoint. Executions of live servers, on
 * this machine or any other sharing the database, are never touched. When several live servers
 * find the same dead execution, one of them ends it.
 */
@ApplicationScoped
public class CrashRecovery {

    private static final Logger LOG = Logger.getLogger(CrashRecovery.class.getName());

    @Inject
    ExecutionStats stats;

    @Inject
    ServerInstance servers;

    @Inject
    PurgeJobs jobs;

    void afterHeartbeat(@Observes ServerInstance.Heartbeat beat) {
        recover(beat.staleAfterSeconds());
    }

    /** Ends the dead servers' open executions; answers their IDs. */
    public List<Long> recover(int staleAfterSeconds) {
        Set<String> alive = servers.alive();
        List<Long> recovered = new ArrayList<>();
        for (ExecutionStats.Open open : stats.open()) {
            long executionId = open.executionId();
            String instance = open.server();
            if (alive.contains(instance)) {
                continue;
            }
            String reason = "server " + instance + " stopped (no heartbeat for " + staleAfterSeconds
                    + " s) while this execution ran; restart it to resume from its checkpoint";
            if (jobs.failDead(executionId, reason)) {
                LOG.warning("Recovered purge-media execution " + executionId + ": " + reason);
                recovered.add(executionId);
            }
        }
        return recovered;
    }
}
