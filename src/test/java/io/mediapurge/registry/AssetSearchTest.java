package io.mediapurge.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The registry search's statements: which plan a file search takes, and what is bound. */
class AssetSearchTest {

    private static final AssetQuery FILES = new AssetQuery(null, "media", "50%_off/", null, null, null, null, null);

    @Test
    void aFileSearchStartsFromTheFilesUpToTheCapAndWalksTheAssetsBeyondIt() {
        // 1. up to the cap: from the files, spelled for the database at hand
        assertEquals(AssetSearch.Plan.FILES_FIRST_POSTGRESQL, AssetSearch.plan(AssetSearch.FILES_FIRST_CAP, true));
        assertEquals(AssetSearch.Plan.FILES_FIRST_PORTABLE, AssetSearch.plan(0, false));
        // 2. beyond it (the count stops one past the cap): walking the assets in the order shown
        assertEquals(AssetSearch.Plan.WALK, AssetSearch.plan(AssetSearch.FILES_FIRST_CAP + 1, true));
        assertTrue(AssetSearch.fileCount(FILES).sql().contains("FETCH FIRST " + (AssetSearch.FILES_FIRST_CAP + 1) + " ROWS ONLY"));
        assertTrue(AssetSearch.statement(FILES, null, 21, AssetSearch.Plan.FILES_FIRST_POSTGRESQL).sql().contains("a.id = ANY(ARRAY("));
        assertTrue(AssetSearch.statement(FILES, null, 21, AssetSearch.Plan.WALK).sql().contains("EXISTS (SELECT 1 FROM media_file f"
                + " WHERE f.asset_id = a.id AND "));
    }

    @Test
    void aKeyPrefixIsMatchedLiterallyAndAPageStartsAfterItsCursor() {
        OffsetDateTime at = OffsetDateTime.parse("2026-11-30T10:15:30Z");
        AssetSearch.Statement s = AssetSearch.statement(FILES, new AssetSearch.Cursor(at, 42), 21, AssetSearch.Plan.WALK);
        // 1. % and _ in a key are themselves, not wildcards
        assertEquals(List.of("media", "50!%!_off/%", at, at, 42L), s.parameters());
        // 2. newest registered first, the row ID breaking ties, the cursor's range first
        assertTrue(s.sql().endsWith(" AND a.created_at <= ? AND (a.created_at < ? OR a.id < ?)"
                + " ORDER BY a.created_at DESC, a.id DESC FETCH FIRST 21 ROWS ONLY"), s.sql());
    }
}
