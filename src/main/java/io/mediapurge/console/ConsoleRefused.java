package io.mediapurge.console;

/** The signed-in user may not do what was asked; the page says so and the audit log keeps it. */
public class ConsoleRefused extends RuntimeException {
    public ConsoleRefused(String message) {
        super(message, null, false, false);
    }
}
