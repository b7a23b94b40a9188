package io.mediapurge.purge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mediapurge.registry.AssetSnapshot;
import io.mediapurge.registry.MediaStatus;
import io.mediapurge.storage.OssObject;

class PipelineDecisionsTest {

    private static final String ID = "0123456789abcdef0123456789abcdef";
    private static final Selector SELECTOR = new Selector(ID, SelectorType.MEDIA_ID);

    private static AssetSnapshot asset(String status) {
        return new AssetSnapshot(7, ID, "1000000000000001", "cn-shanghai",
                status.equals("deleted") ? MediaStatus.Deleted : MediaStatus.Normal,
                List.of(new AssetSnapshot.File(new OssObject("b", "k.mp4"), 100L),
                        new AssetSnapshot.File(new OssObject("b", "k.jpg"), null)));
    }

    @ParameterizedTest(name = "well-formed {0}, asset {1}: {2}")
    @CsvSource({
            "false, none,    MALFORMED",
            "false, live,    MALFORMED",        // a malformed selector finds nothing whatever the registry holds
            "true,  none,    UNKNOWN",
            "true,  deleted, ALREADY_DELETED",
            "true,  live,    ''"})              // goes on to the permission stage
    void theRegistryStage(boolean wellFormed, String found, String reason) {
        AssetSnapshot asset = found.equals("none") ? null : asset(found);
        var ignored = PipelineDecisions.ignored(SELECTOR, wellFormed, asset);
        assertEquals(reason.isEmpty() ? null : reason, ignored.map(ItemResult::reason).orElse(null));
        ignored.ifPresent(r -> assertEquals(Outcome.IGNORED, r.outcome()));
        ignored.ifPresent(r -> assertEquals(found.equals("deleted") ? ID : null, r.mediaId()));
    }

    @ParameterizedTest(name = "deleted meanwhile {0}, OSS failure {1}, physical {2}: {3} {4}")
    @CsvSource({
            "true,  '',           true,  IGNORED, ALREADY_DELETED, 0, 0,   Normal",
            "false, AccessDenied, true,  FAILED,  AccessDenied,    0, 0,   Normal",   // stays live for a rerun
            "false, '',           true,  DELETED, '',              2, 100, Deleted",  // a file of unknown size counts 0 bytes
            "false, '',           false, DELETED, '',              0, 0,   Deleted"}) // registry only: no files deleted
    void theDeletionStage(boolean meanwhile, String failure, boolean physical, Outcome outcome, String reason, int files,
            long bytes, MediaStatus after) {
        AssetSnapshot asset = asset("live");
        ItemResult r = PipelineDecisions.deleted(SELECTOR, asset, meanwhile, failure.isEmpty() ? null : failure, physical);
        assertEquals(outcome, r.outcome());
        assertEquals(reason.isEmpty() ? null : reason, r.reason());
        assertEquals(files, r.filesDeleted());
        assertEquals(bytes, r.bytesDeleted());
        assertEquals(after == MediaStatus.Deleted, PipelineDecisions.tombstones(r)); // the asset becomes a tombstone
    }

    @Test
    void aSecondSelectorOfTheSameAssetSaysTheSameWithoutCountingItsFilesAgain() {
        ItemResult first = new ItemResult(SELECTOR, Outcome.DELETED, null, ID, 2, 100);
        Selector url = new Selector("oss://b/k.mp4", SelectorType.URL);
        assertEquals(new ItemResult(url, Outcome.DELETED, null, ID, 0, 0), PipelineDecisions.sameAsset(url, first));
    }
}
