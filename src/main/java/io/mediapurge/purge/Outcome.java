package io.mediapurge.purge;

/** Where a deletion request stands: pending until it reaches exactly one terminal outcome. */
public enum Outcome {
    PENDING,
    DELETED,
    IGNORED,
    FORBIDDEN,
    FAILED,
    /** A dry run's answer: the registry and permission stages passed, nothing was touched. */
    WOULD_DELETE;

    public boolean isTerminal() {
        return this != PENDING;
    }
}
