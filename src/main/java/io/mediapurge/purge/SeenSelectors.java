package io.mediapurge.purge;

/**
 * The selectors a submission being received already holds, remembered in a fixed 1 MiB (a Bloom
 * filter over their digests), so memory stays flat whatever the size. "No" is certain and costs
 * nothing; "maybe" is asked of the database. Up to about a million selectors fewer than 1 in 100
 * "maybe"s are wrong; beyond, more are, which costs lookups, never correctness.
 */
final class SeenSelectors {

    private static final int BITS = 1 << 23;
    private static final int HASHES = 5;

    private final long[] bits = new long[BITS / 64];

    void add(String digest) {
        for (int i = 0; i < HASHES; i++) {
            int bit = bit(digest, i);
            bits[bit >>> 6] |= 1L << bit;
        }
    }

    boolean mightHold(String digest) {
        for (int i = 0; i < HASHES; i++) {
            int bit = bit(digest, i);
            if ((bits[bit >>> 6] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** A SHA-256 digest is uniform already: its 24-bit slices serve as independent hashes. */
    private static int bit(String digest, int i) {
        return Integer.parseInt(digest, i * 6, i * 6 + 6, 16) & (BITS - 1);
    }
}
