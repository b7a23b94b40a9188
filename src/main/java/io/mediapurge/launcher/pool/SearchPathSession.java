package io.mediapurge.launcher.pool;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One physical PostgreSQL connection that remembers the {@code search_path} it last set, and skips
 * a {@code set search_path to X} while the session's path is already X: the statement is prepared as
 * usual, but executing it answers 0 without a round trip.
 *
 * <p>What it knows is forgotten, so the next {@code set} runs for real, whenever the path may have
 * changed behind it: a rollback (a {@code set} inside a transaction that rolls back is undone), a
 * {@link Connection#setSchema}, or any other statement that names {@code search_path} or a schema,
 * or resets the session ({@code RESET}, {@code DISCARD}). A {@code set} that failed is not
 * remembered. A connection is used by one thread at a time (the pool hands it out whole).
 */
final class SearchPathSession implements InvocationHandler {

    /** What Payara's PostgreSQL job repository sends: {@code set search_path to <schema>}. */
    private static final Pattern SET_SEARCH_PATH = Pattern.compile(
            "\\s*set\\s+(?:session\\s+)?search_path\\s*(?:to|=)\\s*([a-z_][a-z0-9_$]*)\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE);

    private static final Set<String> EXECUTE = Set.of("execute", "executeUpdate", "executeLargeUpdate",
            "executeQuery", "executeBatch", "executeLargeBatch", "addBatch");

    private final Connection physical;
    private Connection proxy;
    /** The schema the session's search_path is set to, lower case as PostgreSQL folds it; null: unknown. */
    private String searchPath;

    private SearchPathSession(Connection physical) {
        this.physical = physical;
    }

    static Connection wrap(Connection physical) {
        SearchPathSession session = new SearchPathSession(physical);
        session.proxy = (Connection) Proxy.newProxyInstance(SearchPathSession.class.getClassLoader(),
                new Class<?>[] {Connection.class}, session);
        return session.proxy;
    }

    /** The schema a {@code set search_path to <schema>} sets, lower case; null for any other statement. */
    static String settingOf(String sql) {
        // every statement the pool prepares comes here: most are told apart by their first word alone
        int start = 0;
        while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
            start++;
        }
        if (!sql.regionMatches(true, start, "set", 0, 3)) {
            return null;
        }
        Matcher m = SET_SEARCH_PATH.matcher(sql);
        return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** Whether a statement may change the session's search_path (conservatively: it names it, a schema, or a reset). */
    static boolean mayChangeSearchPath(String sql) {
        for (int i = 0; i < sql.length(); i++) {
            // compared where a word could start, without a lower-case copy of every statement
            char c = Character.toLowerCase(sql.charAt(i));
            if ((c == 's' || c == 'r' || c == 'd') && (sql.regionMatches(true, i, "search_path", 0, 11)
                    || sql.regionMatches(true, i, "schema", 0, 6) || sql.regionMatches(true, i, "reset", 0, 5)
                    || sql.regionMatches(true, i, "discard", 0, 7))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "equals":
                return self == args[0];
            case "hashCode":
                return System.identityHashCode(self);
            case "unwrap":
                return ((Class<?>) args[0]).isInstance(self) ? self : physical.unwrap((Class<?>) args[0]);
            case "isWrapperFor":
                return ((Class<?>) args[0]).isInstance(self) || physical.isWrapperFor((Class<?>) args[0]);
            case "rollback":
            case "setSchema":
                searchPath = null;
                return call(physical, method, args);
            case "prepareStatement":
                String setting = settingOf((String) args[0]);
                // Payara's pool prepares with a result set type and concurrency; neither changes what a set does.
                if (setting != null) {
                    return statement(PreparedStatement.class, (PreparedStatement) call(physical, method, args), setting, false);
                }
                return watched(PreparedStatement.class, method, args);
            case "prepareCall":
                return watched(CallableStatement.class, method, args);
            case "createStatement":
                return statement(Statement.class, (Statement) call(physical, method, args), null, false);
            default:
                return call(physical, method, args);
        }
    }

    /** A statement whose SQL is known now: watched only if it may change the path. */
    private <T extends Statement> Object watched(Class<T> type, Method method, Object[] args) throws Throwable {
        T statement = type.cast(call(physical, method, args));
        return mayChangeSearchPath((String) args[0]) ? statement(type, statement, null, true) : statement;
    }

    private <T extends Statement> Object statement(Class<T> type, T statement, String setting, boolean changes) {
        return Proxy.newProxyInstance(SearchPathSession.class.getClassLoader(), new Class<?>[] {type},
                new SearchPathStatement(statement, setting, changes));
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * A statement of this connection: a {@code set search_path} ({@code setting}, the schema it
     * sets), one prepared with SQL that may change the path some other way ({@code changes}), or a
     * plain statement whose SQL comes with each execute (neither).
     */
    private final class SearchPathStatement implements InvocationHandler {
        private final Statement target;
        private final String setting;
        private final boolean changes;

        SearchPathStatement(Statement target, String setting, boolean changes) {
            this.target = target;
            this.setting = setting;
            this.changes = changes;
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "equals":
                    return self == args[0];
                case "hashCode":
                    return System.identityHashCode(self);
                case "getConnection":
                    return proxy;
                case "unwrap":
                    return ((Class<?>) args[0]).isInstance(self) ? self : target.unwrap((Class<?>) args[0]);
                case "isWrapperFor":
                    return ((Class<?>) args[0]).isInstance(self) || target.isWrapperFor((Class<?>) args[0]);
                default:
                    break;
            }
            if (!EXECUTE.contains(name)) {
                return call(target, method, args);
            }
            boolean withSql = args != null && args.length > 0 && args[0] instanceof String;
            if (setting != null && !withSql) {
                return setSearchPath(method, args);
            }
            if (changes || (withSql && mayChangeSearchPath((String) args[0]))) {
                searchPath = null;
                try {
                    return call(target, method, args);
                } finally {
                    searchPath = null;
                }
            }
            return call(target, method, args);
        }

        private Object setSearchPath(Method method, Object[] args) throws Throwable {
            if (setting.equals(searchPath)) {
                return switch (method.getName()) {
                    case "executeUpdate" -> 0;
                    case "executeLargeUpdate" -> 0L;
                    case "execute" -> false;
                    default -> call(target, method, args);
                };
            }
            searchPath = null;
            Object result = call(target, method, args);
            searchPath = setting;
            return result;
        }
    }
}
