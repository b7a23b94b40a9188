package io.mediapurge.purge.batch;

import java.util.Optional;

/**
 * When a run stops itself rather than mark every remaining request FAILED: OSS down (every file of
 * a chunk refused for a transient reason after the gateway's retries, for {@code ossDownChunks}
 * chunks in a row), or more than {@code failureRate} of the requests written failed once at least
 * {@code minItems} were. One per partition: it sees the chunks its writer writes.
 */
final class RunBreakers {

    private final int ossDownChunks;
    private final long minItems;
    private final double failureRate;
    private int consecutiveDownChunks;
    private long written;
    private long failed;

    RunBreakers(int ossDownChunks, long minItems, double failureRate) {
        this.ossDownChunks = Math.max(1, ossDownChunks);
        this.minItems = minItems;
        this.failureRate = failureRate;
    }

    /**
     * Takes the OSS answer for a chunk before its outcomes are written: the reason the run stops
     * (its chunk rolled back, its requests pending), or empty.
     *
     * @param ossDown every physical request of the chunk failed for a transient reason ({@code reason})
     */
    Optional<String> afterOss(boolean ossDown, String reason) {
        consecutiveDownChunks = ossDown ? consecutiveDownChunks + 1 : 0;
        if (ossDown && consecutiveDownChunks >= ossDownChunks) {
            return Optional.of("OSS is unavailable (" + reason + " for every file of " + consecutiveDownChunks
                    + " chunk(s) after retries): the unprocessed requests stay pending; restart when OSS is back");
        }
        return Optional.empty();
    }

    /** Takes a written chunk's counts: the reason the run stops after it, or empty. */
    Optional<String> afterWrite(int items, long failedItems) {
        written += items;
        failed += failedItems;
        if (written >= minItems && failed > written * failureRate) {
            return Optional.of(failed + " of " + written + " requests failed (more than " + Math.round(failureRate * 100)
                    + " %): the run stops so OSS or its credentials can be checked");
        }
        return Optional.empty();
    }
}
