package io.mediapurge.purge.batch;

/** Ends a purge-media execution FAILED on purpose (OSS down, failure breaker); the chunk rolls back. */
public final class PurgeStopped extends RuntimeException {

    PurgeStopped(String reason) {
        super(reason, null, false, false);
    }
}
