package io.mediapurge.devservices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** ListObjectsV2 pages: prefixes, folders at the delimiter, and resuming without loss or repeat. */
class ObjectListingTest {

    static BucketStore store(String... keys) {
        BucketStore store = BucketStore.inMemory();
        store.createBucket("b");
        for (String key : keys) {
            store.put("b", key, new byte[0], null, Map.of());
        }
        return store;
    }

    @Test
    void pagesWalkEveryKeyAndFolderOnce() {
        BucketStore store = store("a/1", "a/2", "b", "c/x/1", "c/x/2", "c/y", "d", "e/1");
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            ObjectListing page = ObjectListing.page(store.objects("b"), "", "/", null, token, 2);
            page.contents().forEach(o -> seen.add(o.key()));
            seen.addAll(page.commonPrefixes());
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertEquals(List.of("a/", "b", "c/", "d", "e/"), seen.stream().sorted().toList());
        assertEquals(3, pages);
    }

    @Test
    void prefixAndStartAfterNarrowTheListing() {
        BucketStore store = store("a", "v/1", "v/2", "v/3", "w/1");
        ObjectListing page = ObjectListing.page(store.objects("b"), "v/", null, "v/1", null, 100);
        assertEquals(List.of("v/2", "v/3"), page.contents().stream().map(StoredObject::key).toList());
        assertEquals(false, page.truncated());
        ObjectListing none = ObjectListing.page(store.objects("b"), "v/", null, null, null, 0);
        assertEquals(0, none.keyCount());
        assertEquals(null, none.nextToken());
    }

    @Test
    void foreignTokensAreRefused() {
        BucketStore store = store("a");
        assertThrows(IllegalArgumentException.class,
                () -> ObjectListing.page(store.objects("b"), "", null, null, "not base64!", 10));
        assertThrows(IllegalArgumentException.class,
                () -> ObjectListing.page(store.objects("b"), "", null, null, "eHl6", 10));
    }
}
