package io.mediapurge.signin;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.mediapurge.database.SqlDialect;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Repeated failed sign-ins for one username lock it for a while ({@link SignInFailures} says how
 * long); a success clears it. It counts per username whether or not the user exists, so it tells
 * an attacker nothing, and in the database, so every server of a cluster counts the same failures.
 */
@ApplicationScoped
public class SignInThrottle {

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Inject
    SqlDialect dialect;

    Clock clock = Clock.systemUTC();

    /** True while the username may not sign in, whatever the password. */
    @Transactional
    public boolean locked(String username) {
        SignInFailures failures = em.find(SignInFailures.class, SignInFailures.key(username));
        return failures != null && failures.lockedAt(clock.instant());
    }

    @Transactional
    public void failed(String username) {
        Instant now = clock.instant();
        String key = SignInFailures.key(username);
        // The name's row exists (two servers counting its first failure at once both succeed), then
        // is counted under a row lock, so concurrent failures on several servers all count.
        em.createNativeQuery(dialect.insertIfAbsent("sign_in_failure", "username, failures, last_failed_at", "?1, 0, ?2",
                "t.username = ?1")).setParameter(1, key).setParameter(2, now.atOffset(ZoneOffset.UTC)).executeUpdate();
        em.find(SignInFailures.class, key, LockModeType.PESSIMISTIC_WRITE).failedAt(now);
        em.flush();
        // Names nobody has failed on for a day are forgotten, so guessed names do not pile up.
        em.createQuery("DELETE FROM SignInFailures f WHERE f.lastFailedAt < :forgotten")
                .setParameter("forgotten", now.minus(SignInFailures.REMEMBERED).atOffset(ZoneOffset.UTC)).executeUpdate();
    }

    @Transactional
    public void succeeded(String username) {
        em.createQuery("DELETE FROM SignInFailures f WHERE f.username = :username")
                .setParameter("username", SignInFailures.key(username)).executeUpdate();
    }
}
