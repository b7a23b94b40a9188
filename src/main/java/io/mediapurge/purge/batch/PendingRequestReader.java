package io.mediapurge.purge.batch;

import java.io.Serializable;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mediapurge.access.BucketGrantDirectory;
import io.mediapurge.access.BucketGrants;
import io.mediapurge.access.PolicyEvaluator;
import io.mediapurge.access.PrincipalRef;
import io.mediapurge.access.Principals;
import io.mediapurge.database.SqlDialect;
import io.mediapurge.database.TransactionConnection;
import io.mediapurge.purge.DeletionRequest;
import io.mediapurge.purge.ItemResult;
import io.mediapurge.purge.PurgePipeline;
import io.mediapurge.purge.Selector;
import io.mediapurge.registry.AssetSnapshot;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The reader: the pipeline's registry stage. Claims pending requests in ID order past its checkpoint, a page at a time,
 * inside the chunk's transaction (row locks, skipping rows another execution or partition holds),
 * and resolves their selectors with the registry stage, in bulk. Claimed rows end terminal when the
 * chunk commits, so a restart, another partition or another server never processes them again; a
 * rolled-back chunk leaves them pending, and its execution's restart reads them again from the
 * checkpoint (the last request read).
 */
@Named
@Dependent
public class PendingRequestReader extends AbstractItemReader {

    static final int PAGE = 20;

    @Inject
    @BatchProperty
    String submissionId;

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Inject
    TransactionConnection connections;

    @Inject
    SqlDialect dialect;

    @Inject
    PurgePipeline pipeline;

    @Inject
    Principals principals;

    @Inject
    BucketGrantDirectory bucketGrants;

    private final ArrayDeque<PurgeItem> page = new ArrayDeque<>();
    /** What the reader needs of a submission: read once per run, not once per request. */
    private record SubmissionFacts(boolean physical, boolean dryRun, String requesterRef, String requesterAccount) {
    }

    /** Policies and grants are re-read this often, so a change reaches a long run within seconds. */
    static final long REFRESH_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    private final Map<Long, SubmissionFacts> submissions = new HashMap<>();
    /** Each requester's policies for the pipeline's action, compiled once per refresh period. */
    private final Map<String, PolicyEvaluator.ForAction> requesters = new HashMap<>();
    /** Owners' bucket grants; replaced (not cleared) on refresh, as the works already read hold it. */
    private Map<String, BucketGrants> grants = new HashMap<>();
    private long requestersReadAt;
    private long lastRead;
    private boolean postgreSql;

    @Override
    public void open(Serializable checkpoint) {
        lastRead = checkpoint == null ? 0 : (Long) checkpoint;
        postgreSql = dialect.postgreSql();
    }

    @Override
    public Object readItem() {
        if (page.isEmpty()) {
            claimPage();
        }
        PurgeItem next = page.poll();
        if (next != null) {
            lastRead = next.request().getId();
        }
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastRead;
    }

    private void claimPage() {
        if (System.nanoTime() - requestersReadAt > REFRESH_NANOS) {
            requesters.clear();
            grants = new HashMap<>();
            requestersReadAt = System.nanoTime();
        }
        List<DeletionRequest> claimed = claim();
        if (claimed.isEmpty()) {
            return;
        }
        ChunkRoundTrips.warmUp(() -> learnSubmissions(claimed));
        // A URL resolves among its requester's account's assets first, so a page is resolved per
        // requesting account: one group, one lookup, unless a run over every account mixes them.
        Map<String, List<DeletionRequest>> byAccount = new LinkedHashMap<>();
        boolean anyDryRun = false;
        for (DeletionRequest request : claimed) {
            SubmissionFacts facts = submissions.get(request.getSubmissionId());
            byAccount.computeIfAbsent(facts.requesterAccount(), a -> new ArrayList<>()).add(request);
            anyDryRun |= facts.dryRun();
        }
        // The assets are locked as they are read when one lookup reads them all (the pipeline's
        // rule: one set of locks a transaction); a dry run changes nothing and locks nothing.
        boolean forDeletion = byAccount.size() == 1 && !anyDryRun;
        Map<Long, PurgeItem> works = new HashMap<>();
        byAccount.forEach((account, requests) -> resolvePage(account, requests, forDeletion)
                .forEach(w -> works.put(w.request().getId(), w)));
        claimed.forEach(request -> page.add(works.get(request.getId())));
    }

