package io.mediapurge.purge.batch;

import java.util.HashMap;
import java.util.Map;

import io.mediapurge.access.PolicyEvaluator;
import io.mediapurge.access.Principal;
import io.mediapurge.purge.ItemResult;
import io.mediapurge.purge.Outcome;
import io.mediapurge.purge.PurgePipeline;

import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The processor: the pipeline's permission stage per item, from one compiled evaluator per requester.
 * In a dry run, what would be deleted is decided here and nothing reaches OSS.
 */
@Named
@Dependent
public class PermissionProcessor implements ItemProcessor {

    @Inject
    PurgePipeline pipeline;

    private final Map<Principal, PolicyEvaluator.ForAction> evaluators = new HashMap<>();

    @Override
    public Object processItem(Object item) {
        PurgeItem work = (PurgeItem) item;
        if (work.decided() != null) {
            return work;
        }
        PolicyEvaluator.ForAction permissions = evaluators.computeIfAbsent(work.requester(), PurgePipeline::permissions);
        var forbidden = pipeline.forbidden(permissions, work.grants(), work.physical(), work.request().selector(), work.asset());
        if (forbidden.isPresent()) {
            return work.decide(forbidden.get());
        }
        if (work.dryRun()) { // the submission's own flag, the one place a run's dry run is decided
            return work.decide(new ItemResult(work.request().selector(), Outcome.WOULD_DELETE, null,
                    work.asset().mediaId(), 0, 0));
        }
        return work;
    }
}
