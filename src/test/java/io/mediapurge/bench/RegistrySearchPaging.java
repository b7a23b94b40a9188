package io.mediapurge.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import io.mediapurge.registry.AssetQuery;
import io.mediapurge.registry.AssetSearch;
import io.mediapurge.registry.MediaStatus;
import io.mediapurge.testing.TestPostgres;

/**
 * How fast the registry browser searches a registry of {@code -Dbench.registryAssets} assets
 * (1,000,000 by default): for each criterion the Registry page offers, the first page, the next
 * one and a deep one (the page after the middle match), each read {@link #TRIES} times, median
 * against {@link #TARGET_MS} ms. What is timed is {@link AssetSearch}'s own statements (its file
 * count, its plan, its page query with the 21 rows the page asks for) over JDBC, without Faces
 * rendering (ConsolePaging shows what that adds). Every page is checked to hold as many rows as
 * the criterion's matches leave from that position, so a fast wrong page cannot pass.
 * <p>
 * The assets are written straight into media_asset and media_file (an import of a million through
 * the API takes a quarter of an hour here; the import has its own row): registered one every 30 s
 * up to now, three owners (1 % the third), 5 % images, 2 % deleted, two files each under
 * {@code registry/FOLDER/N/} in four buckets, a thousand assets a folder, so key prefixes name
 * periods, as real ones ("videos/2024/...") do.
 */
final class RegistrySearchPaging {

    static final int TARGET_MS = 300;
    static final int TRIES = 5;
    /** What the Registry page asks for: its 20 rows and one to know there is a next page. */
    private static final int PAGE = 21;
    private static final String RARE_OWNER = "3100000000000003";

    private final String database;
    private final BenchReport report;
    private final Consumer<String> log;
    private final long assets = Long.getLong("bench.registryAssets", 1_000_000L);
    private final Instant newest = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    RegistrySearchPaging(String database, BenchReport report, Consumer<String> log) {
        this.database = database;
        this.report = report;
        this.log = log;
    }

    private record Criterion(String name, AssetQuery query) {
    }

    void run() throws SQLException {
        try (Connection db = TestPostgres.connect(database)) {
            load(db);
            List<String> lines = new ArrayList<>();
            lines.add("| registry search (" + BenchReport.grouped(assets) + " assets) | matches | first page | next page"
                    + " | deep page | plan | target |");
            lines.add("|---|---:|---:|---:|---:|---|---|");
            List<String> verdicts = new ArrayList<>();
            for (Criterion c : criteria()) {
                AssetSearch.Plan plan = plan(db, c.query());
                long matches = count(db, c.query(), plan);
                AssetSearch.Cursor second = cursorAt(db, c.query(), plan, Math.min(PAGE - 1, matches));
                AssetSearch.Cursor deep = cursorAt(db, c.query(), plan, matches / 2);
                double[] ms = {
                        median(db, c.query(), null, Math.min(PAGE, matches)),
                        median(db, c.query(), second, Math.max(0, Math.min(PAGE, matches - (PAGE - 1)))),
                        median(db, c.query(), deep, Math.min(PAGE, matches - matches / 2))};
                boolean met = Arrays.stream(ms).allMatch(t -> t < TARGET_MS);
                lines.add(String.format(Locale.ROOT, "| %s | %s | %.1f ms | %.1f ms | %.1f ms | %s, %s | < %d ms: %s |", c.name(),
                        BenchReport.grouped(matches), ms[0], ms[1], ms[2], plan, index(db, c.query(), plan), TARGET_MS,
                        met ? "met" : "missed"));
                verdicts.add(String.format(Locale.ROOT, "%s %.0f / %.0f / %.0f ms (%s)", c.name(), ms[0], ms[1], ms[2],
                        met ? "met" : "missed"));
            }
            lines.forEach(System.out::println);
            report.note("Registry search over " + BenchReport.grouped(assets) + " assets (first / next / deep page, " + TRIES
                    + " tries each, median; target < " + TARGET_MS + " ms each): " + String.join("; ", verdicts) + ".");
            report.note(String.join("\n", lines)); // one note: a Markdown table breaks at a blank line
        }
    }

