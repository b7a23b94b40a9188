package io.mediapurge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code java -jar target/mediapurge.jar} as an operator runs it, with its own environment and log. */
public final class MediaPurgeProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;
    private final int port;

    private MediaPurgeProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** The heap the tests give the server unless told otherwise. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx512m");

    /** Starts the jar on {@code port} with {@code env} added to (and overriding) this JVM's environment. */
    public static MediaPurgeProcess start(Path workDir, Map<String, String> env, int port, String... extraArgs) {
        return start(workDir, env, DEFAULT_JVM_OPTIONS, port, extraArgs);
    }

    /** The same with the server JVM's own options, e.g. {@code -Xmx256m} for a memory measurement. */
    public static MediaPurgeProcess start(Path workDir, Map<String, String> env, List<String> jvmOptions, int port,
            String... extraArgs) {
        try {
            Files.createDirectories(workDir);
            Path log = Files.createTempFile(workDir, "mediapurge-", ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-Djava.io.tmpdir=" + workDir.toAbsolutePath(),
                    "-jar", Path.of(System.getProperty("mediapurge.test.jar", "target/mediapurge.jar")).toAbsolutePath().toString(),
                    "--port", String.valueOf(port)));
            command.addAll(List.of(extraArgs));
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("MEDIAPURGE_"));
            // Several runs share this machine: the embedded OSS endpoint takes any free port unless told.
            builder.environment().put("MEDIAPURGE_DEV_OSS_PORT", "0");
            // Tests and benchmarks on PostgreSQL may use the embedded endpoint; production must name one.
            builder.environment().put("MEDIAPURGE_DEV_OSS_ENABLED", "true");
            builder.environment().putAll(env);
            return new MediaPurgeProcess(builder.start(), log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** The server's process ID, for jcmd and /proc. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return log;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls {@code /health/ready} until UP; false if the process died or the deadline passed. */
    public boolean awaitReady(Duration deadline) {
        Instant end = Instant.now().plus(deadline);
        while (Instant.now().isBefore(end) && process.isAlive()) {
            if (status("/health/ready") == 200) {
                return true;
            }
            pause();
        }
        return false;
    }

    /** Waits for the process to end by itself; its exit code, or -1 past the deadline. */
    public int awaitExit(Duration deadline) {
        try {
            return process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines of the log that contain {@code text}. */
    public List<String> logLines(String text) {
        return log().lines().filter(l -> l.contains(text)).toList();
    }

    /** SIGKILL: the process dies at once, mid-transaction, without any shutdown hook (a crash, an OOM kill). */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A graceful stop (SIGTERM), as a service manager does; the database is closed cleanly. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
