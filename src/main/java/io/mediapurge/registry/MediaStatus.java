package io.mediapurge.registry;

/** IMS media status; a deleted asset stays as a tombstone for audit. */
public enum MediaStatus {
    Normal, Deleted
}
