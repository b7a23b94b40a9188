package io.mediapurge.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.mediapurge.devservices.OssEndpoint;
import io.mediapurge.storage.ObjectStoreSettings;
import io.mediapurge.testing.MediaPurgeProcess;
import io.mediapurge.testing.TestPostgres;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The purge benchmark (issue #6): the real server jar on PostgreSQL, an in-memory OSS-compatible
 * endpoint in this JVM with an injected latency, and these runs, each over assets of its own:
 * <ol>
 * <li>seeding through the bulk import;</li>
 * <li>purge-media over one submission of N media IDs with default settings, then N more with
 * several partitions;</li>
 * <li>a naive per-item script ({@link NaivePurge}) on a slice;</li>
 * <li>the official SDK calling DeleteMediaInfos 20 at a time ({@link SyncApiLoop}) on a slice;</li>
 * <li>the same DeleteMultipleObjects calls with no database ({@link OssOnlyBound});</li>
 * <li>the console's paging ({@link ConsolePaging}) and the registry search ({@link RegistrySearchPaging});</li>
 * </ol>
 * or, with {@code -Dbench.registryOnly=true}, the registry search alone;
 * or, with {@code -Dbench.memory=true}, one purge of a million pending requests with the server's
 * heap sampled after full collections. Prints a Markdown table and writes
 * {@code target/bench/results.json} and {@code results.md}. Run it with {@code mvn -B -Pbench verify}.
 */
public final class PurgeBenchmark {

    static final String ACCOUNT = "3100000000000001";
    static final String USER = "ops";
    static final String KEY_ID = "LTAIbenchOps000001";
    static final String KEY_SECRET = "benchOpsSecret0123456789abcdef";
    static final String OSS_KEY_ID = "bench-oss-key";
    static final String OSS_KEY_SECRET = "bench-oss-secret-0123456789";
    static final int CHUNK = 20;
    private static final Set<String> FINISHED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");

    private final BenchSettings settings;
    private final BenchReport report = new BenchReport();
    private final String database = "mediapurge_bench_" + ProcessHandle.current().pid();
    private final long startedAt = System.nanoTime();
    private final LoadAverage load = new LoadAverage();
    private OssEndpoint oss;
    private MediaPurgeProcess server;
    private OperatorClient api;
    private ProcessMemory serverMemory;
    private CpuShares cpuShares;
    private Map<String, String> serverEnv;
    private int serverPort;
    private long submittedItems;
    private double submittedSeconds;

    private PurgeBenchmark(BenchSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        PurgeBenchmark bench = new PurgeBenchmark(BenchSettings.fromSystemProperties());
        try {
            bench.run();
        } catch (Exception | Error e) {
            System.err.println("[bench] failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private void run() throws Exception {
        Path out = settings.outputDir();
        deleteTree(out.resolve("data"));
        deleteTree(out.resolve("server"));
        Files.createDirectories(out);
        load.start();
        TestPostgres.recreateDatabase(database);
        try (OssEndpoint endpoint = OssEndpoint.builder().port(0).credentials(OSS_KEY_ID, OSS_KEY_SECRET).start()) {
            oss = endpoint;
            AssetSet.BUCKETS.forEach(endpoint.store()::createBucket);
            endpoint.faults().latency(settings.latency());
            startServer(out);
            try {
                describeSettings();
                if (Boolean.getBoolean("bench.registryOnly")) {
                    new RegistrySearchPaging(database, report, this::log).run();
                } else if (settings.memory()) {
                    memoryRun();
                } else if (Boolean.getBoolean("bench.consoleOnly")) {
                    new ConsolePaging(baseUri(), database, report, this::log).run(); // the console's pages alone, in minutes
                } else {
                    throughputRuns();
                }
                long peakRss = serverMemory.peakRss();
                report.note("Server peak RSS over the whole run (VmHWM): "
                        + (peakRss < 0 ? "n/a" : BenchReport.fixed(peakRss / 1048576.0, 0) + " MB") + ".");
            } finally {
                server.close();
            }
        } finally {
            load.stop();
            if (!settings.keepDatabase()) {
                TestPostgres.dropDatabase(database);
            }
        }
        report.setting("load average (1 min) during the run", load.summary());
        report.setting("total wall time", BenchReport.fixed((System.nanoTime() - startedAt) / 1e9, 0) + " s");
        report.write(out);
        System.out.println();
        System.out.println(report.markdown());
        System.out.println("[bench] written " + out.resolve("results.json") + " and " + out.resolve("results.md"));
    }

    // ------------------------------------------------------------------ the default runs

    /**
     * The rows at the first OSS latency, then the same rows again at the second: bulk with default
     * settings (no partition count given: the server's {@code MEDIAPURGE_PURGE_PARTITIONS}, unset
     * here), bulk with one partition, the naive script, the synchronous loop and the OSS-only bound
     * at both concurrencies; then the issue's targets, each met or missed.
     */
    private void throughputRuns() throws Exception {
        List<Pass> passes = new ArrayList<>();
        passes.add(new Pass("", settings.latency(), settings.n(), settings.naiveItems(), settings.syncItems(), settings.morePartitions()));
        if (!settings.secondLatency().isZero() && !settings.secondLatency().equals(settings.latency())) {
            passes.add(new Pass("@" + settings.secondLatency().toMillis() + "ms", settings.secondLatency(), settings.secondN(),
                    settings.secondNaiveItems(), settings.syncItems(), settings.morePartitions()));
        }
        AssetSet ossOnly = AssetSet.of("ossonly", settings.ossOnlyItems());
        boolean warmUp = settings.warmUpItems() > 0;
        List<WarmUpRound> warmUpRounds = new ArrayList<>();
        for (int round = 1; warmUp && round <= settings.warmUpRounds(); round++) {
            warmUpRounds.add(new WarmUpRound(round, AssetSet.of("warmbulk" + round, Math.max(CHUNK, settings.warmUpItems())),
                    AssetSet.of("warmsync" + round, Math.max(CHUNK, settings.warmUpSyncItems()))));
        }
        sampleMemory("after boot", -1);

        List<AssetSet> seeded = new ArrayList<>();
        passes.forEach(p -> seeded.addAll(p.sets()));
        warmUpRounds.forEach(r -> seeded.addAll(List.of(r.bulk(), r.sync())));
        seed(seeded);
        List<Long> warmUpIds = warmUpRounds.isEmpty() ? List.of()
                : submitPending(warmUpRounds.stream().map(WarmUpRound::bulk).toList());
        for (Pass p : passes) {
            List<Long> ids = submitPending(List.of(p.bulkDefault, p.bulkOne, p.naive));
            p.submissions(ids.get(0), ids.get(1), ids.get(2));
            for (int more : p.more.keySet()) {
                p.moreIds.put(more, submitPending(List.of(p.more.get(more))).get(0));
            }
        }
        reportSubmissions();
        analyze();
        long pending = passes.stream().mapToLong(Pass::pending).sum()
                + warmUpRounds.stream().mapToLong(r -> r.bulk().count()).sum();
        sampleMemory("seeded, " + BenchReport.grouped(pending) + " requests pending", -1);

        int d = DEFAULT_PARTITIONS;
        if (warmUp) {
            // A fresh JVM runs its first tens of thousands of requests partly interpreted or in
            // profiling code, the server's and the harness's (endpoint and OSS client) alike, and
            // PostgreSQL's autovacuum may still be at the rows just seeded; a real purge of a million
            // requests runs for minutes. So the compared rows come after a purge, a synchronous loop
            // and an OSS-only run that warm all three paths up; they stay in the table, marked, and
            // in no ratio. The JIT compiler takes longer than one such round to compile what the
            // rows run (in one measured run it still spent a third of the server's CPU in the first
            // compared row after one round, a ninth in the row after, next to nothing two rows
            // later), so rounds go on until the compiler's share of the server's CPU in a round
            // falls below bench.warmUpQuietShare, at most bench.warmUpRounds of them (the requests
            // of rounds not run stay pending, in no row).
            oss.faults().latency(passes.get(0).latency);
            for (WarmUpRound round : warmUpRounds) {
                String label = warmUpRounds.size() == 1 ? "warm-up" : "warm-up " + round.number();
                bulk("warmup-bulk" + round.number(), label + " (not compared): purge-media, default settings (" + d + " partitions)",
                        warmUpIds.get(round.number() - 1), null, round.bulk());
                syncLoop("warmup-sync" + round.number(), round.sync(), ", " + label + " (not compared)");
                ossOnly("warmup-oss" + round.number(), ossOnly, d, ", " + label + " (not compared)");
                Double share = compilerShare(List.of("warmup-bulk" + round.number(), "warmup-sync" + round.number()));
                log(label + ": the server's JIT compiler spent " + (share == null ? "an unknown share" : Math.round(share * 100) + " %")
                        + " of its CPU");
                if (share == null || share < settings.warmUpQuietShare()) {
                    break;
                }
            }
        }
        for (Pass p : passes) {
            oss.faults().latency(p.latency);
            String at = p.latencyLabel();
            bulk(p.key("bulk"), "purge-media, default settings (" + d + " partitions)" + at, p.bulkDefaultId, null, p.bulkDefault);
            bulk(p.key("bulk1"), "purge-media, partitions 1" + at, p.bulkOneId, 1, p.bulkOne);
            naive(p.key("naive"), p.naiveId, p.naive, at);
            syncLoop(p.key("sync"), p.sync, at);
            ossOnly(p.key("oss1"), ossOnly, 1, at);
            ossOnly(p.key("oss" + d), ossOnly, d, at);
            for (int more : p.more.keySet()) {
                bulk(p.key("bulk" + more), "purge-media, partitions " + more + at, p.moreIds.get(more), more, p.more.get(more));
                ossOnly(p.key("oss" + more), ossOnly, more, at);
            }
        }
        oss.faults().latency(settings.latency());
        sampleMemory("after the purges", -1);

        for (Pass p : passes) {
            String at = p.latencyLabel();
            report.ratio("default settings: bulk ÷ naive" + at, p.key("bulk"), p.key("naive"), 50.0);
            report.ratio("default settings: bulk ÷ synchronous API loop" + at, p.key("bulk"), p.key("sync"), 4.0);
            report.ratio("default settings: bulk ÷ OSS-only, " + d + " threads" + at, p.key("bulk"), p.key("oss" + d), 0.7);
            report.ratio("one partition: bulk ÷ OSS-only, 1 thread" + at, p.key("bulk1"), p.key("oss1"), 0.7);
            for (String key : List.of("bulk", "bulk1")) {
                BenchReport.Row row = report.row(p.key(key));
                report.check(new BenchReport.Check("database round trips per chunk, " + row.name(), row.dbPerChunk(),
                        "round trips", 6, true));
            }
        }
        report.note("CPU seconds per 10 000 requests (user and system time from /proc, just before a run to its end): the server"
                + " process, every thread included (the HTTP polls of the harness too), and of that what its JIT compiler"
                + " threads spent compiling (code the run needed that was not yet compiled: CPU a longer run spreads over"
                + " more requests, then stops spending); PostgreSQL, every postgres process"
                + " with what the postmaster collected of ended backends; the harness, whose OSS endpoint serves every row"
                + " and which is also the OSS client in the OSS-only and naive rows. Machine busy: every core's time but idle"
                + " and I/O wait over the run's wall time, whoever it was for, of " + Runtime.getRuntime().availableProcessors()
                + " cores: a run near that count was bound by the cores, not by waiting on OSS.");
        new ConsolePaging(baseUri(), database, report, this::log).run();
        new RegistrySearchPaging(database, report, this::log).run();
    }

    /** One round of the warm-up: a purge and a synchronous loop, each over assets of its own. */
    private record WarmUpRound(int number, AssetSet bulk, AssetSet sync) {
    }

    /** The server's JIT compiler's share of the server's CPU over these rows; null where /proc cannot tell. */
    private Double compilerShare(List<String> keys) {
        double server = 0;
        double compiler = 0;
        for (String key : keys) {
            BenchReport.Row row = report.row(key);
            if (row == null || row.cpu() == null) {
                return null;
            }
            server += row.cpu().server();
            compiler += row.cpu().serverCompiler();
        }
        return server <= 0 ? null : compiler / server;
    }

    /** The server's partition count when nobody sets one: the benchmark leaves MEDIAPURGE_PURGE_PARTITIONS unset. */
    static final int DEFAULT_PARTITIONS = io.mediapurge.purge.batch.DefaultPartitions.BUILT_IN;

    /** The runs at one OSS latency, each over assets of its own. */
    private static final class Pass {
        final String suffix;
        final Duration latency;
        final AssetSet bulkDefault;
        final AssetSet bulkOne;
        final AssetSet naive;
        final AssetSet sync;
        /** -Dbench.morePartitions: bulk rows at other partition counts, for choosing the default. */
        final Map<Integer, AssetSet> more = new TreeMap<>();
        final Map<Integer, Long> moreIds = new TreeMap<>();
        long bulkDefaultId;
        long bulkOneId;
        long naiveId;

        Pass(String suffix, Duration latency, int n, int naiveItems, int syncItems, List<Integer> morePartitions) {
            this.suffix = suffix;
            this.latency = latency;
            String tag = "l" + latency.toMillis();
            bulkDefault = AssetSet.of(tag + "bulka", n);
            bulkOne = AssetSet.of(tag + "bulkb", n);
            naive = AssetSet.of(tag + "naive", naiveItems);
            sync = AssetSet.of(tag + "sync", syncItems);
            morePartitions.forEach(m -> more.put(m, AssetSet.of(tag + "bulkp" + m, n)));
        }

        List<AssetSet> sets() {
            List<AssetSet> sets = new ArrayList<>(List.of(bulkDefault, bulkOne, naive, sync));
            sets.addAll(more.values());
            return sets;
        }

        long pending() {
            return bulkDefault.count() + bulkOne.count() + naive.count() + more.values().stream().mapToLong(AssetSet::count).sum();
        }

        void submissions(long bulkDefaultId, long bulkOneId, long naiveId) {
            this.bulkDefaultId = bulkDefaultId;
            this.bulkOneId = bulkOneId;
            this.naiveId = naiveId;
        }

        String key(String row) {
            return row + suffix;
        }

        /** Blank for the first latency; the rows at the second say theirs. */
        String latencyLabel() {
            return suffix.isEmpty() ? "" : ", OSS latency " + latency.toMillis() + " ms";
        }
    }

    private void seed(List<AssetSet> sets) {
        long total = sets.stream().mapToLong(AssetSet::count).sum();
        log("putting " + BenchReport.grouped(total * AssetSet.FILES_PER_ASSET) + " objects into the endpoint's memory");
        sets.forEach(s -> s.putInto(oss.store()));
        log("importing " + BenchReport.grouped(total) + " assets");
        long start = System.nanoTime();
        OperatorClient.Answer answer = api.postStream("/api/v1/media:import", Map.of(), "application/x-ndjson",
                () -> AssetSet.ndjson(ACCOUNT, sets)).expect(200, "bulk import");
        double seconds = (System.nanoTime() - start) / 1e9;
        long imported = answer.json().getJsonNumber("imported").longValue();
        if (imported != total) {
            throw new IllegalStateException("imported " + imported + " of " + total + ": " + answer.text());
        }
        report.add(new BenchReport.Row("seed", "seed: bulk import (3 files each)", total, seconds, Map.of(), null, null));
        log(String.format(Locale.ROOT, "imported in %.1f s", seconds));
    }

    /** One CSV submission per set, not started; answers their IDs. */
    private List<Long> submitPending(List<AssetSet> sets) {
        List<Long> ids = new ArrayList<>();
        long items = 0;
        long start = System.nanoTime();
        for (AssetSet set : sets) {
            OperatorClient.Answer answer = api.postStream("/api/v1/purges",
                    Map.of("deletePhysicalFiles", "true", "start", "false"), "text/csv", set::csv).expect(201, "CSV submission");
            long received = answer.json().getJsonNumber("items").longValue();
            if (received != set.count()) {
                throw new IllegalStateException("submission kept " + received + " of " + set.count() + ": " + answer.text());
            }
            ids.add(answer.json().getJsonNumber("id").longValue());
            items += received;
        }
        submittedItems += items;
        submittedSeconds += (System.nanoTime() - start) / 1e9;
        return ids;
    }

    /** The CSV submissions, made in steps, as one row. */
    private void reportSubmissions() {
        report.add(new BenchReport.Row("submit", "pending requests: CSV submissions", submittedItems, submittedSeconds, Map.of(),
                null, null));
    }

    /**
     * Starts the submission's run with that many partitions and waits for it: the time is from the
     * run's start to its end as the batch runtime recorded them.
     */
    private void bulk(String key, String name, long submissionId, Integer partitions, AssetSet set) throws Exception {
        List<Long> submissions = List.of(submissionId);
        log(name + ": " + BenchReport.grouped(set.count()) + " requests");
        Path recording = settings.outputDir().resolve(key + ".jfr");
        if (settings.flightRecording() != null) {
            // a profile of the server during this run only, for `jfr print` or JDK Mission Control
            serverMemory.run("JFR.start", "name=" + key, "settings=" + settings.flightRecording(), "filename=" + recording);
        }
        oss.counters().reset();
        CpuShares.Reading cpuBefore = cpuShares.read();
        List<Long> executions = new ArrayList<>();
        for (long submission : submissions) {
            // no partitions parameter: the server's default, as a caller who sets nothing gets it
            executions.add(api.post("/api/v1/purges/" + submission + "/start",
                    partitions == null ? Map.of() : Map.of("partitions", String.valueOf(partitions)), null, new byte[0])
                    .expect(201, "start").json().getJsonNumber("jobExecutionId").longValue());
        }
        List<JsonObject> finished = awaitAll(executions, null);
        CpuShares.Use cpu = cpuShares.since(cpuBefore);
        Map<String, Long> ossRequests = ossRequests();
        if (settings.flightRecording() != null) {
            serverMemory.run("JFR.stop", "name=" + key);
            log("flight recording of the server: " + recording);
        }
        Instant first = finished.stream().map(e -> Instant.parse(e.getString("startTime"))).min(Comparator.naturalOrder()).orElseThrow();
        Instant last = finished.stream().map(e -> Instant.parse(e.getString("endTime"))).max(Comparator.naturalOrder()).orElseThrow();
        double seconds = Duration.between(first, last).toNanos() / 1e9;

        long deleted = 0;
        for (long submission : submissions) {
            JsonObject counts = api.get("/api/v1/purges/" + submission).expect(200, "submission").json().getJsonObject("counts");
            deleted += counts.getJsonNumber("DELETED").longValue();
        }
        long remaining = set.remainingIn(oss.store());
        String problem = deleted != set.count() || remaining != 0 ? "only " + deleted + " of " + set.count()
                + " requests DELETED, " + remaining + " files left in OSS" : null;
        for (JsonObject e : finished) {
            if (!"COMPLETED".equals(e.getString("batchStatus"))) {
                problem = "execution " + e.getJsonNumber("executionId") + " ended " + e.getString("batchStatus");
            }
        }
        RoundTripFigures trips = roundTrips(finished);
        report.add(new BenchReport.Row(key, name, set.count(), seconds, ossRequests, trips == null ? null : trips.perChunk(),
                problem, cpu));
        if (trips != null) {
            report.note(String.format(Locale.ROOT, "%s: %.2f database round trips per chunk over %d chunks, besides %d"
                    + " the readers spent filling their caches (once per partition, again every 5 s): %.2f per chunk with them.",
                    name, trips.perChunk(), trips.chunks(), trips.warmUps(), trips.allPerChunk()));
        }
        log(String.format(Locale.ROOT, "%s: %.1f s, %.0f items/s%s", name, seconds, set.count() / seconds,
                problem == null ? "" : " — " + problem));
    }

    /**
     * Runs' database round trips: {@code perChunk} what a chunk costs (the readers' cache fills left
     * out), {@code warmUps} those fills, {@code allPerChunk} every round trip divided by the chunks.
     */
    record RoundTripFigures(long chunks, double perChunk, long warmUps, double allPerChunk) {
    }

    /** The runs' round trips from their stats; null when the server does not report them. */
    private static RoundTripFigures roundTrips(List<JsonObject> executions) {
        long trips = 0;
        long warmUps = 0;
        long chunks = 0;
        for (JsonObject e : executions) {
            JsonValue stats = e.get("stats");
            if (!(stats instanceof JsonObject s) || !(s.get("dbRoundTrips") instanceof JsonNumber t)
                    || !(s.get("warmUpRoundTrips") instanceof JsonNumber w) || !(s.get("chunks") instanceof JsonNumber c)) {
                return null;
            }
            trips += t.longValue();
            warmUps += w.longValue();
            chunks += c.longValue();
        }
        return chunks == 0 ? null
                : new RoundTripFigures(chunks, (double) (trips - warmUps) / chunks, warmUps, (double) trips / chunks);
    }

    /** Polls the runs until each has ended; {@code whileWaiting} runs between polls. */
    private List<JsonObject> awaitAll(List<Long> executions, Runnable whileWaiting) throws InterruptedException {
        Map<Long, JsonObject> done = new LinkedHashMap<>();
        while (done.size() < executions.size()) {
            for (long id : executions) {
                if (!done.containsKey(id)) {
                    JsonObject e = api.get("/api/v1/jobs/" + id).expect(200, "job execution").json();
                    if (FINISHED.contains(e.getString("batchStatus"))) {
                        done.put(id, e);
                    }
                }
            }
            if (!server.isAlive()) {
                throw new IllegalStateException("the server died; its log: " + server.logFile());
            }
            if (whileWaiting != null) {
                whileWaiting.run();
            }
            if (done.size() < executions.size()) {
                TimeUnit.MILLISECONDS.sleep(500);
            }
        }
        return new ArrayList<>(done.values());
    }

    private void naive(String key, long submission, AssetSet set, String at) throws SQLException {
        log("naive script: " + BenchReport.grouped(set.count()) + " requests");
        oss.counters().reset();
        NaivePurge.Result result;
        CpuShares.Reading cpuBefore = cpuShares.read();
        try (Connection db = TestPostgres.connect(database)) {
            result = NaivePurge.run(db, submission, ACCOUNT, USER, oss.url().toString(), OSS_KEY_ID, OSS_KEY_SECRET);
        }
        CpuShares.Use cpu = cpuShares.since(cpuBefore);
        long remaining = set.remainingIn(oss.store());
        String problem = result.deleted() != set.count() || remaining != 0
                ? "only " + result.deleted() + " of " + set.count() + " deleted, " + remaining + " files left in OSS" : null;
        report.add(new BenchReport.Row(key, "naive script (JDBC + OSS SDK, per item)" + at, result.items(), result.seconds(),
                ossRequests(), null, problem, cpu));
        log(String.format(Locale.ROOT, "naive: %.1f s, %.0f items/s", result.seconds(), result.items() / result.seconds()));
    }

    private void syncLoop(String key, AssetSet set, String at) throws Exception {
        log("DeleteMediaInfos loop: " + BenchReport.grouped(set.count()) + " media IDs");
        oss.counters().reset();
        CpuShares.Reading cpuBefore = cpuShares.read();
        SyncApiLoop.Result result = SyncApiLoop.run(baseUri(), KEY_ID, KEY_SECRET, set);
        CpuShares.Use cpu = cpuShares.since(cpuBefore);
        long remaining = set.remainingIn(oss.store());
        String problem = result.notDeleted() != 0 || remaining != 0
                ? result.notDeleted() + " IDs ignored or forbidden, " + remaining + " files left in OSS" : null;
        report.add(new BenchReport.Row(key, "synchronous API loop (official SDK, 20 per call)" + at, result.items(),
                result.seconds(), ossRequests(), null, problem, cpu));
        log(String.format(Locale.ROOT, "sync loop: %.1f s, %.0f items/s", result.seconds(), result.items() / result.seconds()));
    }

    private void ossOnly(String key, AssetSet set, int threads, String at) throws Exception {
        log("OSS only, " + threads + " thread(s): " + BenchReport.grouped(set.count()) + " assets' files");
        set.putInto(oss.store());
        oss.counters().reset();
        CpuShares.Reading cpuBefore = cpuShares.read();
        OssOnlyBound.Result result = OssOnlyBound.run(ObjectStoreSettings.fromEnvironment(serverEnv), set, threads, CHUNK);
        CpuShares.Use cpu = cpuShares.since(cpuBefore);
        long remaining = set.remainingIn(oss.store());
        String problem = result.notDeleted() != 0 || remaining != 0
                ? result.notDeleted() + " keys not confirmed, " + remaining + " files left" : null;
        report.add(new BenchReport.Row(key, "OSS only, " + threads + (threads == 1 ? " thread" : " threads") + " (no database)" + at,
                result.items(), result.seconds(), ossRequests(), null, problem, cpu));
        log(String.format(Locale.ROOT, "OSS only (%d): %.1f s, %.0f items/s", threads, result.seconds(),
                result.items() / result.seconds()));
    }

    // ------------------------------------------------------------------ the memory run

    private void memoryRun() throws Exception {
        AssetSet set = AssetSet.of("mem", settings.memoryN());
        sampleMemory("after boot", -1);
        seed(List.of(set));
        sampleMemory("after the import", -1);
        long submission = submitPending(List.of(set)).get(0);
        reportSubmissions();
        analyze();
        sampleMemory(BenchReport.grouped(set.count()) + " requests pending", 0);

        // Default settings (the server's partition count): each partition holds its own page and caches.
        String partitions = DEFAULT_PARTITIONS + " partitions (default settings)";
        log("purge-media, " + partitions + ": " + BenchReport.grouped(set.count()) + " requests, heap sampled every "
                + settings.memorySampleEvery().toSeconds() + " s");
        oss.counters().reset();
        long execution = api.post("/api/v1/purges/" + submission + "/start", Map.of(), null, new byte[0])
                .expect(201, "start").json().getJsonNumber("jobExecutionId").longValue();
        long[] nextSample = {System.nanoTime() + settings.memorySampleEvery().toNanos()};
        try (Connection db = TestPostgres.connect(database)) {
            List<JsonObject> finished = awaitAll(List.of(execution), () -> {
                if (System.nanoTime() >= nextSample[0]) {
                    sampleMemory("purging", readCount(db, execution));
                    nextSample[0] = System.nanoTime() + settings.memorySampleEvery().toNanos();
                }
            });
            JsonObject e = finished.get(0);
            double seconds = Duration.between(Instant.parse(e.getString("startTime")), Instant.parse(e.getString("endTime")))
                    .toNanos() / 1e9;
            long remaining = set.remainingIn(oss.store());
            String problem = !"COMPLETED".equals(e.getString("batchStatus")) || remaining != 0
                    ? "ended " + e.getString("batchStatus") + ", " + remaining + " files left in OSS" : null;
            report.add(new BenchReport.Row("bulk", "purge-media, " + partitions + ", heap sampled", set.count(),
                    seconds, ossRequests(), Optional.ofNullable(roundTrips(finished)).map(RoundTripFigures::perChunk).orElse(null),
                    problem));
            sampleMemory("after the purge", readCount(db, execution));
        }
        List<BenchReport.MemorySample> purging = report.memorySamples().stream()
                .filter(m -> m.phase().equals("purging")).toList();
        long peak = purging.stream().mapToLong(BenchReport.MemorySample::heapAfterGc).max().orElse(-1);
        report.check(new BenchReport.Check("peak heap after full GC through " + BenchReport.grouped(set.count())
                + " pending requests (server " + String.join(" ", settings.appJvmOptions()) + ")", peak < 0 ? null : peak / 1048576.0,
                "MB", 256, true));
        if (purging.size() >= 4) {
            // the first and last quarter of the run, so one GC sample's noise does not decide
            int q = purging.size() / 4;
            double early = purging.subList(0, q).stream().mapToLong(BenchReport.MemorySample::heapAfterGc).average().orElse(0);
            double late = purging.subList(purging.size() - q, purging.size()).stream()
                    .mapToLong(BenchReport.MemorySample::heapAfterGc).average().orElse(0);
            report.note(String.format(Locale.ROOT, "Heap after GC, mean of the first and last quarter of the samples: %.1f MB and %.1f MB"
                    + " (%+.1f MB from start to end).", early / 1048576.0, late / 1048576.0, (late - early) / 1048576.0));
        }
    }

    /**
     * What autovacuum does after a bulk load on any ordinary PostgreSQL: gathers the statistics
     * the planner needs. Without them (autovacuum off, as on some test machines) the planner
     * guesses, and the chunk's asset lookup becomes a sequential scan of media_file (README).
     */
    private void analyze() throws SQLException {
        if (!settings.analyze()) {
            log("no ANALYZE after seeding (-Dbench.analyze=false)");
            return;
        }
        long start = System.nanoTime();
        try (Connection db = TestPostgres.connect(database); Statement st = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            // the application's tables only: a plain ANALYZE warns about every shared catalog it may not touch
            st.execute("ANALYZE " + String.join(", ", tables));
        }
        log(String.format(Locale.ROOT, "ANALYZE in %.1f s", (System.nanoTime() - start) / 1e9));
    }

    private static long readCount(Connection db, long execution) {
        try (PreparedStatement st = db.prepareStatement("SELECT read_count FROM purge_execution WHERE job_execution_id = ?")) {
            st.setLong(1, execution);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    // ------------------------------------------------------------------ the server and the settings

    private void startServer(Path out) throws IOException {
        Path seed = out.resolve("seed.json");
        Files.writeString(seed, seedJson());
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        serverEnv = new TreeMap<>();
        serverEnv.put("MEDIAPURGE_DB_URL", TestPostgres.url(database));
        serverEnv.put("MEDIAPURGE_DB_USER", TestPostgres.USER);
        serverEnv.put("MEDIAPURGE_DB_PASSWORD", TestPostgres.PASSWORD);
        serverEnv.put("MEDIAPURGE_DB_COUNT_ROUND_TRIPS", "true");
        serverEnv.put("MEDIAPURGE_SEED", seed.toString());
        serverEnv.put("MEDIAPURGE_DATA_DIR", out.resolve("data").toString());
        serverEnv.put("MEDIAPURGE_MASTER_KEY", Base64.getEncoder().encodeToString(masterKey));
        serverEnv.put("MEDIAPURGE_OSS_ENDPOINT", oss.url().toString());
        serverEnv.put("MEDIAPURGE_OSS_ACCESS_KEY_ID", OSS_KEY_ID);
        serverEnv.put("MEDIAPURGE_OSS_ACCESS_KEY_SECRET", OSS_KEY_SECRET);
        serverEnv.put("MEDIAPURGE_ADMIN_PASSWORD", ConsolePaging.ADMIN_PASSWORD);
        serverPort = MediaPurgeProcess.freePort();
        int port = serverPort;
        log("starting " + settings.jar() + " " + String.join(" ", settings.appJvmOptions()) + " on port " + port
                + ", database " + database + ", OSS endpoint " + oss.url() + " with " + settings.latency().toMillis() + " ms latency");
        long start = System.nanoTime();
        List<String> jvm = new ArrayList<>(settings.appJvmOptions());
        if (settings.flightRecording() != null) {
            // deep enough that every event's stack reaches the batch runtime's chunk loop (ChunkProfile)
            jvm.add("-XX:FlightRecorderOptions:stackdepth=256");
        }
        server = MediaPurgeProcess.start(out.resolve("server"), serverEnv, jvm, port);
        if (!server.awaitReady(Duration.ofMinutes(4))) {
            String log = server.log();
            server.close();
            throw new IllegalStateException("the server did not become ready; the end of its log:\n"
                    + log.substring(Math.max(0, log.length() - 4000)));
        }
        log(String.format(Locale.ROOT, "ready in %.1f s", (System.nanoTime() - start) / 1e9));
        api = new OperatorClient(baseUri(), KEY_ID, KEY_SECRET);
        serverMemory = new ProcessMemory(server.pid());
        cpuShares = new CpuShares(server.pid());
    }

    private URI baseUri() {
        return URI.create("http://127.0.0.1:" + serverPort);
    }

    /** One account granting the four buckets; its RAM user ops signs everything, under an Allow (the IMS and the operator API) and a Deny that matches nothing here. */
    private static String seedJson() {
        String buckets = String.join("\", \"", AssetSet.BUCKETS);
        return """
                {"accounts": [{"uid": "%s", "name": "bench", "bucketGrants": ["%s"],
                  "users": [
                    {"name": "root", "root": true, "accessKeys": [{"id": "LTAIbenchRoot00001", "secret": "benchRootSecret0123456789abcde"}]},
                    {"name": "%s", "accessKeys": [{"id": "%s", "secret": "%s"}],
                     "policies": [{"Version": "1", "Statement": [
                       {"Effect": "Allow", "Action": ["ice:*", "mediapurge:*"], "Resource": "*"},
                       {"Effect": "Deny", "Action": "ice:DeleteMediaInfos", "Resource": "acs:ice:*:%s:media/dead*"}]}]}]}]}
                """.formatted(ACCOUNT, buckets, USER, KEY_ID, KEY_SECRET, ACCOUNT);
    }

    private void describeSettings() {
        report.setting("cores", Runtime.getRuntime().availableProcessors());
        if (settings.memory()) {
            report.setting("N (memory run)", BenchReport.grouped(settings.memoryN()));
        } else {
            report.setting("N", BenchReport.grouped(settings.n()));
            report.setting("naive slice", BenchReport.grouped(settings.naiveItems()));
            report.setting("synchronous loop slice", BenchReport.grouped(settings.syncItems()));
            report.setting("OSS-only slice", BenchReport.grouped(settings.ossOnlyItems()));
            report.setting("warm-up", settings.warmUpItems() == 0 ? "none"
                    : "rounds of a purge of " + BenchReport.grouped(settings.warmUpItems()) + " requests, a synchronous loop of "
                    + BenchReport.grouped(settings.warmUpSyncItems()) + " media IDs and an OSS-only run of "
                    + BenchReport.grouped(settings.ossOnlyItems()) + " assets' files first, not compared, until the server's JIT"
                    + " compiler spent less than " + Math.round(settings.warmUpQuietShare() * 100) + " % of its CPU in a round's"
                    + " purge and loop (at most " + settings.warmUpRounds() + " rounds)");
            report.setting("partitions", DEFAULT_PARTITIONS + " (the server's default, MEDIAPURGE_PURGE_PARTITIONS unset) and 1");
            report.setting("second OSS latency", settings.secondLatency().isZero() ? "none"
                    : settings.secondLatency().toMillis() + " ms per request, N " + BenchReport.grouped(settings.secondN())
                    + ", naive slice " + BenchReport.grouped(settings.secondNaiveItems()));
        }
        report.setting("OSS latency", settings.latency().toMillis() + " ms per request");
        report.setting("files", AssetSet.FILES_PER_ASSET + " per asset over " + AssetSet.BUCKETS.size() + " buckets");
        report.setting("chunk", CHUNK + " items");
        report.setting("ANALYZE after seeding", settings.analyze() ? "yes" : "no");
        report.setting("server JVM", String.join(" ", settings.appJvmOptions()));
        report.setting("harness JVM", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        report.setting("Java", System.getProperty("java.version"));
        report.setting("PostgreSQL", postgresVersion());
        report.setting("commit", gitCommit());
        report.setting("date", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    private String postgresVersion() {
        try (Connection db = TestPostgres.connect(database); Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SHOW server_version")) {
            return rs.next() ? rs.getString(1).split(" ")[0] : "n/a";
        } catch (SQLException e) {
            return "n/a";
        }
    }

    private static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "n/a";
        } catch (IOException e) {
            return "n/a";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "n/a";
        }
    }

    private Map<String, Long> ossRequests() {
        Map<String, Long> byOperation = new LinkedHashMap<>();
        oss.counters().snapshot().forEach((op, count) -> {
            if (count > 0) {
                byOperation.put(op.apiName(), count);
            }
        });
        return byOperation;
    }

    private void sampleMemory(String phase, long progress) {
        long heap = serverMemory.heapAfterGc();
        report.memory(new BenchReport.MemorySample(phase, (System.nanoTime() - startedAt) / 1e9, progress, heap, serverMemory.rss()));
        if (settings.memory()) {
            log(String.format(Locale.ROOT, "memory %s%s: heap after GC %.1f MB, RSS %.0f MB", phase,
                    progress < 0 ? "" : " (" + progress + " done)", heap / 1048576.0, serverMemory.rss() / 1048576.0));
        }
    }

    private void log(String message) {
        System.out.printf(Locale.ROOT, "[bench %6.1fs] %s%n", (System.nanoTime() - startedAt) / 1e9, message);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The 1-minute load average, sampled every 5 s while the benchmark runs: how busy the machine was. */
    private static final class LoadAverage {
        private final List<Double> samples = new ArrayList<>();
        private Thread sampler;

        void start() {
            sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    read();
                    try {
                        TimeUnit.SECONDS.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "load-average");
            sampler.setDaemon(true);
            sampler.start();
        }

        void stop() {
            sampler.interrupt();
        }

        private void read() {
            try {
                double one = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
                synchronized (samples) {
                    samples.add(one);
                }
            } catch (IOException | RuntimeException e) {
                // not Linux: no load figures
            }
        }

        String summary() {
            synchronized (samples) {
                if (samples.isEmpty()) {
                    return "n/a";
                }
                double mean = samples.stream().mapToDouble(Double::doubleValue).average().orElse(0);
                double max = samples.stream().mapToDouble(Double::doubleValue).max().orElse(0);
                return String.format(Locale.ROOT, "mean %.1f, max %.1f", mean, max);
            }
        }
    }
}
