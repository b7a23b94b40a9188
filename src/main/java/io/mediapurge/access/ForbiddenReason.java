package io.mediapurge.access;

/** Why the pipeline's permission stage forbids an item, as recorded in its FORBIDDEN outcome. */
public enum ForbiddenReason {
    /** The asset belongs to another account. */
    NOT_OWNER,
    /** A policy denies the action, no policy allows it, or the caller is no longer active. */
    POLICY_DENY,
    /** A bucket holding the asset's files is not granted to the service by the owner. */
    BUCKET_NOT_AUTHORIZED
}
