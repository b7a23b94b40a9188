package io.mediapurge.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.mediapurge.testing.TestPostgres;

/**
 * How fast the console's tables page at depth: the first, a middle and the last page of a
 * 1,000,000-item submission's items (submission.xhtml, "All items") and of the runs table
 * (runs.xhtml), each asked for as the browser asks for it (the PrimeFaces paginator's Ajax
 * request in a signed-in session), so what is timed is the page's LazyDataModel over its paged
 * query, plus Faces rendering the rows. Each page is asked for {@link #TRIES} times; the median
 * counts, against a target of {@link #TARGET_MS} ms. Every answer is checked to hold the rows of
 * that page (the selector received at that position), so a fast wrong page cannot pass.
 * <p>
 * The submission is made through {@code POST /api/v1/purges} (CSV, not started): its requests
 * are numbered as any submission's. The runs table gets {@link #SYNTHETIC_RUNS} finished runs
 * written straight into the job repository and purge_execution (as many runs as a busy cluster
 * keeps for years; making them for real would take hours); the Runs table counts at most
 * RunHistory.COUNT_CAP of them, so its last page is the last one the console offers.
 */
final class ConsolePaging {

    /** The console admin the benchmark's server is started with (MEDIAPURGE_ADMIN_PASSWORD). */
    static final String ADMIN_PASSWORD = "bench-console-admin-password";
    static final int TARGET_MS = 300;
    static final int TRIES = 5;
    static final int SYNTHETIC_RUNS = 100_000;
    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

    private final OperatorClient api;
    private final URI base;
    private final String database;
    private final BenchReport report;
    private final Consumer<String> log;
    private final long items;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /** The bench account's root key: a root user holds every action of its account, whatever the bench user's policies say. */
    static final String ROOT_KEY_ID = "LTAIbenchRoot00001";
    static final String ROOT_KEY_SECRET = "benchRootSecret0123456789abcde";

    ConsolePaging(URI base, String database, BenchReport report, Consumer<String> log) {
        this.api = new OperatorClient(base, ROOT_KEY_ID, ROOT_KEY_SECRET);
        this.base = base;
        this.database = database;
        this.report = report;
        this.log = log;
        this.items = Long.getLong("bench.consoleItems", 1_000_000L);
    }

    /** Makes the submission and the runs, times the pages, and adds the figures to the report. */
    void run() throws Exception {
        AssetSet set = AssetSet.of("console", items);
        log.accept("console paging: a submission of " + BenchReport.grouped(items) + " media IDs (CSV, not started)");
        long start = System.nanoTime();
        long submission = api.postStream("/api/v1/purges", Map.of("deletePhysicalFiles", "true", "start", "false"), "text/csv",
                set::csv).expect(201, "CSV submission").json().getJsonNumber("id").longValue();
        log.accept(String.format(Locale.ROOT, "console paging: submission %d received in %.1f s", submission,
                (System.nanoTime() - start) / 1e9));
        int runs = syntheticRuns();
        analyze();
        signIn();

        List<String> lines = new ArrayList<>();
        lines.add("| console table | rows | first page | middle page | last page | target |");
        lines.add("|---|---:|---:|---:|---:|---|");
        String path = "console/submission.xhtml?id=" + submission;
        long openStart = System.nanoTime();
        String page = get(path);
        double openMs = (System.nanoTime() - openStart) / 1e6;
        int rows = 25;
        long last = (items - 1) / rows * rows;
        long middle = items / 2 / rows * rows;
        double[] itemTimes = new double[3];
        long[] offsets = {0, middle, last};
        for (int i = 0; i < 3; i++) {
            long offset = offsets[i];
            String expected = set.mediaId(offset);
            itemTimes[i] = median(() -> paginate(path, "sub", "sub:tabs:items", viewState(page), offset, rows), expected);
        }
        lines.add(row("submission items (All items, 25 a page)", items, itemTimes));

        String runsPath = "console/runs.xhtml";
        String runsPage = get(runsPath);
        int runRows = 20;
        long shown = Math.min(runs, 10_000); // RunHistory.COUNT_CAP: the table's last page is the last one it offers
        long[] runOffsets = {0, shown / 2 / runRows * runRows, (shown - 1) / runRows * runRows};
        double[] runTimes = new double[3];
        for (int i = 0; i < 3; i++) {
            long offset = runOffsets[i];
            runTimes[i] = median(() -> paginate(runsPath, "runsForm", "runsForm:runs", viewState(runsPage), offset, runRows), null);
        }
        lines.add(row("runs (20 a page; " + BenchReport.grouped(runs) + " runs, counted to 10,000)", shown, runTimes));
        lines.forEach(System.out::println);
        report.note("Console paging (" + TRIES + " tries each, median; target < " + TARGET_MS + " ms each): submission items "
                + verdicts(itemTimes) + "; runs " + verdicts(runTimes) + String.format(Locale.ROOT,
                        ". Opening the million-item submission's page (summary counts included) took %.0f ms.", openMs));
        report.note(String.join("\n", lines)); // one note: a Markdown table breaks at a blank line
    }

    private String row(String name, long count, double[] times) {
        return "| " + name + " | " + BenchReport.grouped(count) + " | " + Arrays.stream(times)
                .mapToObj(t -> String.format(Locale.ROOT, "%.0f ms", t)).collect(Collectors.joining(" | "))
                + " | < " + TARGET_MS + " ms: " + (Arrays.stream(times).allMatch(t -> t < TARGET_MS) ? "met" : "missed") + " |";
    }

    private static String verdicts(double[] times) {
        String[] names = {"first", "middle", "last"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            out.add(String.format(Locale.ROOT, "%s %.0f ms (%s)", names[i], times[i], times[i] < TARGET_MS ? "met" : "missed"));
        }
        return String.join(", ", out);
    }

