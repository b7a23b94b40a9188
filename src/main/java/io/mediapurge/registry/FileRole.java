package io.mediapurge.registry;

/** What a physical file is to its asset: the registered source, or something derived from it. */
public enum FileRole {
    SOURCE, TRANSCODE, SNAPSHOT, SUBTITLE, COVER
}
