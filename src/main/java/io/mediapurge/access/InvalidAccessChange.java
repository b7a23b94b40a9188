package io.mediapurge.access;

/** An access change refused before anything is saved; the message says what is wrong (with its JSON path for a policy). */
public final class InvalidAccessChange extends RuntimeException {

    public InvalidAccessChange(String message) {
        super(message, null, false, false);
    }
}
