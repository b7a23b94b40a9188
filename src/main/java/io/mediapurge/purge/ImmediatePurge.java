package io.mediapurge.purge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mediapurge.access.Principal;
import io.mediapurge.access.Principals;
import io.mediapurge.access.RamUser;
import io.mediapurge.registry.MediaRegistry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * A purge small enough to run at once (DeleteMediaInfos: at most 20 selectors): the pipeline in
 * one transaction, recorded as a submission with one request per selector, so the console shows
 * API calls beside bulk purges.
 */
@ApplicationScoped
public class ImmediatePurge {

    /** Longer selectors are refused by the doors: a column holds them as written. */
    public static final int MAX_SELECTOR_LENGTH = 4096;

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Inject
    Principals principals;

    @Inject
    PurgePipeline pipeline;

    @Inject
    MediaRegistry registry;

    /** The submission's ID and each selector's outcome, in the order the selectors were given. */
    public record Result(long submissionId, List<ItemResult> items) {

        public List<ItemResult> with(Outcome outcome) {
            return items.stream().filter(i -> i.outcome() == outcome).toList();
        }
    }

    @Transactional
    public Result run(SubmissionSource source, Principal requester, String requestedBy, boolean deletePhysicalFiles,
            boolean dryRun, List<Selector> selectors) {
        RamUser user = principals.user(requester.accountUid(), requester.userName());
        PurgeSubmission submission = new PurgeSubmission(source, user, requestedBy, deletePhysicalFiles, dryRun);
        em.persist(submission);

        PurgePipeline.Screened screened = pipeline.screen(requester, deletePhysicalFiles, !dryRun, selectors);
        List<ItemResult> results = new ArrayList<>(screened.decided());
        if (dryRun) {
            results.addAll(pipeline.wouldDelete(screened.allowed()));
        } else {
            PurgePipeline.Deletion deletion = pipeline.delete(screened.allowed(), deletePhysicalFiles, screened.locked());
            registry.tombstone(deletion.tombstones(), deletion.at());
            results.addAll(deletion.results());
        }

        Map<Selector, ItemResult> bySelector = new HashMap<>();
        results.forEach(r -> bySelector.put(r.selector(), r));
        List<ItemResult> ordered = new ArrayList<>();
        for (Selector selector : selectors) {
            ItemResult r = bySelector.get(selector);
            DeletionRequest request = new DeletionRequest(submission, selector.text(), selector.type());
            request.conclude(r.outcome(), r.reason(), r.mediaId(), r.filesDeleted(), r.bytesDeleted());
            em.persist(request);
            ordered.add(r);
        }
        submission.received(selectors.size());
        submission.moveTo(SubmissionStatus.COMPLETED);
        return new Result(submission.getId(), ordered);
    }
}
