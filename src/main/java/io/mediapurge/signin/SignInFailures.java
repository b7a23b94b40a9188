package io.mediapurge.signin;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A username's failed sign-ins in a row, and the lock they earned: after {@link #FREE_ATTEMPTS}
 * failures 30 s, then 60 s, 120 s, ... up to 15 minutes. A failure a day after the last one
 * starts the count again (yesterday's typos do not lock today's sign-in).
 */
@Entity
@Table(name = "sign_in_failure")
public class SignInFailures {

    static final int FREE_ATTEMPTS = 5;
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
    /** How long a name's failures are remembered after its last one. */
    static final Duration REMEMBERED = Duration.ofDays(1);

    @Id
    @Column(length = 64)
    private String username;

    @Column(nullable = false)
    private int failures;

    @Column(name = "locked_until")
    private OffsetDateTime lockedUntil;

    @Column(name = "last_failed_at", nullable = false)
    private OffsetDateTime lastFailedAt;

    protected SignInFailures() {
    }

    SignInFailures(String username) {
        this.username = key(username);
    }

    /** The name as counted: any case and surrounding spaces count as one name, at most 64 characters. */
    static String key(String username) {
        String key = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return key.length() > 64 ? key.substring(0, 64) : key;
    }

    void failedAt(Instant now) {
        boolean forgotten = lastFailedAt != null && lastFailedAt.toInstant().plus(REMEMBERED).isBefore(now);
        failures = forgotten ? 1 : failures + 1;
        lastFailedAt = now.atOffset(ZoneOffset.UTC);
        if (failures < FREE_ATTEMPTS) {
            lockedUntil = null;
            return;
        }
        Duration lock = FIRST_LOCK.multipliedBy(1L << Math.min(20, failures - FREE_ATTEMPTS));
        lockedUntil = now.plus(lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock).atOffset(ZoneOffset.UTC);
    }

    boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil.toInstant());
    }
}
