package io.mediapurge.launcher.jobstore;

import java.io.IOException;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import com.ibm.jbatch.container.exception.PersistenceException;
import com.ibm.jbatch.container.persistence.CheckpointData;
import com.ibm.jbatch.container.persistence.CheckpointDataKey;
import com.ibm.jbatch.container.servicesmanager.ServiceTypes;
import com.ibm.jbatch.container.status.StepStatus;
import com.ibm.jbatch.spi.BatchSPIManager;
import com.ibm.jbatch.spi.services.IBatchConfig;

import fish.payara.jbatch.persistence.rdbms.PostgresPersistenceManager;

import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Payara's PostgreSQL job repository, with the writes the batch runtime makes at the end of every
 * chunk sent at the chunk's commit, in one statement. Payara saves the reader's and the writer's
 * checkpoints (each a SELECT to see whether the row exists, then an UPDATE or an INSERT) and the
 * step's status (an UPDATE): five database round trips of the ten a chunk cost. Here, inside a
 * transaction, they wait in the transaction's {@link PendingWrites} and reach PostgreSQL just
 * before it commits, as one statement (a checkpoint's row updated, or inserted when there is none):
 * one round trip.
 *
 * <p>Same rows, same bytes, same transaction. A chunk that rolls back drops them with its own
 * writes, as before; a failure to write them fails the commit, as a failed UPDATE failed the chunk.
 * A read of a checkpoint or a step status inside the transaction sends what waits first. Outside a
 * transaction, and for everything else, Payara's code runs unchanged.
 *
 * <p>It lives in the launcher's jar, a server library beside the batch runtime, which loads it by
 * name once {@link #chooseForBatchRuntime()} has named it: the application does that on PostgreSQL
 * when it deploys, before its first use of the batch runtime.
 */
public class ChunkCommitJobRepository extends PostgresPersistenceManager {

    private static final String TRANSACTIONS = "java:comp/TransactionSynchronizationRegistry";
    private static final Object KEY = ChunkCommitJobRepository.class;

    private volatile TransactionSynchronizationRegistry transactions;

    /**
     * Names this class as the batch runtime's persistence service. Payara names its own when the
     * server starts, through the same programmatic settings, which the runtime reads the first time
     * it is used (by then this has to have run): a later name replaces the earlier one.
     */
    public static void chooseForBatchRuntime() {
        Properties choice = new Properties();
        choice.setProperty(ServiceTypes.PERSISTENCE_MANAGEMENT_SERVICE, ChunkCommitJobRepository.class.getName());
        BatchSPIManager.getInstance().registerBatchContainerOverrideProperties(choice);
    }

    @Override
    public void init(IBatchConfig batchConfig) {
        super.init(batchConfig);
        try {
            transactions = (TransactionSynchronizationRegistry) new InitialContext().lookup(TRANSACTIONS);
        } catch (NamingException e) {
            throw new PersistenceException(e);
        }
        Logger.getLogger(ChunkCommitJobRepository.class.getName())
                .info("Job repository: PostgreSQL, each chunk's checkpoints and step status written at its commit in one statement");
    }

    @Override
    public void updateCheckpointData(CheckpointDataKey key, CheckpointData value) {
        PendingWrites pending = pendingWrites();
        if (pending == null) {
            super.updateCheckpointData(key, value);
        } else {
            pending.checkpoint(key.getCommaSeparatedKey(), bytes(value));
        }
    }

    @Override
    public void updateStepStatus(long stepExecutionId, StepStatus stepStatus) {
        PendingWrites pending = pendingWrites();
        if (pending == null) {
            super.updateStepStatus(stepExecutionId, stepStatus);
        } else {
            // serialised now: the runtime changes the same StepStatus object after this call
            pending.stepStatus(stepExecutionId, bytes(stepStatus));
        }
    }

    @Override
    public CheckpointData getCheckpointData(CheckpointDataKey key) {
        sendPending();
        return super.getCheckpointData(key);
    }

    @Override
    public StepStatus getStepStatus(long instanceId, String stepName) {
        sendPending();
        return super.getStepStatus(instanceId, stepName);
    }

    /** This transaction's pending writes, registered with it on first use; null outside an active transaction. */
    private PendingWrites pendingWrites() {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return null;
        }
        PendingWrites pending = (PendingWrites) transactions.getResource(KEY);
        if (pending == null) {
            pending = new PendingWrites(this::send);
            transactions.putResource(KEY, pending);
            transactions.registerInterposedSynchronization(pending);
        }
        return pending;
    }

    private void sendPending() {
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE
                && transactions.getResource(KEY) instanceof PendingWrites pending) {
            pending.send();
        }
    }

    /** Runs the pending writes' statement on the transaction's connection (the search path set as for Payara's own). */
    private void send(PendingWrites pending) {
        String sql = pending.sql(tableNames.get("CHECKPOINT_TABLE_KEY"), tableNames.get("STEP_STATUS_TABLE_KEY"));
        try (Connection connection = getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            pending.bind(statement);
            statement.execute();
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }

    private byte[] bytes(Serializable value) {
        try {
            return serializeObject(value);
        } catch (IOException e) {
            throw new PersistenceException(e);
        }
    }
}
