package io.mediapurge.purge;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.mediapurge.access.AccessDecision;
import io.mediapurge.access.BucketGrantDirectory;
import io.mediapurge.access.BucketGrants;
import io.mediapurge.access.ForbiddenReason;
import io.mediapurge.access.PolicyEvaluator;
import io.mediapurge.access.Principal;
import io.mediapurge.access.ResourceArn;
import io.mediapurge.registry.AssetSnapshot;
import io.mediapurge.registry.MediaRegistry;
import io.mediapurge.registry.ServiceRegion;
import io.mediapurge.storage.DeletionReport;
import io.mediapurge.storage.ObjectStoreConnection;
import io.mediapurge.storage.OssObject;
import io.mediapurge.storage.OssUrl;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The one deletion pipeline every door uses (the IMS API, the batch job, the console), bulk per chunk:
 * <ol>
 * <li>registry: the chunk's selectors resolved with one query per selector kind;</li>
 * <li>permission: one policy evaluator per requester, the owners' bucket grants in one query;</li>
 * <li>deletion: every allowed asset's files in one DeleteMultipleObjects per bucket, then
 * tombstones for the assets whose files are all gone, which the caller writes in its transaction.</li>
 * </ol>
 * An asset whose files could not all be deleted stays live, so a rerun can try again. The stages
 * work on {@link AssetSnapshot}s read over JDBC, not on managed entities.
 */
@ApplicationScoped
public class PurgePipeline {

    public static final String ACTION = "ice:DeleteMediaInfos";

    @Inject
    MediaRegistry registry;

    @Inject
    BucketGrantDirectory bucketGrants;

    @Inject
    ObjectStoreConnection objectStore;

    @Inject
    ServiceRegion region;

    /** A selector that reached the deletion stage: its asset, and whether it may go. */
    public record Allowed(Selector selector, AssetSnapshot asset) {
    }

    /**
     * The registry and permission stages for a chunk: the decided results (ignored, forbidden) and the allowed rest;
     * {@code locked} as in {@link Resolved}.
     */
    public record Screened(List<ItemResult> decided, List<Allowed> allowed, boolean locked) {
    }

    /**
     * The deletion stage's answer: each allowed selector's result, in order, the OSS requests it
     * took, and the assets to tombstone (deleted at {@code at}), which the caller writes.
     */
    public record Deletion(List<ItemResult> results, int ossRequests, List<Long> tombstones, OffsetDateTime at) {
    }

    /**
     * The registry stage for a chunk: the ignored selectors decided, the rest with their assets.
     *
     * @param locked the found assets' rows were locked as they were read, until the transaction ends:
     *        the deletion stage need not lock and read them again
     */
    public record Resolved(List<ItemResult> ignored, Map<Selector, AssetSnapshot> found, Map<String, BucketGrants> grants,
            boolean locked) {
    }

    /** The registry stage for one chunk on its own: the owners' bucket grants are read with it. */
    public Resolved resolve(List<Selector> selectors, String requesterAccount, boolean withBucketGrants, boolean forDeletion) {
        return resolve(selectors, requesterAccount, withBucketGrants, forDeletion, bucketGrants::forAccounts);
    }

    /**
     * The registry stage: the chunk's selectors resolved with one registry query per selector kind and, when
     * files are to be deleted, the owners' bucket grants from {@code grantsOf} (one query, or a
     * driver's cache). A URL names the requester's account's asset of that file when there is
     * one: another account registering the same object never stands in for it. Nothing is changed.
     * {@code forDeletion}: the caller's transaction goes on to the deletion stage, so the assets'
     * rows are locked as they are read when one query reads them all (the answer says so). Two
     * queries' locks, each set in ID order, would not be in one order, and two transactions taking
     * them could deadlock: then the deletion stage locks them, in one statement.
     */
    public Resolved resolve(List<Selector> selectors, String requesterAccount, boolean withBucketGrants, boolean forDeletion,
            Function<List<String>, Map<String, BucketGrants>> grantsOf) {
        Map<Selector, OssObject> urls = new HashMap<>();
        List<String> mediaIds = new ArrayList<>();
        for (Selector s : selectors) {
            if (s.type() == SelectorType.MEDIA_ID) {
                mediaIds.add(s.text());
            } else if (OssUrl.parse(s.text(), region.id()) instanceof OssUrl.Accepted accepted) {
                urls.put(s, accepted.url().object());
            }
        }
        boolean lock = forDeletion && (mediaIds.isEmpty() || urls.isEmpty());
        Map<String, AssetSnapshot> byId = mediaIds.isEmpty() ? Map.of() : registry.snapshotsByMediaIds(mediaIds, lock);
        Map<OssObject, AssetSnapshot> byFile = urls.isEmpty() ? Map.of()
                : registry.snapshotsByFiles(urls.values(), requesterAccount, lock);

        List<ItemResult> ignored = new ArrayList<>();
        Map<Selector, AssetSnapshot> found = new LinkedHashMap<>();
        for (Selector s : selectors) {
            boolean wellFormed = s.type() == SelectorType.MEDIA_ID ? MediaRegistry.isMediaId(s.text()) : urls.containsKey(s);
            AssetSnapshot asset = !wellFormed ? null
                    : s.type() == SelectorType.MEDIA_ID ? byId.get(s.text()) : byFile.get(urls.get(s));
            PipelineDecisions.ignored(s, wellFormed, asset).ifPresentOrElse(ignored::add, () -> found.put(s, asset));
        }
        Map<String, BucketGrants> grants = withBucketGrants && !found.isEmpty()
                ? grantsOf.apply(found.values().stream().map(AssetSnapshot::ownerUid).distinct().toList())
                : Map.of();
        return new Resolved(ignored, found, grants, lock);
    }

