package io.mediapurge.signin;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.mediapurge.access.ConsoleUser;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * What each console user's sessions were granted, as the database holds it now: the user's
 * {@link ConsoleUser#accessStamp() access stamp}, read again at most every {@link #FRESH_MILLIS} ms
 * per user on each server, so a change made on any server reaches every session within seconds
 * without a database read per page.
 */
@ApplicationScoped
public class SessionAccess {

    /** The session attribute holding the stamp the session signed in with. */
    public static final String STAMP = "io.mediapurge.signin.accessStamp";
    static final long FRESH_MILLIS = 2_000;

    private record Known(Optional<String> stamp, long readAt) {
    }

    private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    /** The user's stamp now (empty: the user was removed), at most {@link #FRESH_MILLIS} ms old. */
    @Transactional
    public Optional<String> current(String username) {
        long now = System.currentTimeMillis();
        Known k = known.get(username);
        if (k == null || now - k.readAt() >= FRESH_MILLIS) {
            ConsoleUser user = em.find(ConsoleUser.class, username); // no shared cache: this reads the table
            k = new Known(Optional.ofNullable(user).map(ConsoleUser::accessStamp), now);
            known.put(username, k);
        }
        return k.stamp();
    }
}
