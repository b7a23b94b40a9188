package io.mediapurge.launcher;

/** A setting that keeps MediaPurge from starting; the message is the one line an operator reads. */
public final class StartupRefused extends Exception {

    public StartupRefused(String message) {
        super(message, null, false, false);
    }
}
