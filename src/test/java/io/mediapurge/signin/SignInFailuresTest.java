package io.mediapurge.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignInFailuresTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /** After n failures in a row (each a second apart), the name is locked for this long after the last one. */
    @ParameterizedTest(name = "{0} failures lock for {1} s")
    @CsvSource({"1, 0", "4, 0", "5, 30", "6, 60", "7, 120", "9, 480", "10, 900", "11, 900", "60, 900"})
    void theLockGrowsWithEveryFailureAfterTheFifthUpToFifteenMinutes(int failures, long lockedSeconds) {
        SignInFailures name = new SignInFailures("alice");
        Instant last = START;
        for (int i = 0; i < failures; i++) {
            last = START.plusSeconds(i);
            name.failedAt(last);
        }
        if (lockedSeconds == 0) {
            assertFalse(name.lockedAt(last));
        } else {
            assertTrue(name.lockedAt(last.plusSeconds(lockedSeconds - 1)));
            assertFalse(name.lockedAt(last.plusSeconds(lockedSeconds)));
        }
    }

    @Test
    void aFailureADayAfterTheLastStartsTheCountAgain() {
        SignInFailures name = new SignInFailures("alice");
        for (int i = 0; i < 4; i++) {
            name.failedAt(START.plusSeconds(i));
        }
        Instant nextDay = START.plus(Duration.ofDays(1)).plusSeconds(10);
        name.failedAt(nextDay);
        assertFalse(name.lockedAt(nextDay), "the fifth failure a day later is the first of a new count");
        for (int i = 1; i <= 3; i++) {
            name.failedAt(nextDay.plusSeconds(i));
        }
        assertFalse(name.lockedAt(nextDay.plusSeconds(3)));
        name.failedAt(nextDay.plusSeconds(4));
        assertTrue(name.lockedAt(nextDay.plusSeconds(5)));
    }

    @Test
    void anyCaseAndSurroundingSpacesCountAsOneName() {
        assertEquals(SignInFailures.key("alice"), SignInFailures.key("  ALICE "));
        assertEquals("", SignInFailures.key(null));
        assertEquals(64, SignInFailures.key("x".repeat(100)).length());
    }
}
