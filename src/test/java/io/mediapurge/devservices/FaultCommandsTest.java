package io.mediapurge.devservices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The admin fault format, command by command. */
class FaultCommandsTest {

    @Test
    void everyCommandTakesEffect() {
        Faults faults = new Faults();
        FaultCommands.apply("""
                latency 10ms 30ms   # random
                error DeleteMultipleObjects 503 times=2
                error PutObject 429 code=Throttling times=1
                error * 500 rate=0
                key-failure AccessDenied media/held key with spaces.mp4
                outage stall 1.5s
                """, faults);

        for (int i = 0; i < 50; i++) {
            long latency = faults.latencyMillis();
            assertTrue(latency >= 10 && latency <= 30, latency + " ms");
        }
        assertEquals(Optional.of(new Faults.InjectedError(503, "ServiceUnavailable")),
                faults.errorFor(OssOperation.DELETE_MULTIPLE_OBJECTS));
        assertEquals(Optional.of(new Faults.InjectedError(503, "ServiceUnavailable")),
                faults.errorFor(OssOperation.DELETE_MULTIPLE_OBJECTS));
        assertEquals(Optional.empty(), faults.errorFor(OssOperation.DELETE_MULTIPLE_OBJECTS), "times=2 used up");
        assertEquals(Optional.of(new Faults.InjectedError(429, "Throttling")), faults.errorFor(OssOperation.PUT_OBJECT));
        assertEquals(Optional.of(new Faults.InjectedError(403, "AccessDenied")),
                faults.keyFailure("media", "held key with spaces.mp4"));
        Duration left = faults.currentOutage().orElseThrow().getValue();
        assertEquals(Faults.Outage.STALL, faults.currentOutage().orElseThrow().getKey());
        assertTrue(left.compareTo(Duration.ofMillis(1500)) <= 0 && left.compareTo(Duration.ofMillis(1000)) > 0);

        FaultCommands.apply("clear", faults);
        assertEquals(0, faults.latencyMillis());
        assertEquals(Optional.empty(), faults.currentOutage());
        assertEquals(Optional.empty(), faults.keyFailure("media", "held key with spaces.mp4"));
    }

    @Test
    void aWrongLineIsNamedAndNothingApplies() {
        Faults faults = new Faults();
        for (String script : new String[] {"error Nonsense 503", "error PutObject 200", "latency 5 minutes",
                "outage flood 5s", "key-failure AccessDenied nokey", "error PutObject 503 times=1 rate=0.5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FaultCommands.apply("latency 100ms\n" + script, faults), script);
            assertTrue(e.getMessage().startsWith("line 2: "), e.getMessage());
            assertEquals(0, faults.latencyMillis(), "the valid first line was not applied either");
        }
    }
}
