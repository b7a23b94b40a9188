package io.mediapurge.signin;

import java.util.Set;

/** The console's roles: admin does everything, operator launches and steers runs, viewer reads. */
public final class ConsoleRoles {

    public static final String ADMIN = "purge-admin";
    public static final String OPERATOR = "purge-operator";
    public static final String VIEWER = "purge-viewer";
    public static final Set<String> ALL = Set.of(ADMIN, OPERATOR, VIEWER);

    private ConsoleRoles() {
    }
}
