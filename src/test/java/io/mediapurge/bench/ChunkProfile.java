package io.mediapurge.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a purge-media chunk's time is made of, from a flight recording of the server taken by the
 * benchmark ({@code -Dbench.jfr=FILE.jfc} with socket and park thresholds of 0 ms, so every
 * database round trip and every OSS wait is an event):
 *
 * <pre>
 * java -cp target/test-classes io.mediapurge.bench.ChunkProfile target/bench/bulk.jfr CHUNKS
 * </pre>
 *
 * Only the threads that run chunks count. Database waits are split by who asked (connection
 * validation, the batch runtime's job repository, the flush, the commit, or the first MediaPurge frame);
 * round trips are counted as the first read after a write on the PostgreSQL socket. CPU is
 * estimated from execution samples (one per 10 ms of running code with the "profile" settings).
 */
public final class ChunkProfile {

    private static final int POSTGRES_PORT = 5432;
    private static final Duration SAMPLE_PERIOD = Duration.ofMillis(10);

    private record Tally(long count, long nanos) {
        Tally plus(long n) {
            return new Tally(count + 1, nanos + n);
        }
    }

    private ChunkProfile() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ChunkProfile RECORDING.jfr CHUNKS");
            System.exit(2);
        }
        long chunks = Long.parseLong(args[1]);
        Map<Long, List<RecordedEvent>> byThread = new HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = e.getEventType().getName();
            if (!type.equals("jdk.SocketRead") && !type.equals("jdk.SocketWrite") && !type.equals("jdk.ThreadPark")
                    && !type.equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedThread thread = type.equals("jdk.ExecutionSample") ? e.getThread("sampledThread") : e.getThread();
            if (thread != null && inChunk(e)) {
                byThread.computeIfAbsent(thread.getJavaThreadId(), t -> new ArrayList<>()).add(e);
            }
        }
        Map<String, Tally> waits = new TreeMap<>();
        Map<String, Long> roundTrips = new TreeMap<>();
        Map<String, Long> cpu = new TreeMap<>();
        Instant first = null;
        Instant last = null;
        for (List<RecordedEvent> events : byThread.values()) {
            events.sort((a, b) -> a.getStartTime().compareTo(b.getStartTime()));
            boolean wrote = false;
            for (RecordedEvent e : events) {
                first = first == null || e.getStartTime().isBefore(first) ? e.getStartTime() : first;
                last = last == null || e.getEndTime().isAfter(last) ? e.getEndTime() : last;
                String type = e.getEventType().getName();
                if (type.equals("jdk.ExecutionSample")) {
                    cpu.merge(library(e), 1L, Long::sum);
                } else if (type.equals("jdk.ThreadPark")) {
                    if (has(e, "TimeoutServiceClient")) {
                        waits.merge("OSS request", new Tally(1, e.getDuration().toNanos()), (a, b) -> a.plus(b.nanos()));
                    }
                } else if (e.getInt("port") == POSTGRES_PORT) {
                    if (type.equals("jdk.SocketWrite")) {
                        wrote = true;
                    } else {
                        String origin = "database: " + dbOrigin(e);
                        waits.merge(origin, new Tally(1, e.getDuration().toNanos()), (a, b) -> a.plus(b.nanos()));
                        if (wrote) {
                            roundTrips.merge(origin, 1L, Long::sum);
                            wrote = false;
                        }
                    }
                }
            }
        }
        if (first == null) {
            System.out.println("no chunk work in " + args[0]);
            return;
        }
        double wallMs = Duration.between(first, last).toNanos() / 1e6 / byThread.size();
        System.out.printf(Locale.ROOT, "%d chunk thread(s), %d chunks, %.1f ms per chunk per thread (wall)%n%n",
                byThread.size(), chunks, wallMs * byThread.size() / chunks);
        System.out.println("| per chunk | ms | round trips |");
        System.out.println("|---|---:|---:|");
        double accounted = 0;
        long trips = 0;
        for (Map.Entry<String, Tally> w : waits.entrySet()) {
            double ms = w.getValue().nanos() / 1e6 / chunks;
            accounted += ms;
            long rt = roundTrips.getOrDefault(w.getKey(), 0L);
            trips += rt;
            System.out.printf(Locale.ROOT, "| %s | %.2f | %s |%n", w.getKey(), ms,
                    w.getKey().startsWith("database") ? String.format(Locale.ROOT, "%.1f", (double) rt / chunks) : "");
        }
        long samples = cpu.values().stream().mapToLong(Long::longValue).sum();
        for (Map.Entry<String, Long> c : cpu.entrySet()) {
            double ms = c.getValue() * SAMPLE_PERIOD.toNanos() / 1e6 / chunks;
            accounted += ms;
            System.out.printf(Locale.ROOT, "| CPU (sampled): %s | %.2f | |%n", c.getKey(), ms);
        }
        double perChunk = wallMs * byThread.size() / chunks;
        System.out.printf(Locale.ROOT, "| not accounted for (waiting for a core, unsampled) | %.2f | |%n", perChunk - accounted);
        System.out.printf(Locale.ROOT, "| **total** | **%.2f** | **%.1f** |%n", perChunk, (double) trips / chunks);
        System.out.printf(Locale.ROOT, "%n%d execution samples%n", samples);
    }

    /** Chunk work: the stack runs through the batch runtime's chunk loop. */
    private static boolean inChunk(RecordedEvent e) {
        return has(e, "ChunkStepControllerImpl");
    }

    private static String dbOrigin(RecordedEvent e) {
        if (has(e, "isConnectionValid")) {
            return "pool connection validation";
        }
        if (has(e, "setSchemaOnConnection")) {
            return "job repository: set search_path";
        }
        if (has(e, "JBatchJDBCPersistenceManager") || has(e, "PostgresPersistenceManager")) {
            return "job repository: checkpoint and step status";
        }
        if (has(e, "executeBatch")) {
            return "EclipseLink flush (batched UPDATEs)";
        }
        if (has(e, "LocalTransactionImpl.commit")) {
            return "COMMIT";
        }
        for (RecordedFrame f : e.getStackTrace().getFrames()) {
            String type = f.getMethod().getType().getName();
            if (type.startsWith("io.mediapurge.") && !type.contains("$Proxy$")) {
                return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
            }
        }
        return "other";
    }

    private static String library(RecordedEvent e) {
        List<RecordedFrame> frames = e.getStackTrace() == null ? List.of() : e.getStackTrace().getFrames();
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            if (type.startsWith("org.eclipse.persistence")) {
                return "EclipseLink";
            }
            if (type.startsWith("com.aliyun.oss") || type.startsWith("org.apache.http")) {
                return "OSS SDK";
            }
            if (type.startsWith("org.postgresql")) {
                return "PostgreSQL driver";
            }
            if (type.startsWith("com.ibm.jbatch") || type.startsWith("fish.payara.jbatch")) {
                return "batch runtime";
            }
            if (type.startsWith("io.mediapurge")) {
                return "MediaPurge";
            }
        }
        return "other";
    }

    private static boolean has(RecordedEvent e, String text) {
        if (e.getStackTrace() == null) {
            return false;
        }
        for (RecordedFrame f : e.getStackTrace().getFrames()) {
            if ((f.getMethod().getType().getName() + "." + f.getMethod().getName()).contains(text)) {
                return true;
            }
        }
        return false;
    }
}
