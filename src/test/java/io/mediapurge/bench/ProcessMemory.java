package io.mediapurge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of another JVM on this machine: resident set from {@code /proc/PID/status} (Linux), and
 * the live heap, i.e. what a full collection leaves ({@code jcmd PID GC.run}, then
 * {@code jcmd PID GC.heap_info}).
 */
final class ProcessMemory {

    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total\\s+(\\d+)K, used (\\d+)K");

    private final long pid;
    private final String jcmd;

    ProcessMemory(long pid) {
        this.pid = pid;
        Path sibling = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        this.jcmd = Files.isExecutable(sibling) ? sibling.toString() : "jcmd";
    }

    /** Resident set size in bytes, or -1 where /proc cannot tell. */
    long rss() {
        return statusField("VmRSS");
    }

    /** The highest resident set size the process has had, in bytes, or -1. */
    long peakRss() {
        return statusField("VmHWM");
    }

    /** Heap in use after a full collection, in bytes; -1 when jcmd cannot attach. */
    long heapAfterGc() {
        if (run("GC.run") == null) {
            return -1;
        }
        String info = run("GC.heap_info");
        if (info == null) {
            return -1;
        }
        Matcher m = HEAP_USED.matcher(info);
        return m.find() ? Long.parseLong(m.group(2)) * 1024 : -1;
    }

    private long statusField(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(name + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone: no figure rather than a wrong one
        }
        return -1;
    }

    /** Any jcmd command for the process (e.g. {@code JFR.start ...}); its output, or null when it failed. */
    String run(String... command) {
        try {
            List<String> line = new java.util.ArrayList<>(List.of(jcmd, String.valueOf(pid)));
            line.addAll(List.of(command));
            Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
