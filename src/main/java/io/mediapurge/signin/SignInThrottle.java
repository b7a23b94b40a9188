package io.mediapurge.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Repeated failed sign-ins for one username lock it for a while, longer after every further
 * failure: after {@link #FREE_ATTEMPTS} failures 30 s, then 60 s, 120 s, ... up to 15 minutes. A
 * success clears it. It counts per username whether or not the user exists, so it tells an
 * attacker nothing; it is per server (a cluster of n servers allows n times as many guesses).
 */
@ApplicationScoped
public class SignInThrottle {

    static final int FREE_ATTEMPTS = 5;
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
    /** Enough names to remember for any real attack on one server; beyond it the oldest entries go. */
    static final int MAX_TRACKED = 100_000;

    private record Failures(int count, Instant lockedUntil) {
    }

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
    Clock clock = Clock.systemUTC();

    /** True while the username may not sign in, whatever the password. */
    public boolean locked(String username) {
        Failures f = failures.get(key(username));
        return f != null && f.lockedUntil() != null && clock.instant().isBefore(f.lockedUntil());
    }

    public void failed(String username) {
        if (failures.size() > MAX_TRACKED) {
            failures.clear();
        }
        failures.compute(key(username), (k, f) -> {
            int count = f == null ? 1 : f.count() + 1;
            if (count < FREE_ATTEMPTS) {
                return new Failures(count, null);
            }
            long factor = 1L << Math.min(20, count - FREE_ATTEMPTS);
            Duration lock = FIRST_LOCK.multipliedBy(factor);
            return new Failures(count, clock.instant().plus(lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock));
        });
    }

    public void succeeded(String username) {
        failures.remove(key(username));
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
