package io.mediapurge.startup;

import java.util.logging.Logger;

/**
 * A reason the application refuses to start. It is logged as one line and published in the
 * {@code mediapurge.startup} system property, which the launcher of {@code mediapurge.jar}
 * reads to exit non-zero (see {@code io.mediapurge.launcher.Launcher}).
 */
public final class StartupFailure extends RuntimeException {

    static final String STARTUP_PROPERTY = "mediapurge.startup";
    static final String STARTED = "started";

    private static final Logger LOG = Logger.getLogger(StartupFailure.class.getName());

    private StartupFailure(String reason, Throwable cause) {
        // The reason is the whole story for an operator; the trace would only repeat it.
        super(reason, cause, false, false);
    }

    /** Logs the reason, records it for the launcher and returns the exception that stops deployment. */
    public static StartupFailure refuse(String reason, Throwable cause) {
        LOG.severe("MediaPurge cannot start: " + reason);
        System.setProperty(STARTUP_PROPERTY, "refused: " + reason);
        return new StartupFailure(reason, cause);
    }

    /** The innermost message of a cause chain, where drivers put what actually went wrong. */
    public static String rootMessage(Throwable e) {
        String message = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message.strip().replaceAll("\\s+", " ");
    }

    /** Whether every startup step is done: checks that touch startup-built parts wait for it. */
    public static boolean started() {
        return STARTED.equals(System.getProperty(STARTUP_PROPERTY));
    }

    /** Called once, by the last startup step. */
    public static void markStarted() {
        System.setProperty(STARTUP_PROPERTY, STARTED);
    }
}
