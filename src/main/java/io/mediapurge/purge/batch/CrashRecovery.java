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
 * SIGKILL, crashed, lost its database for longer than the stale limit) are ended, so an operator
 * can restart them from their checkpoint. It sees every execution the batch runtime holds open,
 * also one whose server died before its run wrote a record of its own (the server that started an
 * execution is stored with it, as a job parameter): such a run ends FAILED with a reason; a run
 * whose listener had closed its record and its submission before the server died gets the status
 * it ended with (COMPLETED, mostly). Executions of live servers, on this machine or any other
 * sharing the database, are never touched. When several live servers find the same dead
 * execution, one of them ends it.
 */
@ApplicationScoped
public class CrashRecovery {

    private static final Logger LOG = Logger.getLogger(CrashRecovery.class.getName());

    @Inject
    ServerInstance servers;

    @Inject
    OrphanedRuns orphans;

    void afterHeartbeat(@Observes ServerInstance.Heartbeat beat) {
        recover(beat.staleAfterSeconds());
    }

    /** Ends the dead servers' open executions; answers their IDs. */
    public List<Long> recover(int staleAfterSeconds) {
        Set<String> alive = servers.alive();
        List<Long> recovered = new ArrayList<>();
        for (OrphanedRuns.Unfinished run : orphans.unfinished()) {
            long executionId = run.executionId();
            String server = run.server() != null ? run.server() : orphans.startedBy(executionId);
            if (server == null || alive.contains(server)) {
                continue; // a live server's, or one started before owners were recorded: abandon ends it
            }
            boolean ended;
            try {
                ended = orphans.end(run, server, staleAfterSeconds);
            } catch (RuntimeException e) {
                // One execution that cannot be ended now must not keep the others open: the next beat tries again.
                LOG.warning("Could not recover purge-media execution " + executionId + " yet: " + e);
                continue;
            }
            if (ended) {
                LOG.warning(run.recordEnded()
                        ? "Reconciled purge-media execution " + executionId + ": its run ended " + run.endedStatus()
                                + " but server " + server + " stopped before the batch runtime recorded it"
                        : "Recovered purge-media execution " + executionId + ": server " + server + " stopped (no heartbeat for "
                                + staleAfterSeconds + " s) while it ran; restart it to resume from its checkpoint");
                recovered.add(executionId);
            }
        }
        return recovered;
    }
}