    private List<Criterion> criteria() {
        long folder = assets / 2 / 1000;
        String tenFolders = String.format("%06d", assets / 4 / 1000).substring(0, 5);
        OffsetDateTime before = day(registered(assets / 10));
        OffsetDateTime after = day(registered(assets * 9 / 10));
        return List.of(
                new Criterion("every asset", AssetQuery.everything()),
                new Criterion("media ID prefix `ab`", query("ab", null, null, null, null, null, null, null)),
                new Criterion("file URL prefix (one folder)",
                        query(null, "bench-reg-1", String.format("registry/%06d/", folder), null, null, null, null, null)),
                new Criterion("bucket + key prefix (ten folders)",
                        query(null, "bench-reg-2", "registry/" + tenFolders, null, null, null, null, null)),
                new Criterion("bucket only", query(null, "bench-reg-3", null, null, null, null, null, null)),
                new Criterion("owner account (1 %)", query(null, null, null, RARE_OWNER, null, null, null, null)),
                new Criterion("media type image (5 %)", query(null, null, null, null, "image", null, null, null)),
                new Criterion("status Deleted (2 %)", query(null, null, null, null, null, MediaStatus.Deleted, null, null)),
                new Criterion("registered before (oldest 10 %)", query(null, null, null, null, null, null, null, before)),
                new Criterion("registered after (newest 10 %)", query(null, null, null, null, null, null, after, null)));
    }

    private static AssetQuery query(String mediaId, String bucket, String keyPrefix, String owner, String type, MediaStatus status,
            OffsetDateTime after, OffsetDateTime before) {
        return new AssetQuery(mediaId, bucket, keyPrefix, owner, type, status, after, before);
    }

    private Instant registered(long n) {
        return newest.minusSeconds(30 * (assets - n));
    }

    private static OffsetDateTime day(Instant t) {
        return t.truncatedTo(ChronoUnit.DAYS).atOffset(ZoneOffset.UTC);
    }

    /** The assets and their files, the accounts they need, the sequences moved past them, the statistics fresh. */
    private void load(Connection db) throws SQLException {
        long start = System.nanoTime();
        try (Statement st = db.createStatement()) {
            st.execute("INSERT INTO account (uid, name, created_at) VALUES ('3100000000000002', 'bench-b', now()),"
                    + " ('" + RARE_OWNER + "', 'bench-c', now()) ON CONFLICT DO NOTHING");
            long assetBase = single(st, "SELECT COALESCE(MAX(id), 0) + 1000 FROM media_asset");
            long fileBase = single(st, "SELECT COALESCE(MAX(id), 0) + 1000 FROM media_file");
            String folder = "lpad((g / 1000)::text, 6, '0')";
            String at = "timestamptz '" + newest + "' - (" + assets + " - g) * interval '30 seconds'";
            st.execute("INSERT INTO media_asset (id, media_id, owner_uid, region, input_url, media_type, title, status, created_at,"
                    + " modified_at, deleted_at, version) SELECT " + assetBase + " + g, md5('registry-' || g),"
                    + " CASE WHEN g % 100 = 0 THEN '" + RARE_OWNER + "' WHEN g % 10 < 3 THEN '3100000000000002'"
                    + " ELSE '" + PurgeBenchmark.ACCOUNT + "' END, 'cn-shanghai',"
                    + " 'oss://bench-reg-' || (g % 4) || '/registry/' || " + folder + " || '/' || g || '/source.mp4',"
                    + " CASE WHEN g % 20 = 0 THEN 'image' WHEN g % 20 < 4 THEN 'audio' ELSE 'video' END, 'registry bench ' || g,"
                    + " CASE WHEN g % 50 = 0 THEN 'Deleted' ELSE 'Normal' END, " + at + ", " + at + ","
                    + " CASE WHEN g % 50 = 0 THEN " + at + " END, 0 FROM generate_series(1, " + assets + ") g");
            st.execute("INSERT INTO media_file (id, asset_id, bucket, object_key, region, role, size_bytes, created_at)"
                    + " SELECT " + fileBase + " + 2 * g + r, " + assetBase + " + g, 'bench-reg-' || ((g + r) % 4),"
                    + " 'registry/' || " + folder + " || '/' || g || CASE WHEN r = 0 THEN '/source.mp4' ELSE '/cover.jpg' END,"
                    + " 'cn-shanghai', CASE WHEN r = 0 THEN 'SOURCE' ELSE 'COVER' END, 1048576, " + at
                    + " FROM generate_series(1, " + assets + ") g, generate_series(0, 1) r");
            st.execute("SELECT setval('media_asset_seq', (SELECT MAX(id) FROM media_asset) + 100)");
            st.execute("SELECT setval('media_file_seq', (SELECT MAX(id) FROM media_file) + 100)");
            st.execute("ANALYZE media_asset, media_file");
        }
        log.accept(String.format(Locale.ROOT, "registry search: %s assets with %s files written in %.1f s",
                BenchReport.grouped(assets), BenchReport.grouped(2 * assets), (System.nanoTime() - start) / 1e9));
    }

