package io.mediapurge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What a benchmark run does, from system properties (the {@code bench} Maven profile passes them
 * on; see the README's Benchmarks section for the defaults).
 */
record BenchSettings(
        int n,
        Duration latency,
        Duration secondLatency,
        int secondN,
        int secondNaiveItems,
        int naiveItems,
        int syncItems,
        int ossOnlyItems,
        int warmUpItems,
        int warmUpSyncItems,
        int warmUpRounds,
        double warmUpQuietShare,
        List<Integer> morePartitions,
        boolean memory,
        int memoryN,
        Duration memorySampleEvery,
        List<String> appJvmOptions,
        Path outputDir,
        Path jar,
        boolean keepDatabase,
        boolean analyze,
        String flightRecording) {

    static BenchSettings fromSystemProperties() {
        BenchSettings s = new BenchSettings(
                positive("bench.n", 100_000),
                Duration.ofMillis(nonNegative("bench.latencyMs", 5)),
                Duration.ofMillis(nonNegative("bench.secondLatencyMs", 20)),
                positive("bench.secondN", 100_000),
                positive("bench.secondNaiveItems", 400),
                positive("bench.naiveItems", 2_000),
                positive("bench.syncItems", 6_000),
                positive("bench.ossOnlyItems", 20_000),
                nonNegative("bench.warmUpItems", 40_000),
                nonNegative("bench.warmUpSyncItems", 10_000),
                positive("bench.warmUpRounds", 3),
                share("bench.warmUpQuietShare", 0.1),
                Arrays.stream(System.getProperty("bench.morePartitions", "").split(",")).map(String::trim)
                        .filter(v -> !v.isEmpty()).map(Integer::valueOf).toList(),
                Boolean.parseBoolean(System.getProperty("bench.memory", "false")),
                positive("bench.memoryN", 1_000_000),
                Duration.ofSeconds(positive("bench.memorySampleSeconds", 15)),
                Arrays.stream(System.getProperty("bench.appJvmOptions", "-Xmx256m").trim().split("\\s+"))
                        .filter(o -> !o.isEmpty()).toList(),
                Path.of(System.getProperty("bench.outputDir", "target/bench")).toAbsolutePath(),
                Path.of(System.getProperty("mediapurge.test.jar", "target/mediapurge.jar")).toAbsolutePath(),
                Boolean.parseBoolean(System.getProperty("bench.keepDatabase", "false")),
                Boolean.parseBoolean(System.getProperty("bench.analyze", "true")),
                flightRecording(System.getProperty("bench.jfr", "false").trim()));
        if (s.n % 20 != 0 || s.secondN % 20 != 0 || s.warmUpItems % 20 != 0) {
            // every run's last chunk full, so runs compare chunk for chunk
            throw new IllegalArgumentException("bench.n, bench.secondN and bench.warmUpItems must be multiples of 20");
        }
        return s;
    }

    /** {@code -Dbench.jfr=true} records with JFR's "profile" settings, any other value names a .jfc file; null: no recording. */
    private static String flightRecording(String value) {
        return value.isEmpty() || value.equals("false") ? null : value.equals("true") ? "profile" : Path.of(value).toAbsolutePath().toString();
    }

    private static double share(String name, double otherwise) {
        String text = System.getProperty(name);
        double value = text == null || text.isBlank() ? otherwise : Double.parseDouble(text.trim());
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a share from 0 to 1, not " + text);
        }
        return value;
    }

    private static int positive(String name, int otherwise) {
        int value = nonNegative(name, otherwise);
        if (value == 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return value;
    }

    private static int nonNegative(String name, int otherwise) {
        String text = System.getProperty(name);
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        int value = Integer.parseInt(text.trim().replace("_", ""));
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
        return value;
    }
}
