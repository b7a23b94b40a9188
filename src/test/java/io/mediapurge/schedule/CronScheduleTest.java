package io.mediapurge.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Five-field Unix cron in a rule's time zone: fire times, words, and what is refused. */
class CronScheduleTest {

    @Test
    void nightlyInShanghaiFiresAtThreeLocalTime() {
        CronSchedule schedule = CronSchedule.of("0 3 * * *", "Asia/Shanghai");
        List<String> fires = schedule.next(Instant.parse("2026-12-01T07:51:00Z"), 5).stream().map(Object::toString).toList();
        // 1. five fire times, with the zone's offset
        assertEquals(5, fires.size());
        assertEquals("2026-12-02T03:00+08:00[Asia/Shanghai]", fires.get(0));
        assertEquals("2026-12-06T03:00+08:00[Asia/Shanghai]", fires.get(4));
        // 2. the next fire strictly after a fire time is the following day's
        assertEquals(Instant.parse("2026-12-02T19:00:00Z"), schedule.nextAfter(Instant.parse("2026-12-01T19:00:00Z")).orElseThrow());
        // 3. in words, with the zone
        assertEquals("At 03:00, every day (Asia/Shanghai)", schedule.description());
        assertEquals("Every 15 minutes (UTC)", CronSchedule.of("*/15 * * * *", "UTC").description());
    }

    @Test
    void everyMinuteStepsByAMinute() {
        CronSchedule schedule = CronSchedule.of("* * * * *", "UTC");
        assertEquals(Instant.parse("2026-12-01T08:01:00Z"), schedule.nextAfter(Instant.parse("2026-12-01T08:00:00Z")).orElseThrow());
        assertEquals(Instant.parse("2026-12-01T08:01:00Z"), schedule.nextAfter(Instant.parse("2026-12-01T08:00:30Z")).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "0 3 * *", "0 0 3 * * *", "61 * * * *", "* 25 * * *", "a b c d e", "0 3 * * 9", "0 0 31 2 *"})
    void badExpressionsNameTheCronField(String expression) {
        CronSchedule.Invalid invalid = assertThrows(CronSchedule.Invalid.class, () -> CronSchedule.of(expression, "UTC"));
        assertEquals("cron", invalid.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Mars/Olympus", "GMT+99"})
    void unknownZonesNameTheTimeZoneField(String zone) {
        CronSchedule.Invalid invalid = assertThrows(CronSchedule.Invalid.class, () -> CronSchedule.of("0 3 * * *", zone));
        assertEquals("timeZone", invalid.field());
    }
}
