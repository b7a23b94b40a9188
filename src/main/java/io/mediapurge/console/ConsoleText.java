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

    /**
     * Why a run ended: the reason its run or recovery recorded (OSS unavailable, the failure
     * breaker, a server that stopped), else what its final status means to an operator.
     */
    static String whyItEnded(String batchStatus, String recorded) {
        return switch (batchStatus) {
            case "COMPLETED" -> recorded != null ? recorded : "Completed: every request it claimed was decided.";
            case "STOPPED" -> recorded != null ? recorded : "Stopped on request after its chunk in progress; Restart resumes it.";
            case "FAILED" -> recorded != null ? recorded
                    : "Failed on an error it could not go on from (the server log names it); Restart resumes it from its checkpoint.";
            case "ABANDONED" -> "Abandoned: it can never be restarted." + (recorded == null ? "" : " It had ended: " + recorded);
            default -> recorded;
        };
    }
}