    /** The permissions the permission stage evaluates for one requester: build once per requester and chunk. */
    public static PolicyEvaluator.ForAction permissions(Principal requester) {
        return PolicyEvaluator.forPrincipal(requester).forAction(ACTION);
    }

    /**
     * The permission stage for one asset: the requester's policy on it and, for physical deletion, a grant
     * for every bucket that holds its files. Empty when it may go.
     */
    public Optional<ItemResult> forbidden(PolicyEvaluator.ForAction permissions, Map<String, BucketGrants> grants,
            boolean deletePhysicalFiles, Selector selector, AssetSnapshot asset) {
        AccessDecision decision = permissions.decide(ResourceArn.media(asset.region(), asset.ownerUid(), asset.mediaId()));
        ForbiddenReason forbidden = decision.forbiddenReason().orElse(null);
        if (forbidden == null && deletePhysicalFiles) {
            BucketGrants owners = grants.get(asset.ownerUid());
            forbidden = (owners == null ? BucketGrants.none(asset.ownerUid()) : owners).check(asset.buckets()).orElse(null);
        }
        return forbidden == null ? Optional.empty()
                : Optional.of(new ItemResult(selector, Outcome.FORBIDDEN, forbidden.name(), asset.mediaId(), 0, 0));
    }

    /**
     * The registry and permission stages for one requester's chunk: nothing is changed anywhere.
     * {@code forDeletion} as in {@link #resolve(List, String, boolean, boolean, Function)}.
     */
    public Screened screen(Principal requester, boolean deletePhysicalFiles, boolean forDeletion, List<Selector> selectors) {
        Resolved resolved = resolve(selectors, requester.accountUid(), deletePhysicalFiles, forDeletion);
        List<ItemResult> decided = new ArrayList<>(resolved.ignored());
        List<Allowed> allowed = new ArrayList<>();
        PolicyEvaluator.ForAction permissions = permissions(requester);
        resolved.found().forEach((selector, asset) -> forbidden(permissions, resolved.grants(), deletePhysicalFiles, selector, asset)
                .ifPresentOrElse(decided::add, () -> allowed.add(new Allowed(selector, asset))));
        return new Screened(decided, allowed, resolved.locked());
    }

    /** What a dry run answers for the allowed: they would be deleted; nothing is touched. */
    public List<ItemResult> wouldDelete(Collection<Allowed> allowed) {
        return allowed.stream().map(a -> wouldDelete(a.selector(), a.asset())).toList();
    }

    /** What a dry run answers for one allowed selector and its asset. */
    public ItemResult wouldDelete(Selector selector, AssetSnapshot asset) {
        return new ItemResult(selector, Outcome.WOULD_DELETE, null, asset.mediaId(), 0, 0);
    }

    /**
     * The deletion stage, inside the caller's transaction: OSS first, then the registry, only for
     * the assets OSS confirmed gone: those are the answer's tombstones, for the caller to write in
     * the same transaction ({@link MediaRegistry#tombstone}, or with its own statement). A key
     * already missing counts as deleted. {@code lockedWhenResolved}: the assets were read under
     * their rows' locks in this transaction ({@link Resolved#locked()}).
     */
    public Deletion delete(Collection<Allowed> allowed, boolean deletePhysicalFiles, boolean lockedWhenResolved) {
        // Another run (or call) may have deleted an asset since it was resolved, unless it was read
        // under its lock: its row is locked and read again, and what is a tombstone now is IGNORED,
        // its files left alone.
        Set<Long> deletedMeanwhile = lockedWhenResolved ? Set.of()
                : registry.lockForDeletion(allowed.stream().map(Allowed::asset).toList());
        DeletionReport report = null;
        if (deletePhysicalFiles) {
            Set<OssObject> files = new HashSet<>();
            allowed.stream().filter(a -> !deletedMeanwhile.contains(a.asset().id()))
                    .forEach(a -> a.asset().files().forEach(f -> files.add(f.object())));
            report = files.isEmpty() ? null : objectStore.gateway().delete(files);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Map<Long, ItemResult> byAsset = new HashMap<>();
        List<ItemResult> results = new ArrayList<>();
        List<Long> tombstones = new ArrayList<>();
        for (Allowed a : allowed) {
            AssetSnapshot asset = a.asset();
            ItemResult earlier = byAsset.get(asset.id());
            if (earlier != null) {
                // Two selectors of one asset: it is deleted (or failed) once, and both say so.
                results.add(PipelineDecisions.sameAsset(a.selector(), earlier));
                continue;
            }
            ItemResult result = PipelineDecisions.deleted(a.selector(), asset, deletedMeanwhile.contains(asset.id()),
                    report == null ? null : firstFailure(report, asset), deletePhysicalFiles);
            if (PipelineDecisions.tombstones(result)) {
                tombstones.add(asset.id());
            }
            byAsset.put(asset.id(), result);
            results.add(result);
        }
        return new Deletion(results, report == null ? 0 : report.requests(), tombstones, now);
    }

    private static String firstFailure(DeletionReport report, AssetSnapshot asset) {
        for (AssetSnapshot.File f : asset.files()) {
            var outcome = report.outcomeOf(f.object());
            if (outcome.isPresent() && outcome.get().errorCode() != null) {
                return outcome.get().errorCode();
            }
        }
        return null;
    }
}
