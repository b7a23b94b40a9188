package io.mediapurge.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.mediapurge.testing.MediaPurgeProcess;

/**
 * The jar started N times in a row, each start waited for until it answers HTTP or exits: every
 * start must answer (a start that cannot must exit non-zero, so a supervisor restarts it). Not
 * part of {@code mvn verify}; run it after {@code mvn -B package -DskipTests && mvn -B -q test-compile}:
 *
 * <pre>java -cp target/test-classes io.mediapurge.launcher.StartupLoop [N [WORK_DIR]]</pre>
 *
 * Each start uses the embedded defaults, on a free port, with the same data directory.
 */
public final class StartupLoop {

    private StartupLoop() {
    }

    public static void main(String[] args) {
        int starts = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path dir = Path.of(args.length > 1 ? args[1] : "target/startup-loop").toAbsolutePath();
        int answered = 0;
        int exited = 0;
        int silent = 0;
        long totalMillis = 0;
        long slowest = 0;
        for (int i = 1; i <= starts; i++) {
            long begin = System.nanoTime();
            try (MediaPurgeProcess server = MediaPurgeProcess.start(dir, Map.of("MEDIAPURGE_DATA_DIR", dir.resolve("data").toString()),
                    MediaPurgeProcess.freePort())) {
                boolean ready = server.awaitReady(Duration.ofSeconds(120));
                long millis = (System.nanoTime() - begin) / 1_000_000;
                String result;
                if (ready) {
                    answered++;
                    totalMillis += millis;
                    slowest = Math.max(slowest, millis);
                    result = "answered HTTP after " + millis + " ms";
                } else if (!server.isAlive()) {
                    exited++;
                    result = "exited with status " + server.awaitExit(Duration.ofSeconds(5)) + ": "
                            + server.logLines("MediaPurge cannot start");
                } else {
                    silent++;
                    result = "still running, never answered HTTP (log " + server.logFile() + ")";
                }
                int probes = server.logLines("GrizzlyProxy is NULL").size();
                System.out.println("start " + i + "/" + starts + ": " + result + (probes > 0 ? "; logged GrizzlyProxy is NULL" : ""));
            }
        }
        System.out.println(answered + " of " + starts + " starts answered HTTP (average " + (answered == 0 ? 0 : totalMillis / answered)
                + " ms, slowest " + slowest + " ms); " + exited + " exited non-zero; " + silent + " ran without answering");
        System.exit(answered == starts ? 0 : 1);
    }
}
