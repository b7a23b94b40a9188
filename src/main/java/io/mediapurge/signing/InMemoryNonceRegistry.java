package io.mediapurge.signing;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A nonce registry for one JVM (tests, a single development server); a cluster needs the shared one. */
public final class InMemoryNonceRegistry implements NonceRegistry {

    private static final int PRUNE_ABOVE = 10_000;

    private final Clock clock;
    private final ConcurrentMap<String, Instant> expiries = new ConcurrentHashMap<>();

    public InMemoryNonceRegistry(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean firstUse(String accessKeyId, String nonce, Instant expiresAt) {
        Instant now = clock.instant();
        if (expiries.size() > PRUNE_ABOVE) {
            expiries.values().removeIf(expiry -> expiry.isBefore(now));
        }
        // The NUL cannot occur in an AccessKeyId, so no two (key, nonce) pairs share an entry.
        String entry = accessKeyId + '\u0000' + nonce;
        boolean[] first = {false};
        expiries.compute(entry, (k, known) -> {
            if (known == null || known.isBefore(now)) {
                first[0] = true;
                return expiresAt;
            }
            return known;
        });
        return first[0];
    }
}
