package io.mediapurge.purge;

/** How a request names its asset: by MediaId or by the URL of one of its files. */
public enum SelectorType {
    MEDIA_ID, URL
}
