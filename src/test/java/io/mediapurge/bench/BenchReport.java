package io.mediapurge.bench;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;

/** The figures of one benchmark run, printed as Markdown and written as JSON and Markdown. */
final class BenchReport {

    /**
     * One measured run. {@code ossRequests} counts what the endpoint received; {@code dbPerChunk}
     * is null where the application did not report its database round trips; {@code cpu}
     * where the machine's CPU went while the run ran (null where /proc cannot tell).
     */
    record Row(String key, String name, long items, double seconds, Map<String, Long> ossRequests, Double dbPerChunk, String note,
            CpuShares.Use cpu) {

        Row(String key, String name, long items, double seconds, Map<String, Long> ossRequests, Double dbPerChunk, String note) {
            this(key, name, items, seconds, ossRequests, dbPerChunk, note, null);
        }

        /** Server CPU seconds per 10 000 requests: what the run costs the server (compare rows of a similar machine load). */
        Double cpuPer10k() {
            return cpuPer10k(CpuShares.Use::server);
        }

        /** One party's CPU seconds per 10 000 requests, or null where not measured. */
        Double cpuPer10k(java.util.function.ToDoubleFunction<CpuShares.Use> party) {
            return cpu == null || items == 0 ? null : CpuShares.Use.per10k(party.applyAsDouble(cpu), items);
        }

        double perSecond() {
            return seconds <= 0 ? 0 : items / seconds;
        }

        long ossTotal() {
            return ossRequests.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** A quotient of two rows' throughput, with the target it is held to (null: none). */
    record Ratio(String name, String numerator, String denominator, Double target) {
    }

    /** A target that is not a ratio of two rows: a measured value held to a limit (at most, or at least). */
    record Check(String name, Double value, String unit, double limit, boolean atMost) {
        boolean met() {
            return value != null && (atMost ? value <= limit : value >= limit);
        }
    }

    /** One memory sample of the server process. */
    record MemorySample(String phase, double seconds, long progress, long heapAfterGc, long rss) {
    }

    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<Ratio> ratios = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private final List<MemorySample> memory = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void setting(String name, Object value) {
        settings.put(name, String.valueOf(value));
    }

    void add(Row row) {
        rows.add(row);
    }

    void ratio(String name, String numerator, String denominator, Double target) {
        ratios.add(new Ratio(name, numerator, denominator, target));
    }

    void check(Check check) {
        checks.add(check);
    }

    void memory(MemorySample sample) {
        memory.add(sample);
    }

    List<MemorySample> memorySamples() {
        return memory;
    }

    void note(String note) {
        notes.add(note);
    }

    Row row(String key) {
        return rows.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
    }

    /** The quotient, or null when a side was not measured. */
    Double value(Ratio ratio) {
        Row top = row(ratio.numerator());
        Row bottom = row(ratio.denominator());
        return top == null || bottom == null || bottom.perSecond() == 0 ? null : top.perSecond() / bottom.perSecond();
    }

    /**
     * Beside a missed ratio whose bulk run kept the machine's cores nine-tenths busy or more: that run
     * was bound by the CPU it shares with PostgreSQL and the OSS endpoint, not by waiting.
     */
    private String coresBusy(Ratio ratio, Double v) {
        Row top = row(ratio.numerator());
        int cores = Runtime.getRuntime().availableProcessors();
        if (v == null || ratio.target() == null || v >= ratio.target() || top == null || top.cpu() == null
                || top.cpu().busyCores() < 0.9 * cores) {
            return "";
        }
        return " (the cores were busy: " + fixed(top.cpu().busyCores(), 2) + " of " + cores + ")";
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("| run | items | time (s) | items/s | OSS requests | OSS requests per item | DB round trips per chunk"
                + " | server CPU s per 10 000 requests | of which its JIT compiler | PostgreSQL CPU s per 10 000 | harness CPU s per 10 000"
                + " | machine busy (cores) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            md.append("| ").append(r.name()).append(" | ").append(grouped(r.items())).append(" | ")
                    .append(fixed(r.seconds(), 1)).append(" | ").append(grouped(Math.round(r.perSecond()))).append(" | ")
                    .append(r.ossRequests().isEmpty() ? "" : grouped(r.ossTotal()) + " " + operations(r.ossRequests())).append(" | ")
                    .append(r.ossRequests().isEmpty() || r.items() == 0 ? "" : fixed((double) r.ossTotal() / r.items(), 2)).append(" | ")
                    .append(r.dbPerChunk() == null ? "n/a" : fixed(r.dbPerChunk(), 1)).append(" | ")
                    .append(orBlank(r.cpuPer10k())).append(" | ")
                    .append(orBlank(r.cpuPer10k(CpuShares.Use::serverCompiler))).append(" | ")
                    .append(orBlank(r.cpuPer10k(CpuShares.Use::database))).append(" | ")
                    .append(orBlank(r.cpuPer10k(CpuShares.Use::harness))).append(" | ")
                    .append(r.cpu() == null ? "" : fixed(r.cpu().busyCores(), 2)).append(" |\n");
        }
        if (!ratios.isEmpty()) {
            md.append("\n| ratio | value | target |\n|---|---:|---|\n");
            for (Ratio ratio : ratios) {
                Double v = value(ratio);
                boolean share = ratio.target() != null && ratio.target() < 1;
                String shown = v == null ? "n/a" : share ? fixedDown(v * 100, 1) + " %" : fixedDown(v, 1) + "×";
                md.append("| ").append(ratio.name()).append(" | ").append(shown).append(" | ")
                        .append(target(ratio, v)).append(coresBusy(ratio, v)).append(" |\n");
            }
        }
        if (!checks.isEmpty()) {
            md.append("\n| target | value | limit |\n|---|---:|---|\n");
            for (Check c : checks) {
                md.append("| ").append(c.name()).append(" | ").append(c.value() == null ? "n/a" : fixed(c.value(), 1) + " " + c.unit())
                        .append(" | ").append(c.atMost() ? "≤ " : "≥ ").append(fixed(c.limit(), 0)).append(" ").append(c.unit())
                        .append(c.value() == null ? "" : c.met() ? ": met" : ": missed").append(" |\n");
            }
        }
        if (!memory.isEmpty()) {
            md.append("\n| server memory | time (s) | requests done | heap after full GC (MB) | RSS (MB) |\n|---|---:|---:|---:|---:|\n");
            for (MemorySample m : memory) {
                md.append("| ").append(m.phase()).append(" | ").append(fixed(m.seconds(), 0)).append(" | ")
                        .append(m.progress() < 0 ? "" : grouped(m.progress())).append(" | ")
                        .append(m.heapAfterGc() < 0 ? "n/a" : fixed(m.heapAfterGc() / 1048576.0, 1)).append(" | ")
                        .append(m.rss() < 0 ? "n/a" : fixed(m.rss() / 1048576.0, 0)).append(" |\n");
            }
        }
        md.append("\nSettings: ");
        List<String> pairs = new ArrayList<>();
        settings.forEach((k, v) -> pairs.add(k + " " + v));
        md.append(String.join("; ", pairs)).append(".\n");
        for (String note : notes) {
            md.append("\n").append(note).append("\n");
        }
        return md.toString();
    }

    String json() {
        JsonObjectBuilder s = Json.createObjectBuilder();
        settings.forEach(s::add);
        var rowsJson = Json.createArrayBuilder();
        for (Row r : rows) {
            JsonObjectBuilder oss = Json.createObjectBuilder();
            r.ossRequests().forEach(oss::add);
            JsonObjectBuilder row = Json.createObjectBuilder().add("key", r.key()).add("name", r.name()).add("items", r.items())
                    .add("seconds", r.seconds()).add("itemsPerSecond", r.perSecond()).add("ossRequests", oss)
                    .add("ossRequestsTotal", r.ossTotal());
            if (r.dbPerChunk() == null) {
                row.addNull("dbRoundTripsPerChunk");
            } else {
                row.add("dbRoundTripsPerChunk", r.dbPerChunk());
            }
            if (r.cpuPer10k() != null) {
                row.add("serverCpuSeconds", r.cpu().server()).add("serverCpuSecondsPer10kRequests", r.cpuPer10k())
                        .add("serverJitCompilerCpuSeconds", r.cpu().serverCompiler())
                        .add("databaseCpuSeconds", r.cpu().database()).add("harnessCpuSeconds", r.cpu().harness())
                        .add("machineBusyCores", r.cpu().busyCores());
            }
            if (r.note() != null) {
                row.add("note", r.note());
            }
            rowsJson.add(row);
        }
        var ratiosJson = Json.createArrayBuilder();
        for (Ratio ratio : ratios) {
            Double v = value(ratio);
            JsonObjectBuilder o = Json.createObjectBuilder().add("name", ratio.name()).add("numerator", ratio.numerator())
                    .add("denominator", ratio.denominator());
            if (v == null) {
                o.addNull("value");
            } else {
                o.add("value", v);
            }
            if (ratio.target() != null) {
                o.add("target", ratio.target()).add("met", v != null && v >= ratio.target());
            }
            ratiosJson.add(o);
        }
        var checksJson = Json.createArrayBuilder();
        for (Check c : checks) {
            JsonObjectBuilder o = Json.createObjectBuilder().add("name", c.name()).add("unit", c.unit()).add("limit", c.limit())
                    .add("atMost", c.atMost()).add("met", c.met());
            if (c.value() == null) {
                o.addNull("value");
            } else {
                o.add("value", c.value());
            }
            checksJson.add(o);
        }
        var memoryJson = Json.createArrayBuilder();
        for (MemorySample m : memory) {
            memoryJson.add(Json.createObjectBuilder().add("phase", m.phase()).add("seconds", m.seconds())
                    .add("requestsDone", m.progress()).add("heapAfterGcBytes", m.heapAfterGc()).add("rssBytes", m.rss()));
        }
        var notesJson = Json.createArrayBuilder();
        notes.forEach(notesJson::add);
        StringWriter out = new StringWriter();
        try (JsonWriter writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            writer.writeObject(Json.createObjectBuilder().add("settings", s).add("runs", rowsJson).add("ratios", ratiosJson).add("checks", checksJson)
                    .add("memory", memoryJson).add("notes", notesJson).build());
        }
        return out.toString().strip() + "\n";
    }

    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("results.json"), json());
        Files.writeString(directory.resolve("results.md"), markdown());
    }

    private static String target(Ratio ratio, Double v) {
        if (ratio.target() == null) {
            return "";
        }
        String wanted = ratio.target() < 1 ? "≥ " + Math.round(ratio.target() * 100) + " %" : "≥ " + fixed(ratio.target(), 0) + "×";
        return wanted + (v == null ? "" : v >= ratio.target() ? ": met" : ": missed");
    }

    private static String operations(Map<String, Long> byOperation) {
        List<String> parts = new ArrayList<>();
        byOperation.forEach((op, n) -> parts.add(op + " " + grouped(n)));
        return "(" + String.join(", ", parts) + ")";
    }

    static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
    }

    private static String orBlank(Double v) {
        return v == null ? "" : fixed(v, 2);
    }

    static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Rounded down, so a ratio just short of its target never reads as the target beside "missed" (69.96 % as 70 %). */
    static String fixedDown(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return fixed(Math.floor(v * scale) / scale, decimals);
    }
}
