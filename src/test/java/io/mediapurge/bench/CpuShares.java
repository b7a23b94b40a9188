package io.mediapurge.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a run's CPU went on this machine (Linux, from /proc): the server, PostgreSQL, the harness
 * (its OSS endpoint always; the OSS client too in the OSS-only and naive rows) and the machine as a
 * whole, which tells whether the run was bound by the cores rather than by waiting. On two cores a
 * run that keeps both busy cannot go faster by waiting less; only by costing less. Of the server's
 * time, what its JIT compiler threads spent is read apart: a JVM still compiling the code a run
 * needs spends CPU that the same run costs no more once it is compiled.
 */
final class CpuShares {

    /** Linux's USER_HZ: /proc counts CPU time in ticks of 1/100 s. */
    private static final double TICK = 0.01;

    private final long serverPid;
    private final long harnessPid = ProcessHandle.current().pid();

    CpuShares(long serverPid) {
        this.serverPid = serverPid;
    }

    /**
     * CPU seconds used so far by each party, and by the machine (every core busy, whoever it was for);
     * {@code compilerThreads} the server's live JIT compiler threads' seconds by thread ID.
     */
    record Reading(long nanoTime, double server, Map<String, Double> compilerThreads, double database, double harness,
            double machineBusy) {
    }

    /**
     * What each party used between two readings; {@code busyCores} the machine's busy time over the wall
     * time; {@code serverCompiler} the server's JIT compiler threads, part of {@code server} (at least:
     * HotSpot ends compiler threads it no longer needs, and an ended thread's time is no longer read).
     */
    record Use(double server, double serverCompiler, double database, double harness, double busyCores) {

        /** A party's seconds per 10 000 requests. */
        static double per10k(double seconds, long items) {
            return seconds * 10_000 / items;
        }
    }

    /** Null where /proc cannot tell (not Linux). */
    Reading read() {
        try {
            return new Reading(System.nanoTime(), processSeconds(serverPid), compilerSeconds(serverPid), databaseSeconds(),
                    processSeconds(harnessPid), machineBusySeconds());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Since {@code before}; null when either reading is missing. */
    Use since(Reading before) {
        Reading now = read();
        if (before == null || now == null) {
            return null;
        }
        double wall = (now.nanoTime() - before.nanoTime()) / 1e9;
        double compiler = 0;
        for (Map.Entry<String, Double> thread : now.compilerThreads().entrySet()) {
            compiler += thread.getValue() - before.compilerThreads().getOrDefault(thread.getKey(), 0.0);
        }
        return new Use(now.server() - before.server(), compiler, now.database() - before.database(), now.harness() - before.harness(),
                wall <= 0 ? 0 : (now.machineBusy() - before.machineBusy()) / wall);
    }

    /**
     * Every PostgreSQL process's time, with what the postmaster collected of its ended children (a
     * backend that ends during a run moves its time there).
     */
    private static double databaseSeconds() throws IOException {
        double seconds = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                String stat;
                try {
                    stat = Files.readString(process.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                if (stat.contains("(postgres)")) {
                    seconds += statSeconds(stat, true);
                }
            }
        }
        return seconds;
    }

    /** The seconds of each of the process's JIT compiler threads (HotSpot's "C1 CompilerThreadN", "C2 CompilerThreadN") by ID. */
    private static Map<String, Double> compilerSeconds(long pid) throws IOException {
        Map<String, Double> seconds = new HashMap<>();
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path thread : threads) {
                try {
                    String name = Files.readString(thread.resolve("comm")).strip();
                    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                        seconds.put(thread.getFileName().toString(), statSeconds(Files.readString(thread.resolve("stat")), false));
                    }
                } catch (IOException ended) {
                    // a thread that ended between the listing and the reading
                }
            }
        }
        return seconds;
    }

    private static double processSeconds(long pid) throws IOException {
        return statSeconds(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")), false);
    }

    /** utime and stime (and cutime and cstime), counted from the end of the command name, which may hold spaces. */
    private static double statSeconds(String stat, boolean withChildren) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        if (withChildren) {
            ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
        }
        return ticks * TICK;
    }

    /** The first line of /proc/stat: every core's time, less idle and I/O wait. */
    private static double machineBusySeconds() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
        String[] f = lines.get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
            if (i != 4 && i != 5) {
                busy += Long.parseLong(f[i]);
            }
        }
        return busy * TICK;
    }
}
