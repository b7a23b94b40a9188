package io.mediapurge.purge.batch;

import io.mediapurge.purge.PurgePipeline;

import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The processor: the pipeline's permission stage per item, from the requester's evaluator the reader compiled.
 * In a dry run, what would be deleted is decided here and nothing reaches OSS.
 */
@Named
@Dependent
public class PermissionProcessor implements ItemProcessor {

    @Inject
    PurgePipeline pipeline;

    @Override
    public Object processItem(Object item) {
        PurgeItem work = (PurgeItem) item;
        if (work.decided() != null) {
            return work;
        }
        var forbidden = pipeline.forbidden(work.permissions(), work.grants(), work.physical(), work.request().selector(), work.asset());
        if (forbidden.isPresent()) {
            return work.decide(forbidden.get());
        }
        if (work.dryRun()) { // the submission's own flag, the one place a run's dry run is decided
            return work.decide(pipeline.wouldDelete(work.request().selector(), work.asset()));
        }
        return work;
    }
}
