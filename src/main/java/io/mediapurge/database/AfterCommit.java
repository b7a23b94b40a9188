package io.mediapurge.database;

import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Log lines that may only be written once the caller's transaction has committed: a generated
 * credential printed for a start that then rolled back would be shown and never work.
 */
@ApplicationScoped
public class AfterCommit {

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Logs {@code message} at INFO when the current transaction commits, and never when it rolls back. */
    public void log(Logger log, String message) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    log.info(message);
                }
            }
        });
    }
}
