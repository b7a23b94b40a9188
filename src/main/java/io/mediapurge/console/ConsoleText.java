package io.mediapurge.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times and durations as every page writes them: UTC, to the second. */
final class ConsoleText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private ConsoleText() {
    }

    static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    static String time(java.util.Date t) {
        return t == null ? "" : TIME.format(t.toInstant());
    }

    static String duration(Duration d) {
        if (d == null) {
            return "";
        }
        long s = d.toSeconds();
        return s < 60 ? (d.toMillis() < 10_000 ? String.format("%.1f s", d.toMillis() / 1000.0) : s + " s")
                : s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
