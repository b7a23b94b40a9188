package io.mediapurge.purge.batch;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Moments of a run where a test can hold the server still and kill it, deterministically: set
 * {@code mediapurge.test.pause-at} (or {@code MEDIAPURGE_TEST_PAUSE_AT}) to one of the names below;
 * the run logs {@code MediaPurge pause point NAME reached} and waits there for good, so the test
 * kills the server when it reads that line. Unset (always in production), a pause point costs a
 * string comparison.
 *
 * <ul>
 *   <li>{@code run-begins}: an execution exists in the batch runtime, its own record not yet written;</li>
 *   <li>{@code chunk-written:N}: the N-th chunk this server writes (and every one after it) has
 *       deleted its files in OSS and changed its rows, not yet committed;</li>
 *   <li>{@code run-ends}: the run's record and its submission are ended, the batch runtime has
 *       not yet written the run's own end.</li>
 * </ul>
 */
final class PausePoint {

    private static final Logger LOG = Logger.getLogger(PausePoint.class.getName());
    private static final String SETTING = setting();
    private static final AtomicInteger CHUNKS = new AtomicInteger();

    static final String RUN_BEGINS = "run-begins";
    static final String RUN_ENDS = "run-ends";
    private static final String CHUNK_WRITTEN = "chunk-written:";

    private PausePoint() {
    }

    static void at(String name) {
        if (name.equals(SETTING)) {
            hold(name);
        }
    }

    /** After a chunk's OSS deletion, before its commit. */
    static void chunkWritten() {
        if (SETTING != null && SETTING.startsWith(CHUNK_WRITTEN)
                && CHUNKS.incrementAndGet() >= Integer.parseInt(SETTING.substring(CHUNK_WRITTEN.length()))) {
            hold(SETTING);
        }
    }

    private static void hold(String name) {
        LOG.warning("MediaPurge pause point " + name + " reached");
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String setting() {
        String value = System.getProperty("mediapurge.test.pause-at", System.getenv("MEDIAPURGE_TEST_PAUSE_AT"));
        return value == null || value.isBlank() ? null : value.strip();
    }
}
