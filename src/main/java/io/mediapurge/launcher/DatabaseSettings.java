package io.mediapurge.launcher;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which database the one server-level pool points at: PostgreSQL when {@code MEDIAPURGE_DB_URL}
 * is set, else the embedded H2 file database under the data directory.
 */
public sealed interface DatabaseSettings {

    /** A description safe for logs: never a password. */
    String describe();

    record PostgreSql(String url, String user, boolean passwordGiven) implements DatabaseSettings {
        @Override
        public String describe() {
            return "PostgreSQL " + withoutQuery(url) + (user == null ? "" : " as " + user);
        }
    }

    record EmbeddedH2(Path file) implements DatabaseSettings {
        public String url() {
            // AUTO_SERVER is off on purpose: one process owns the file; a second one fails loudly.
            // WRITE_DELAY=0: a commit reaches the file at once, so a killed server loses no committed
            // chunk (with H2's default 500 ms, a restart would redo chunks whose files are already gone).
            // LOCK_TIMEOUT: H2 cannot skip locked rows, so a partition's claim waits for the other
            // partitions' chunks to commit, OSS calls included; H2's default of 1 s failed runs on a busy machine.
            return "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;LOCK_TIMEOUT=60000";
        }

        @Override
        public String describe() {
            return "embedded H2 " + file + ".mv.db (development default; set MEDIAPURGE_DB_URL for PostgreSQL)";
        }
    }

    Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_.$-]+");

    static DatabaseSettings from(Map<String, String> env, Path dataDir) throws StartupRefused {
        String url = blankToNull(env.get("MEDIAPURGE_DB_URL"));
        if (url == null) {
            return new EmbeddedH2(dataDir.resolve("db").resolve("mediapurge"));
        }
        checkPostgreSqlUrl(url);
        return new PostgreSql(url, blankToNull(env.get("MEDIAPURGE_DB_USER")),
                blankToNull(env.get("MEDIAPURGE_DB_PASSWORD")) != null);
    }

    /** Accepts {@code jdbc:postgresql://HOST[:PORT][,HOST2[:PORT]]/DATABASE[?OPTIONS]}. */
    private static void checkPostgreSqlUrl(String url) throws StartupRefused {
        String expected = "MEDIAPURGE_DB_URL must look like jdbc:postgresql://HOST[:PORT]/DATABASE";
        if (url.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new StartupRefused(expected + " (it contains control characters)");
        }
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new StartupRefused(expected + "; got '" + withoutQuery(url) + "'");
        }
        String rest = url.substring("jdbc:postgresql://".length());
        int slash = rest.indexOf('/');
        String hosts = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        int query = path.indexOf('?');
        String database = query < 0 ? path : path.substring(0, query);
        if (hosts.isEmpty() || !DATABASE_NAME.matcher(database).matches()) {
            throw new StartupRefused(expected + "; got '" + withoutQuery(url) + "'");
        }
        for (String host : hosts.split(",")) {
            try {
                URI uri = new URI("postgresql://" + host + "/");
                if (uri.getHost() == null || uri.getUserInfo() != null
                        || (host.contains(":") && !host.endsWith("]") && uri.getPort() < 0)) {
                    throw new URISyntaxException(host, "bad host");
                }
            } catch (URISyntaxException e) {
                throw new StartupRefused(expected + "; '" + host + "' is not a HOST[:PORT]");
            }
        }
    }

    /** Options after '?' may carry a password; they never reach a log line. */
    static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
