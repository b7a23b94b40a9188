package io.mediapurge.launcher;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Start class of {@code mediapurge.jar} (the jar's {@code Start-Class}, loaded by Payara Micro's
 * runtime class loader). Every check that needs no server runs first, so a bad setting costs one
 * line and nothing is created; then Payara Micro boots with the generated commands, and the
 * process exits non-zero if the application did not report itself started or its HTTP port
 * does not answer.
 */
public final class Launcher {

    /** Set by the application: {@link #STARTED} or the reason it refused to start. */
    public static final String STARTUP_PROPERTY = "mediapurge.startup";
    public static final String STARTED = "started";

    private static final String PAYARA_MAIN = "fish.payara.micro.impl.PayaraMicroImpl";
    private static final int DEFAULT_HTTP_PORT = 8080;
    private static final Duration HTTP_CHECK = Duration.ofSeconds(30);

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        List<String> payaraArgs;
        boolean dataDirExisted;
        DatabaseSettings database;
        try {
            dataDirExisted = Files.isDirectory(dataDirectory(env));
            payaraArgs = prepare(args, env);
            database = DatabaseSettings.from(env, dataDirectory(env));
        } catch (StartupRefused refused) {
            System.err.println("MediaPurge cannot start: " + refused.getMessage());
            System.exit(2);
            return;
        }
        try (FirstStartLock firstStart = FirstStartLock.take(database, env.get("MEDIAPURGE_DB_PASSWORD"))) {
            Class.forName(PAYARA_MAIN).getMethod("main", String[].class)
                    .invoke(null, (Object) payaraArgs.toArray(String[]::new));
        } catch (InvocationTargetException e) {
            System.err.println("MediaPurge cannot start: Payara Micro failed to boot: " + e.getCause());
            System.exit(1);
        }
        // Payara Micro deploys during boot; by now the application has said whether it started.
        String startup = System.getProperty(STARTUP_PROPERTY);
        if (!STARTED.equals(startup)) {
            if (startup == null) {
                System.err.println("MediaPurge cannot start: " + undeployedReason(env));
            }
            if (!dataDirExisted) {
                removeIfUnused(dataDirectory(env));
            }
            System.exit(1);
        }
        // Started is not enough: a supervisor restarts a server that exits, not one that listens on nothing.
        int port = httpPort(payaraArgs.toArray(String[]::new));
        if (!answersHttp(port, HTTP_CHECK)) {
            System.err.println("MediaPurge cannot start: HTTP port " + port + " does not answer " + HTTP_CHECK.toSeconds()
                    + " s after startup");
            System.exit(1);
        }
    }

    /** Whether anything answers HTTP on the port (any status) before the deadline. */
    static boolean answersHttp(int port, Duration deadline) {
        Instant end = Instant.now().plus(deadline);
        do {
            try {
                HttpURLConnection http = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/health/live").openConnection();
                http.setConnectTimeout(2000);
                http.setReadTimeout(5000);
                try {
                    if (http.getResponseCode() > 0) {
                        return true;
                    }
                } finally {
                    http.disconnect();
                }
            } catch (IOException e) {
                // not listening (yet)
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        } while (Instant.now().isBefore(end));
        return false;
    }

    /** Why the application did not deploy: the database's own answer when it refuses us, else a pointer to the log. */
    private static String undeployedReason(Map<String, String> env) {
        try {
            return DatabaseDiagnosis.explain(DatabaseSettings.from(env, dataDirectory(env)), env.get("MEDIAPURGE_DB_PASSWORD"))
                    .orElse("the application did not deploy (see the log above)");
        } catch (StartupRefused e) {
            return e.getMessage(); // checked before the boot; cannot happen here
        }
    }

    /** Checks the settings, writes the boot commands, and returns Payara Micro's arguments. */
    static List<String> prepare(String[] args, Map<String, String> env) throws StartupRefused {
        Path dataDir = dataDirectory(env);
        DatabaseSettings database = DatabaseSettings.from(env, dataDir);
        int port = httpPort(args);
        checkPortFree(port);
        // An unreachable database or refused credentials cost one line, not a whole boot.
        Optional<String> databaseRefusal = DatabaseDiagnosis.explain(database, env.get("MEDIAPURGE_DB_PASSWORD"));
        if (databaseRefusal.isPresent()) {
            throw new StartupRefused(databaseRefusal.get());
        }
        createWritable(dataDir);

        String passwordExpression = env.getOrDefault("MEDIAPURGE_DB_PASSWORD", "").isBlank()
                ? null : "${ENV=MEDIAPURGE_DB_PASSWORD}";
        List<String> payaraArgs = new ArrayList<>(Arrays.asList(args));
        Path preBoot = commandFile(payaraArgs, "--prebootcommandfile", "mediapurge-pre-boot", BootCommands.preBoot());
        Path commands = commandFile(payaraArgs, "--postbootcommandfile", "mediapurge-post-boot",
                BootCommands.forDatabase(database, passwordExpression));

        System.setProperty("mediapurge.data.dir", dataDir.toString());
        System.out.println("MediaPurge data directory: " + dataDir);
        System.out.println("MediaPurge database: " + database.describe());

        payaraArgs.add("--prebootcommandfile");
        payaraArgs.add(preBoot.toString());
        payaraArgs.add("--postbootcommandfile");
        payaraArgs.add(commands.toString());
        // A single instance needs no data grid; instances sharing PostgreSQL coordinate through it.
        if (!payaraArgs.contains("--nohazelcast") && !payaraArgs.contains("--hzconfigfile")) {
            payaraArgs.add("--nohazelcast");
        }
        return payaraArgs;
    }

    /**
     * Our boot commands in a file of their own, with the operator's (given with {@code option})
     * after them: Payara takes one file per phase. The operator's option is taken out of the arguments.
     */
    private static Path commandFile(List<String> payaraArgs, String option, String prefix, String ours) throws StartupRefused {
        String userCommands = "";
        int userFile = payaraArgs.indexOf(option);
        if (userFile >= 0 && userFile + 1 < payaraArgs.size()) {
            userCommands = read(option, Path.of(payaraArgs.get(userFile + 1)));
            payaraArgs.subList(userFile, userFile + 2).clear();
        }
        Path file = temporaryFile(prefix, ".asadmin");
        write(file, ours + "\n" + userCommands);
        return file;
    }

    static Path dataDirectory(Map<String, String> env) throws StartupRefused {
        String configured = env.getOrDefault("MEDIAPURGE_DATA_DIR", "");
        String dir = configured.isBlank() ? "./data" : configured;
        try {
            return Path.of(dir).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            throw new StartupRefused("MEDIAPURGE_DATA_DIR='" + dir + "' is not a usable path: " + e.getMessage());
        }
    }

    static int httpPort(String[] args) throws StartupRefused {
        for (int i = 0; i < args.length; i++) {
            String value = null;
            if (args[i].equals("--port") && i + 1 < args.length) {
                value = args[i + 1];
            } else if (args[i].startsWith("--port=")) {
                value = args[i].substring("--port=".length());
            }
            if (value != null) {
                try {
                    int port = Integer.parseInt(value);
                    if (port > 0 && port < 65536) {
                        return port;
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
                throw new StartupRefused("--port " + value + " is not a port number (1-65535)");
            }
        }
        return DEFAULT_HTTP_PORT;
    }

    static void checkPortFree(int port) throws StartupRefused {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new StartupRefused("HTTP port " + port + " is already in use (choose another with --port)");
        }
    }

    static void createWritable(Path dataDir) throws StartupRefused {
        try {
            Files.createDirectories(dataDir);
            Path probe = Files.createTempFile(dataDir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new StartupRefused("MEDIAPURGE_DATA_DIR=" + dataDir + " is not a writable directory ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        ownerOnly(dataDir);
    }

    /**
     * The data directory holds the embedded database, the development store, spooled uploads and
     * the master key: only its owner may enter it, whatever the files inside were created with.
     */
    static void ownerOnly(Path dataDir) {
        try {
            if (Files.getFileStore(dataDir).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // A directory owned by someone else (a mounted volume) keeps its modes; its owner chose them.
        }
    }

    private static String read(String option, Path file) throws StartupRefused {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StartupRefused(option + " " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** A refused start leaves no trace: a data directory we created holds only what boot wrote. */
    private static void removeIfUnused(Path dataDir) {
        try (var entries = Files.list(dataDir)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(dataDir);
            }
        } catch (IOException ignored) {
            // best effort: the exit status and the log line are what matter
        }
    }

    private static Path temporaryFile(String prefix, String suffix) throws StartupRefused {
        try {
            Path file = Files.createTempFile(prefix, suffix);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new StartupRefused("cannot create a temporary file in java.io.tmpdir: " + e.getMessage());
        }
    }

    private static void write(Path file, String text) throws StartupRefused {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StartupRefused("cannot write " + file + ": " + e.getMessage());
        }
    }
}
