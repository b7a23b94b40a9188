package io.mediapurge.devservices;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.NavigableMap;

/**
 * One page of ListObjectsV2: keys under a prefix in key order, folded into common prefixes at
 * the delimiter, resumed after a start key or continuation token. The token is opaque to
 * clients: the last key (or common prefix) of the previous page.
 */
record ObjectListing(List<StoredObject> contents, List<String> commonPrefixes, boolean truncated, String nextToken) {

    int keyCount() {
        return contents.size() + commonPrefixes.size();
    }

    /**
     * @param delimiter null for none
     * @throws IllegalArgumentException for a continuation token this endpoint did not issue
     */
    static ObjectListing page(NavigableMap<String, StoredObject> objects, String prefix, String delimiter,
            String startAfter, String continuationToken, int maxKeys) {
        String marker = startAfter == null ? "" : startAfter;
        String skipPrefix = null;
        if (continuationToken != null && !continuationToken.isEmpty()) {
            String decoded = new String(Base64.getUrlDecoder().decode(continuationToken), StandardCharsets.UTF_8);
            if (decoded.length() < 2 || (decoded.charAt(0) != 'k' && decoded.charAt(0) != 'p')) {
                throw new IllegalArgumentException("not a continuation token of this endpoint");
            }
            marker = decoded.substring(1);
            if (decoded.charAt(0) == 'p') {
                skipPrefix = marker;
            }
        }
        List<StoredObject> contents = new ArrayList<>();
        List<String> commonPrefixes = new ArrayList<>();
        String last = null;
        boolean lastIsPrefix = false;
        boolean truncated = false;
        // Keys under a prefix are contiguous in key order: start at the later of prefix and marker.
        NavigableMap<String, StoredObject> from = marker.compareTo(prefix) < 0
                ? objects.tailMap(prefix, true) : objects.tailMap(marker, false);
        for (StoredObject o : from.values()) {
            String key = o.key();
            if (!key.startsWith(prefix)) {
                break;
            }
            if (skipPrefix != null && key.startsWith(skipPrefix)) {
                continue;
            }
            String common = null;
            if (delimiter != null) {
                int at = key.indexOf(delimiter, prefix.length());
                if (at >= 0) {
                    common = key.substring(0, at + delimiter.length());
                }
            }
            if (contents.size() + commonPrefixes.size() >= maxKeys) {
                // max-keys=0 asks for no entries at all, and gets no token to resume from either.
                truncated = last != null;
                break;
            }
            if (common != null) {
                commonPrefixes.add(common);
                last = common;
                lastIsPrefix = true;
                skipPrefix = common;
            } else {
                contents.add(o);
                last = key;
                lastIsPrefix = false;
            }
        }
        String next = truncated ? Base64.getUrlEncoder().withoutPadding()
                .encodeToString(((lastIsPrefix ? "p" : "k") + last).getBytes(StandardCharsets.UTF_8)) : null;
        return new ObjectListing(contents, commonPrefixes, truncated, next);
    }
}