    private static long single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The plan AssetSearch.page takes, from its own file count. */
    private static AssetSearch.Plan plan(Connection db, AssetQuery q) throws SQLException {
        if (q.bucket() == null) {
            return AssetSearch.Plan.WALK;
        }
        try (PreparedStatement ps = prepare(db, AssetSearch.fileCount(q)); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return AssetSearch.plan(rs.getLong(1), true);
        }
    }

    private static long count(Connection db, AssetQuery q, AssetSearch.Plan plan) throws SQLException {
        return single(db, "SELECT COUNT(*) FROM (", AssetSearch.statement(q, null, Integer.MAX_VALUE, plan), ") s");
    }

    /** The position after the {@code n}th match (1-based); null for none. */
    private static AssetSearch.Cursor cursorAt(Connection db, AssetQuery q, AssetSearch.Plan plan, long n) throws SQLException {
        if (n < 1) {
            return null;
        }
        AssetSearch.Statement s = AssetSearch.statement(q, null, (int) n, plan);
        try (PreparedStatement ps = prepare(db, new AssetSearch.Statement(
                "SELECT created_at, id FROM (" + s.sql() + ") s ORDER BY created_at, id FETCH FIRST 1 ROWS ONLY", s.parameters()));
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new AssetSearch.Cursor(rs.getObject(1, OffsetDateTime.class), rs.getLong(2));
        }
    }

    private static long single(Connection db, String before, AssetSearch.Statement s, String after) throws SQLException {
        try (PreparedStatement ps = prepare(db, new AssetSearch.Statement(before + s.sql() + after, s.parameters()));
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The index the first page's plan reads, from EXPLAIN ANALYZE. */
    private static String index(Connection db, AssetQuery q, AssetSearch.Plan plan) throws SQLException {
        AssetSearch.Statement s = AssetSearch.statement(q, null, PAGE, plan);
        List<String> used = new ArrayList<>();
        try (PreparedStatement ps = prepare(db, new AssetSearch.Statement("EXPLAIN (ANALYZE, COSTS OFF) " + s.sql(), s.parameters()));
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:Scan|Scan Backward) (?:using|on) (\\w+)")
                        .matcher(rs.getString(1));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        return used.isEmpty() ? "no index" : String.join(" + ", used.stream().distinct().toList());
    }

    /** The median of {@link #TRIES} page reads as AssetSearch.page makes them, after one untimed one; each must hold {@code rows} rows. */
    private double median(Connection db, AssetQuery q, AssetSearch.Cursor after, long rows) throws SQLException {
        read(db, q, after, rows);
        double[] ms = new double[TRIES];
        for (int i = 0; i < TRIES; i++) {
            long start = System.nanoTime();
            read(db, q, after, rows);
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[TRIES / 2];
    }

    private static void read(Connection db, AssetQuery q, AssetSearch.Cursor after, long expected) throws SQLException {
        AssetSearch.Plan plan = plan(db, q);
        int rows = 0;
        try (PreparedStatement ps = prepare(db, AssetSearch.statement(q, after, PAGE, plan)); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows++;
            }
        }
        if (rows != expected) {
            throw new IllegalStateException("a page of " + q + " after " + after + " held " + rows + " rows, not " + expected);
        }
    }

    private static PreparedStatement prepare(Connection db, AssetSearch.Statement s) throws SQLException {
        PreparedStatement ps = db.prepareStatement(s.sql());
        for (int i = 0; i < s.parameters().size(); i++) {
            ps.setObject(i + 1, s.parameters().get(i));
        }
        return ps;
    }
}
