package io.mediapurge.schedule;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/**
 * A rule's five-field Unix cron expression (minute hour day month weekday) read in its time zone:
 * the fire times after an instant and the schedule in words. The arithmetic and the words are
 * cron-utils'; this class only fixes the dialect and refuses what cannot be scheduled.
 */
public final class CronSchedule {

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronDescriptor WORDS = CronDescriptor.instance(Locale.UK);

    private final String expression;
    private final ZoneId zone;
    private final Cron cron;
    private final ExecutionTime times;

    /** A field of a schedule that cannot be used, and why. */
    public static final class Invalid extends IllegalArgumentException {
        private final String field;

        Invalid(String field, String message) {
            super(message, null);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private CronSchedule(String expression, ZoneId zone, Cron cron) {
        this.expression = expression;
        this.zone = zone;
        this.cron = cron;
        this.times = ExecutionTime.forCron(cron);
    }

    /**
     * The schedule of {@code expression} in {@code timeZone} (a region such as Asia/Shanghai, or
     * UTC); {@link Invalid} names {@code cron} or {@code timeZone} when one of them is unusable.
     */
    public static CronSchedule of(String expression, String timeZone) {
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone);
        } catch (DateTimeException | NullPointerException e) {
            throw new Invalid("timeZone", "not a known time zone (use a region such as Asia/Shanghai, or UTC)");
        }
        if (expression == null || expression.isBlank() || expression.length() > 128) {
            throw new Invalid("cron", "must be a five-field Unix cron expression (minute hour day month weekday)");
        }
        String trimmed = expression.trim();
        if (trimmed.split("\\s+").length != 5) {
            throw new Invalid("cron", "must have exactly five fields (minute hour day month weekday), e.g. \"0 3 * * *\"");
        }
        Cron cron;
        try {
            cron = UNIX.parse(trimmed).validate();
        } catch (RuntimeException e) {
            throw new Invalid("cron", "not a valid cron expression: " + printable(e.getMessage()));
        }
        CronSchedule schedule = new CronSchedule(trimmed, zone, cron);
        Instant now = Instant.now();
        Optional<Instant> first;
        try {
            first = schedule.nextAfter(now);
        } catch (RuntimeException e) {
            first = Optional.empty();
        }
        if (first.isEmpty()) {
            throw new Invalid("cron", "never fires (no such date)");
        }
        return schedule;
    }

    /** The first fire time strictly after {@code instant}; empty when there is none. */
    public Optional<Instant> nextAfter(Instant instant) {
        return times.nextExecution(ZonedDateTime.ofInstant(instant, zone)).map(ZonedDateTime::toInstant);
    }

    /** The next {@code count} fire times after {@code instant}, in the rule's time zone. */
    public List<ZonedDateTime> next(Instant instant, int count) {
        List<ZonedDateTime> fires = new ArrayList<>(count);
        ZonedDateTime at = ZonedDateTime.ofInstant(instant, zone);
        for (int i = 0; i < count; i++) {
            Optional<ZonedDateTime> next = times.nextExecution(at);
            if (next.isEmpty()) {
                break;
            }
            fires.add(next.get());
            at = next.get();
        }
        return fires;
    }

    /** The schedule in words, e.g. "At 03:00, every day (Asia/Shanghai)". */
    public String description() {
        String words = WORDS.describe(cron).trim();
        if (!words.isEmpty()) {
            words = Character.toUpperCase(words.charAt(0)) + words.substring(1);
        }
        String[] fields = expression.split("\\s+");
        // cron-utils says only "at 03:00" for a time of day on every day; the day is worth saying.
        boolean timeOfDay = fields[0].matches("\\d+") && fields[1].matches("\\d+");
        if (timeOfDay && fields[2].equals("*") && fields[3].equals("*") && fields[4].equals("*")) {
            words += ", every day";
        }
        return words + " (" + zone.getId() + ")";
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    private static String printable(String message) {
        if (message == null) {
            return "unreadable";
        }
        String cleaned = message.replaceAll("[^\\x20-\\x7e]", "?");
        return cleaned.length() > 200 ? cleaned.substring(0, 200) + "…" : cleaned;
    }
}
