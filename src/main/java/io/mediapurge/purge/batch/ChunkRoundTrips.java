package io.mediapurge.purge.batch;

import io.mediapurge.database.RoundTrips;

import jakarta.batch.api.chunk.listener.AbstractChunkListener;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

/**
 * Marks where each chunk begins on its thread, so the writer can tell how many database round
 * trips the reader and the processor (the registry and permission stages) made before it (the pipeline's budget is 3 per chunk:
 * claim, registry, bucket grants). What the reader loads once per run and refresh (a submission's
 * settings, a requester's policies) is counted apart as a warm-up, not against a chunk.
 * Partitions run on threads of their own, so the marks are per thread.
 */
@Named
@Dependent
public class ChunkRoundTrips extends AbstractChunkListener {

    /** Per thread: round trips at the chunk's start, and warm-up round trips since. */
    private static final ThreadLocal<long[]> CHUNK = ThreadLocal.withInitial(() -> new long[2]);

    @Override
    public void beforeChunk() {
        long[] chunk = CHUNK.get();
        chunk[0] = RoundTrips.now();
        chunk[1] = 0;
    }

    /** Runs a cache load of the reader, its round trips counted as warm-up. */
    static <T> T warmUp(java.util.function.Supplier<T> load) {
        long before = RoundTrips.now();
        try {
            return load.get();
        } finally {
            CHUNK.get()[1] += RoundTrips.now() - before;
        }
    }

    /** Runs a cache load of the reader that answers nothing, its round trips counted as warm-up. */
    static void warmUp(Runnable load) {
        warmUp(() -> {
            load.run();
            return null;
        });
    }

    /** Warm-up round trips this thread made for its current chunk so far. */
    static long warmUpsSinceChunkStart() {
        return CHUNK.get()[1];
    }

    /** Round trips this thread made for its current chunk so far, warm-ups left out. */
    static long sinceChunkStart() {
        long[] chunk = CHUNK.get();
        return RoundTrips.now() - chunk[0] - chunk[1];
    }
}
