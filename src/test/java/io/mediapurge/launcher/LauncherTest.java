package io.mediapurge.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

class LauncherTest {

    @TempDir
    Path tmp;

    @Test
    void readsThePortInBothSpellings() throws StartupRefused {
        assertEquals(8080, Launcher.httpPort(new String[0]));
        assertEquals(18080, Launcher.httpPort(new String[] {"--port", "18080"}));
        assertEquals(18081, Launcher.httpPort(new String[] {"--port=18081"}));
        StartupRefused refused = assertThrows(StartupRefused.class, () -> Launcher.httpPort(new String[] {"--port", "http"}));
        assertTrue(refused.getMessage().contains("--port http"));
        assertThrows(StartupRefused.class, () -> Launcher.httpPort(new String[] {"--port", "70000"}));
    }

    @Test
    void aTakenPortIsRefused() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            StartupRefused refused = assertThrows(StartupRefused.class, () -> Launcher.checkPortFree(taken.getLocalPort()));
            assertTrue(refused.getMessage().contains("already in use"));
        }
    }

    @Test
    void dataDirectoryDefaultsToDataAndMustBeWritable() throws Exception {
        assertEquals(Path.of("data").toAbsolutePath(), Launcher.dataDirectory(Map.of()));
        Path file = Files.writeString(tmp.resolve("file"), "x");
        StartupRefused refused = assertThrows(StartupRefused.class, () -> Launcher.createWritable(file.resolve("data")));
        assertTrue(refused.getMessage().startsWith("MEDIAPURGE_DATA_DIR="), refused.getMessage());
        Launcher.createWritable(tmp.resolve("fresh/data"));
        assertTrue(Files.isDirectory(tmp.resolve("fresh/data")));
    }

    /** The embedded database and the master key live there: nobody but the owner may look in. */
    @Test
    void theDataDirectoryIsOwnerOnlyEvenWhenItExistedOpen() throws Exception {
        Path fresh = tmp.resolve("made/data");
        Launcher.createWritable(fresh);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));

        Path open = Files.createDirectories(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        Launcher.createWritable(open);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(open)));
    }

    @Test
    void preparesPayaraArgumentsAndAppendsTheOperatorsCommands() throws Exception {
        Path own = Files.writeString(tmp.resolve("own.asadmin"), "set-log-levels fish.payara=WARNING\n");
        int port = freePort();
        List<String> args = Launcher.prepare(new String[] {"--port", String.valueOf(port), "--postbootcommandfile", own.toString()},
                Map.of("MEDIAPURGE_DATA_DIR", tmp.resolve("data").toString()));
        int file = args.indexOf("--postbootcommandfile");
        assertEquals(1, args.stream().filter("--postbootcommandfile"::equals).count());
        String commands = Files.readString(Path.of(args.get(file + 1)));
        assertTrue(commands.contains("create-jdbc-connection-pool"));
        assertTrue(commands.endsWith("set-log-levels fish.payara=WARNING\n"), "the operator's commands run after ours");
        assertTrue(args.contains("--nohazelcast"));
        assertFalse(args.contains(own.toString()));
        // the listener's settings are applied before it starts, never by a post-boot restart of it
        String preBoot = Files.readString(Path.of(args.get(args.indexOf("--prebootcommandfile") + 1)));
        assertTrue(preBoot.contains("http-listener.http.header-buffer-length-bytes=1048576"), preBoot);
        assertFalse(commands.contains("header-buffer-length-bytes"), commands);
    }

    @Test
    void aPortThatAnswersHttpIsTold() throws Exception {
        int silent = freePort();
        assertFalse(Launcher.answersHttp(silent, Duration.ofMillis(500)), "nothing listens");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        try {
            assertTrue(Launcher.answersHttp(server.getAddress().getPort(), Duration.ofSeconds(5)), "any status is an answer");
        } finally {
            server.stop(0);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
