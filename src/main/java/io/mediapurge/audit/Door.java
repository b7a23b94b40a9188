package io.mediapurge.audit;

/** The way in an audited attempt came through. */
public enum Door {
    CONSOLE, REST, ICE
}
