package io.mediapurge.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * JDBC work on the pool's connection, one handle per JTA transaction: a purge chunk's claim,
 * registry reads, locks and outcomes all run on the handle the first of them opened, where asking
 * the pool for a handle each time (and closing it) cost a twentieth of a chunk's CPU. The
 * transaction's statements are on one physical connection either way (the pool shares it within
 * a transaction). The handle is closed before the transaction completes, or after it rolled back;
 * outside a transaction, each piece of work opens and closes its own.
 */
@ApplicationScoped
public class TransactionConnection {

    private static final Logger LOG = Logger.getLogger(TransactionConnection.class.getName());

    /** Work on a connection, which it must not close. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Runs {@code work} on the current transaction's handle, or on a handle of its own outside one. */
    public <T> T run(Work<T> work) throws SQLException {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            try (Connection own = dataSource.getConnection()) {
                return work.on(own);
            }
        }
        Handle handle = (Handle) transactions.getResource(Handle.class);
        if (handle == null || handle.closed) {
            handle = new Handle(dataSource.getConnection());
            transactions.putResource(Handle.class, handle);
            transactions.registerInterposedSynchronization(handle);
        }
        return work.on(handle.connection);
    }

    /** The transaction's handle; closed once, by whichever of the transaction's ends comes first. */
    private static final class Handle implements Synchronization {
        private final Connection connection;
        private boolean closed;

        Handle(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void beforeCompletion() {
            close();
        }

        @Override
        public void afterCompletion(int status) {
            close(); // a rollback skips beforeCompletion
        }

        private void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "a transaction's connection handle could not be closed: {0}", e.getMessage());
            }
        }
    }
}
