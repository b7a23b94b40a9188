package io.mediapurge.purge;

/** Why a selector could not be obtained in the registry stage: it ends IGNORED with this reason. */
public enum IgnoredReason {
    /** A media ID or URL in no valid form; a URL of another host is never fetched. */
    MALFORMED,
    /** No asset has this ID, or no registered file this URL. */
    UNKNOWN,
    /** The asset is a tombstone already. */
    ALREADY_DELETED
}
