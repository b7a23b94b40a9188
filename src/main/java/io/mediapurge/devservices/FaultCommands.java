package io.mediapurge.devservices;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * The text format of {@code POST /_admin/faults}: one command a line, {@code #} starts a comment.
 * <pre>
 * clear
 * latency 200ms                      every request waits 200 ms
 * latency 50ms 300ms                 every request waits a random time in the range
 * error DeleteMultipleObjects 503 times=2      the next two such requests answer 503
 * error * 500 rate=0.25              a quarter of all requests answer 500, until cleared
 * error PutObject 429 code=Throttling times=1  status and OSS error code
 * outage refuse 5s                   connections refused for 5 s (also: reset, stall)
 * key-failure AccessDenied bucket/some/key     the key is never deleted, with this code
 * </pre>
 * Operation names are the OSS API names ({@link OssOperation#apiName()}); durations take
 * {@code ms} or {@code s}.
 */
final class FaultCommands {

    private FaultCommands() {
    }

    /** Applies every command, or none when a line is wrong. */
    static void apply(String script, Faults faults) {
        String[] lines = script.split("\\R");
        for (int pass = 0; pass < 2; pass++) {
            // The first pass only validates, so a bad line leaves the faults untouched.
            for (int n = 0; n < lines.length; n++) {
                String line = lines[n];
                int hash = line.indexOf('#');
                String command = (hash < 0 ? line : line.substring(0, hash)).strip();
                if (command.isEmpty()) {
                    continue;
                }
                try {
                    applyCommand(command, pass == 0 ? new Faults() : faults);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("line " + (n + 1) + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static void applyCommand(String command, Faults faults) {
        String[] words = command.split("\\s+");
        switch (words[0].toLowerCase(Locale.ROOT)) {
            case "clear" -> faults.clear();
            case "latency" -> {
                require(words.length == 2 || words.length == 3, "latency MIN [MAX]");
                Duration min = duration(words[1]);
                faults.latency(min, words.length == 3 ? duration(words[2]) : min);
            }
            case "error" -> error(words, faults);
            case "outage" -> {
                require(words.length == 3, "outage refuse|reset|stall DURATION");
                faults.outage(Faults.Outage.valueOf(words[1].toUpperCase(Locale.ROOT)), duration(words[2]));
            }
            case "key-failure" -> {
                require(words.length >= 3, "key-failure CODE BUCKET/KEY");
                String target = command.split("\\s+", 3)[2];
                int slash = target.indexOf('/');
                require(slash > 0 && slash < target.length() - 1, "key-failure CODE BUCKET/KEY");
                faults.failKey(target.substring(0, slash), target.substring(slash + 1), words[1]);
            }
            default -> throw new IllegalArgumentException("unknown command " + words[0]);
        }
    }

    private static void error(String[] words, Faults faults) {
        require(words.length >= 3, "error OPERATION|* STATUS [times=N] [rate=R] [code=CODE]");
        OssOperation operation = words[1].equals("*") ? null : OssOperation.named(words[1])
                .orElseThrow(() -> new IllegalArgumentException("unknown operation " + words[1]));
        int status = Integer.parseInt(words[2]);
        require(status >= 400 && status <= 599, "status must be 4xx or 5xx");
        Faults.InjectedError error = Faults.InjectedError.forStatus(status);
        Integer times = null;
        Double rate = null;
        for (int i = 3; i < words.length; i++) {
            String[] option = words[i].split("=", 2);
            require(option.length == 2, "options are name=value");
            switch (option[0]) {
                case "times" -> times = Integer.parseInt(option[1]);
                case "rate" -> rate = Double.parseDouble(option[1]);
                case "code" -> error = new Faults.InjectedError(status, option[1]);
                default -> throw new IllegalArgumentException("unknown option " + option[0]);
            }
        }
        if (rate != null) {
            require(times == null, "times and rate exclude each other");
            faults.failRate(operation, error, rate);
        } else {
            faults.failNext(operation, error, times == null ? Integer.MAX_VALUE : times);
        }
    }

    static Duration duration(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(new BigDecimal(t.substring(0, t.length() - 2)).longValueExact());
        }
        if (t.endsWith("s")) {
            return Duration.ofMillis(new BigDecimal(t.substring(0, t.length() - 1)).movePointRight(3).longValue());
        }
        throw new IllegalArgumentException("a duration ends with ms or s: " + text);
    }

    private static void require(boolean condition, String usage) {
        if (!condition) {
            throw new IllegalArgumentException("usage: " + usage);
        }
    }
}