    /**
     * The next page of pending requests, locked for the chunk. On PostgreSQL read over JDBC, outside
     * the persistence context (ChunkRecord writes their outcomes); on H2 as managed entities, whose
     * outcomes EclipseLink writes at the commit.
     */
    private List<DeletionRequest> claim() {
        Long submission = PendingClaim.oneSubmission(submissionId) ? Long.parseLong(submissionId.trim()) : null;
        String sql = PendingClaim.sql(submission != null, postgreSql, PAGE);
        if (postgreSql) {
            try {
                return connections.run(c -> PendingClaim.overJdbc(c, sql, lastRead, submission));
            } catch (SQLException e) {
                throw new IllegalStateException("pending requests could not be claimed: " + e.getMessage(), e);
            }
        }
        var query = em.createNativeQuery(sql, DeletionRequest.class).setParameter(1, lastRead);
        if (submission != null) {
            query.setParameter(2, submission);
        }
        @SuppressWarnings("unchecked")
        List<DeletionRequest> claimed = query.getResultList();
        return claimed;
    }

    private List<PurgeItem> resolvePage(String requesterAccount, List<DeletionRequest> requests, boolean forDeletion) {
        boolean anyPhysical = requests.stream().anyMatch(r -> submissions.get(r.getSubmissionId()).physical());
        PurgePipeline.Resolved resolved = pipeline.resolve(requests.stream().map(DeletionRequest::selector).toList(),
                requesterAccount, anyPhysical, forDeletion, this::grantsOf);
        Map<Selector, ItemResult> ignored = new HashMap<>();
        resolved.ignored().forEach(r -> ignored.put(r.selector(), r));
        List<PurgeItem> works = new ArrayList<>(requests.size());
        for (DeletionRequest request : requests) {
            SubmissionFacts facts = submissions.get(request.getSubmissionId());
            PolicyEvaluator.ForAction permissions = requesters.computeIfAbsent(facts.requesterRef(), ref -> PurgePipeline.permissions(
                    ChunkRoundTrips.warmUp(() -> principals.byRef(ref))
                            .orElseThrow(() -> new IllegalStateException("requester " + ref + " no longer exists"))));
            AssetSnapshot asset = resolved.found().get(request.selector());
            works.add(new PurgeItem(request, permissions, facts.physical(), facts.dryRun(), asset, resolved.locked(),
                    ignored.get(request.selector()), resolved.grants()));
        }
        return works;
    }

    /** The owners' bucket grants, each owner read once per refresh period. */
    private Map<String, BucketGrants> grantsOf(List<String> owners) {
        List<String> unknown = owners.stream().filter(uid -> !grants.containsKey(uid)).toList();
        if (!unknown.isEmpty()) {
            grants.putAll(ChunkRoundTrips.warmUp(() -> bucketGrants.forAccounts(unknown)));
        }
        return grants;
    }

    private void learnSubmissions(List<DeletionRequest> claimed) {
        List<Long> unknown = claimed.stream().map(DeletionRequest::getSubmissionId).distinct()
                .filter(id -> !submissions.containsKey(id)).toList();
        if (unknown.isEmpty()) {
            return;
        }
        for (Object[] row : em.createQuery("SELECT s.id, s.deletePhysicalFiles, s.dryRun, a.uid, u.name"
                        + " FROM PurgeSubmission s JOIN s.requester u JOIN u.account a WHERE s.id IN :ids", Object[].class)
                .setParameter("ids", unknown).getResultList()) {
            String ref = row[3] + "/" + row[4];
            submissions.put((Long) row[0], new SubmissionFacts((Boolean) row[1], (Boolean) row[2], ref,
                    PrincipalRef.parse(ref).map(PrincipalRef::accountUid).orElse(null)));
        }
    }
}
