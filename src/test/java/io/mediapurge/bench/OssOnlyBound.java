package io.mediapurge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.mediapurge.storage.DeletionReport;
import io.mediapurge.storage.ObjectStoreSettings;
import io.mediapurge.storage.OssGateway;

/**
 * The limit the endpoint's latency sets: the application's own OSS client (OssGateway, the same
 * aliyun-sdk-oss settings) deleting the files chunk by chunk exactly as purge-media groups them
 * (20 assets, one DeleteMultipleObjects per bucket, a chunk's buckets side by side), from
 * {@code threads} threads like the job's chunk threads, with no database at all.
 */
final class OssOnlyBound {

    /** What the run did; {@code notDeleted} counts keys the endpoint did not confirm. */
    record Result(long items, int threads, long notDeleted, double seconds) {
    }

    private OssOnlyBound() {
    }

    static Result run(ObjectStoreSettings settings, AssetSet set, int threads, int chunkSize) throws Exception {
        AtomicLong nextChunk = new AtomicLong();
        AtomicLong notDeleted = new AtomicLong();
        long chunks = (set.count() + chunkSize - 1) / chunkSize;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (OssGateway gateway = new OssGateway(settings)) {
            long start = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (long c = nextChunk.getAndIncrement(); c < chunks; c = nextChunk.getAndIncrement()) {
                        DeletionReport report = gateway.delete(set.filesOf(c * chunkSize, chunkSize));
                        notDeleted.addAndGet(report.failed().size());
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            return new Result(set.count(), threads, notDeleted.get(), (System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