    @FunctionalInterface
    private interface Page {
        String load() throws Exception;
    }

    /** The median time of {@link #TRIES} loads, after one untimed warm-up; each answer must hold {@code expected}. */
    private double median(Page page, String expected) throws Exception {
        check(page.load(), expected);
        double[] ms = new double[TRIES];
        for (int i = 0; i < TRIES; i++) {
            long start = System.nanoTime();
            String answer = page.load();
            ms[i] = (System.nanoTime() - start) / 1e6;
            check(answer, expected);
        }
        Arrays.sort(ms);
        return ms[TRIES / 2];
    }

    private static void check(String answer, String expected) {
        if (!answer.contains("<partial-response") || answer.contains("<error>") || !answer.contains("<tr")) {
            throw new IllegalStateException("the paginator's answer holds no rows: "
                    + answer.substring(0, Math.min(answer.length(), 2000)));
        }
        if (expected != null && !answer.contains(expected)) {
            throw new IllegalStateException("the page does not start with " + expected + ": "
                    + answer.substring(0, Math.min(answer.length(), 2000)));
        }
    }

    /** What the PrimeFaces paginator posts when a page of table {@code table} is asked for. */
    private String paginate(String path, String form, String table, String viewState, long first, int rows) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("jakarta.faces.partial.ajax", "true");
        fields.put("jakarta.faces.source", table);
        fields.put("jakarta.faces.partial.execute", table);
        fields.put("jakarta.faces.partial.render", table);
        fields.put("jakarta.faces.behavior.event", "page");
        fields.put("jakarta.faces.partial.event", "page");
        fields.put(table + "_pagination", "true");
        fields.put(table + "_first", String.valueOf(first));
        fields.put(table + "_rows", String.valueOf(rows));
        fields.put(table + "_skipChildren", "true");
        fields.put(table + "_encodeFeature", "true");
        fields.put(form, form);
        fields.put("jakarta.faces.ViewState", viewState);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/" + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Faces-Request", "partial/ajax")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("page of " + table + " answered " + answer.statusCode());
        }
        return answer.body();
    }

    private void signIn() throws Exception {
        String login = get("login.xhtml");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("login", "login");
        fields.put("login:username", "admin");
        fields.put("login:password", ADMIN_PASSWORD);
        fields.put("login:signIn", "");
        fields.put("jakarta.faces.ViewState", viewState(login));
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(base.resolve("/login.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form(fields)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (!signedIn.uri().getPath().endsWith("/console/dashboard.xhtml")) {
            throw new IllegalStateException("console sign-in as admin failed: " + signedIn.uri());
        }
    }

    private String get(String path) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve("/" + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + page.statusCode());
        }
        return page.body();
    }

    private static String viewState(String page) {
        Matcher m = VIEW_STATE.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no view state in the page");
        }
        return m.group(1).replace("&#58;", ":");
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** Finished purge-media runs written as the batch runtime and the run's listener write them; answers how many runs there are. */
    private int syntheticRuns() throws SQLException {
        long start = System.nanoTime();
        try (Connection db = TestPostgres.connect(database); Statement st = db.createStatement()) {
            st.execute("CREATE TEMPORARY TABLE bench_runs AS SELECT g AS n FROM generate_series(1, " + SYNTHETIC_RUNS + ") g");
            st.execute("INSERT INTO jbatchjobinstancedata (name, apptag) SELECT 'purge-media', 'bench-synthetic-' || n FROM bench_runs");
            st.execute("INSERT INTO jbatchexecutioninstancedata (jobinstanceid, createtime, starttime, endtime, updatetime,"
                    + " batchstatus, exitstatus) SELECT i.jobinstanceid, now() - interval '1 day', now() - interval '1 day',"
                    + " now() - interval '1 day' + interval '1 minute', now(), 'COMPLETED', 'COMPLETED'"
                    + " FROM jbatchjobinstancedata i WHERE i.apptag LIKE 'bench-synthetic-%'");
            st.execute("INSERT INTO purge_execution (job_execution_id, instance_id, dry_run, read_count, deleted_count,"
                    + " ignored_count, forbidden_count, failed_count, files_deleted, bytes_deleted, oss_requests, started_at,"
                    + " updated_at, ended_at, items_per_second, ended_status) SELECT e.jobexecid, 'bench', FALSE, 1000, 990, 5, 5, 0,"
                    + " 2970, 0, 50, now() - interval '1 day', now(), now() - interval '1 day' + interval '1 minute', 16.7, 'COMPLETED'"
                    + " FROM jbatchexecutioninstancedata e JOIN jbatchjobinstancedata i ON i.jobinstanceid = e.jobinstanceid"
                    + " WHERE i.apptag LIKE 'bench-synthetic-%'");
            try (var rs = st.executeQuery("SELECT COUNT(*) FROM jbatchexecutioninstancedata e JOIN jbatchjobinstancedata i"
                    + " ON i.jobinstanceid = e.jobinstanceid WHERE i.name = 'purge-media'")) {
                rs.next();
                int total = rs.getInt(1);
                log.accept(String.format(Locale.ROOT, "console paging: %d synthetic finished runs written in %.1f s (%d runs in all)",
                        SYNTHETIC_RUNS, (System.nanoTime() - start) / 1e9, total));
                return total;
            }
        }
    }

    /** What autovacuum does after bulk writes: the planner's statistics for the new rows. */
    private void analyze() throws SQLException {
        try (Connection db = TestPostgres.connect(database); Statement st = db.createStatement()) {
            st.execute("ANALYZE deletion_request, purge_execution, jbatchexecutioninstancedata, jbatchjobinstancedata");
        }
    }
}
