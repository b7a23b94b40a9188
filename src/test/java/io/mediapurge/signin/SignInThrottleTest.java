package io.mediapurge.signin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void fiveFailuresLockANameForThirtySecondsThenEachFurtherFailureDoublesTheLock() {
        SignInThrottle throttle = new SignInThrottle();
        MovableClock clock = new MovableClock();
        throttle.clock = clock;
        // 1. four failures are free
        for (int i = 0; i < 4; i++) {
            throttle.failed("Alice");
        }
        assertFalse(throttle.locked("alice"));
        // 2. the fifth locks the name (any case) for 30 s
        throttle.failed("alice");
        assertTrue(throttle.locked("ALICE"));
        clock.now = clock.now.plus(Duration.ofSeconds(29));
        assertTrue(throttle.locked("alice"));
        clock.now = clock.now.plus(Duration.ofSeconds(2));
        assertFalse(throttle.locked("alice"));
        // 3. the next failure locks it for 60 s
        throttle.failed("alice");
        clock.now = clock.now.plus(Duration.ofSeconds(59));
        assertTrue(throttle.locked("alice"));
        // 4. other names are not affected; a success clears the count
        assertFalse(throttle.locked("bob"));
        throttle.succeeded("alice");
        assertFalse(throttle.locked("alice"));
    }

    @Test
    void theLockNeverExceedsFifteenMinutes() {
        SignInThrottle throttle = new SignInThrottle();
        MovableClock clock = new MovableClock();
        throttle.clock = clock;
        for (int i = 0; i < 60; i++) {
            throttle.failed("mallory");
        }
        clock.now = clock.now.plus(Duration.ofMinutes(15)).plusSeconds(1);
        assertFalse(throttle.locked("mallory"));
    }
}
