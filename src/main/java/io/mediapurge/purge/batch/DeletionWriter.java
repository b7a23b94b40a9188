package io.mediapurge.purge.batch;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mediapurge.database.RoundTrips;
import io.mediapurge.purge.DeletionRequest;
import io.mediapurge.purge.ItemResult;
import io.mediapurge.purge.Outcome;
import io.mediapurge.purge.PurgePipeline;
import io.mediapurge.storage.OssError;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The writer, once per chunk inside the chunk's transaction: the pipeline's deletion stage (one
 * DeleteMultipleObjects per bucket, tombstones for what OSS confirmed gone), every request's
 * outcome and the execution's counts. Files that fail after the gateway's retries make their
 * requests FAILED and the run goes on; a chunk where OSS failed everything (OSS down) or a
 * failure rate past the breaker ends the execution FAILED, this chunk rolled back and pending.
 */
@Named
@Dependent
public class DeletionWriter extends AbstractItemWriter {

    @Inject
    PurgePipeline pipeline;

    @Inject
    JobContext job;

    @Inject
    ChunkRecord record;

    @Inject
    ExecutionStats stats;

    @Inject
    @ConfigProperty(name = "mediapurge.purge.oss-down-chunks", defaultValue = "1")
    int ossDownChunks;

    @Inject
    @ConfigProperty(name = "mediapurge.purge.breaker-min-items", defaultValue = "1000")
    long breakerMinItems;

    @Inject
    @ConfigProperty(name = "mediapurge.purge.breaker-failure-rate", defaultValue = "0.5")
    double breakerFailureRate;

    private RunBreakers breakers;
    private long roundTripsMark;

    @Override
    public void open(java.io.Serializable checkpoint) {
        roundTripsMark = RoundTrips.now();
        breakers = new RunBreakers(ossDownChunks, breakerMinItems, breakerFailureRate);
    }

    @Override
    public void writeItems(List<Object> items) {
        Map<PurgeItem, ItemResult> results = new IdentityHashMap<>();
        List<PurgeItem> physical = new ArrayList<>();
        List<PurgeItem> logical = new ArrayList<>();
        for (Object item : items) {
            PurgeItem work = (PurgeItem) item;
            if (work.decided() != null) {
                results.put(work, work.decided());
            } else {
                (work.physical() ? physical : logical).add(work);
            }
        }
        long beforeWrite = ChunkRoundTrips.sinceChunkStart();
        long sinceLastWrite = RoundTrips.now() - roundTripsMark;
        roundTripsMark = RoundTrips.now();
        ExecutionStats.Delta delta = new ExecutionStats.Delta();
        delta.roundTrips(sinceLastWrite, beforeWrite, ChunkRoundTrips.warmUpsSinceChunkStart());
        List<PurgePipeline.Deletion> deletions = new ArrayList<>(2);
        delta.ossRequests(delete(physical, true, results, deletions) + delete(logical, false, results, deletions));
        checkOssIsUp(physical, results);

        long executionId = job.getExecutionId();
        List<DeletionRequest> requests = new ArrayList<>(items.size());
        for (Object item : items) {
            PurgeItem work = (PurgeItem) item;
            ItemResult r = results.get(work);
            work.request().conclude(r.outcome(), r.reason(), r.mediaId(), r.filesDeleted(), r.bytesDeleted());
            work.request().decidedBy(executionId);
            requests.add(work.request());
            delta.add(r);
        }
        // Checked before this chunk's figures lock the run's record, which the reason is written to.
        Optional<String> tripped = breakers.afterWrite(items.size(), delta.failed());
        if (tripped.isPresent()) {
            throw stopped(tripped.get());
        }
        record.write(executionId, requests, deletions, delta);
        PausePoint.chunkWritten();
    }

    /** Ends the run FAILED; the reason is kept with its record first, outside the chunk's transaction that rolls back. */
    private PurgeStopped stopped(String reason) {
        stats.failing(job.getExecutionId(), reason);
        return new PurgeStopped(reason);
    }

    /** The deletion stage for one kind of request, its answer added to {@code deletions}; answers the OSS requests it took. */
    private int delete(List<PurgeItem> works, boolean physical, Map<PurgeItem, ItemResult> results,
            List<PurgePipeline.Deletion> deletions) {
        if (works.isEmpty()) {
            return 0;
        }
        List<PurgePipeline.Allowed> allowed = works.stream()
                .map(w -> new PurgePipeline.Allowed(w.request().selector(), w.asset())).toList();
        PurgePipeline.Deletion deletion = pipeline.delete(allowed, physical, works.stream().allMatch(PurgeItem::assetLocked));
        for (int i = 0; i < works.size(); i++) {
            results.put(works.get(i), deletion.results().get(i));
        }
        deletions.add(deletion);
        return deletion.ossRequests();
    }

    /** Every file of the chunk refused for a transient reason: OSS is down, and retrying items one by one would only mark them all FAILED. */
    private void checkOssIsUp(List<PurgeItem> physical, Map<PurgeItem, ItemResult> results) {
        boolean allDown = !physical.isEmpty() && physical.stream().map(results::get)
                .allMatch(r -> r.outcome() == Outcome.FAILED && OssError.isTransientCode(r.reason()));
        Optional<String> down = breakers.afterOss(allDown, allDown ? results.get(physical.get(0)).reason() : null);
        if (down.isPresent()) {
            throw stopped(down.get());
        }
    }
}
