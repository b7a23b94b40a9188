package io.mediapurge.purge;

/** A submission's life: filled while its selectors stream in, then worked off by purge-media. */
public enum SubmissionStatus {
    RECEIVING, PENDING, RUNNING, COMPLETED, FAILED, STOPPED
}
