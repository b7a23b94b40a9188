package io.mediapurge.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Payara Micro boot commands. Pre-boot: the HTTP listener's settings. Post-boot: one server-level pool used by JPA and by the batch
 * runtime's job repository (two non-XA pools in one chunk transaction fail every chunk).
 * The commands themselves live in {@code payara/post-boot.asadmin}; this fills in the pool.
 */
public final class BootCommands {

    static final String TEMPLATE = "payara/post-boot.asadmin";
    static final String PRE_BOOT = "payara/pre-boot.asadmin";

    /** {@link io.mediapurge.launcher.pool.PostgreSqlPoolDataSource}, by name: the launcher never loads it, the pool does. */
    static final String POSTGRESQL_DATA_SOURCE = "io.mediapurge.launcher.pool.PostgreSqlPoolDataSource";

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{ENV=[A-Z0-9_]+}");

    private BootCommands() {
    }

    /**
     * @param passwordExpression what the pool's password property holds: for a real run the
     *     Payara expression {@code ${ENV=MEDIAPURGE_DB_PASSWORD}}, so no password is written to disk
     */
    public static String forDatabase(DatabaseSettings database, String passwordExpression) {
        Map<String, String> properties = new LinkedHashMap<>();
        String dataSourceClass;
        if (database instanceof DatabaseSettings.PostgreSql pg) {
            // The driver's data source, skipping the job repository's repeated `set search_path`.
            dataSourceClass = POSTGRESQL_DATA_SOURCE;
            properties.put("url", pg.url());
            if (pg.user() != null) {
                properties.put("user", pg.user());
            }
            // The pool insists on a password property; "()" is asadmin's empty value (trust auth).
            properties.put("password", passwordExpression == null ? "()" : passwordExpression);
        } else if (database instanceof DatabaseSettings.EmbeddedH2 h2) {
            dataSourceClass = "org.h2.jdbcx.JdbcDataSource";
            properties.put("url", h2.url());
            // A local file only this process opens; the fixed credential just satisfies the pool.
            properties.put("user", "mediapurge");
            properties.put("password", "mediapurge");
        } else {
            throw new IllegalArgumentException(String.valueOf(database));
        }
        String propertyList = properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + escape(e.getValue()))
                .collect(Collectors.joining(":"));
        return template()
                .replace("@DATASOURCE_CLASS@", dataSourceClass)
                .replace("@POOL_PROPERTIES@", propertyList);
    }

    /** The pre-boot commands: the HTTP listener's settings, applied before it starts. */
    public static String preBoot() {
        return resource(PRE_BOOT);
    }

    /**
     * asadmin splits properties on ':' and '='; a backslash keeps them in a value. A Payara
     * {@code ${ENV=NAME}} reference is left as it is: Payara resolves it when the pool is created.
     */
    static String escape(String value) {
        if (ENV_REFERENCE.matcher(value).matches()) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            if (c == ':' || c == '=' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String template() {
        return resource(TEMPLATE);
    }

    private static String resource(String name) {
        try (InputStream in = BootCommands.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
