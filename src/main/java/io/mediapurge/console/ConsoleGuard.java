package io.mediapurge.console;

import io.mediapurge.audit.AuditLog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The console's server-side check in front of every action, whatever the page shows: the caller's
 * role must allow it, and the attempt is audited either way.
 */
@ApplicationScoped
public class ConsoleGuard {

    public enum Permission { LAUNCH, STEER, READ, ADMIN }

    @Inject
    ConsoleCaller caller;

    @Inject
    AuditLog audit;

    /** Throws {@link ConsoleRefused} (audited as refused) unless the caller holds {@code permission}. */
    public void require(Permission permission, String action, String target) {
        boolean allowed = switch (permission) {
            case LAUNCH -> caller.isLaunching();
            case STEER -> caller.isSteering();
            case READ -> caller.getName() != null;
            case ADMIN -> caller.isAdmin();
        };
        if (!allowed) {
            String why = permission == Permission.LAUNCH && caller.isSteering()
                    ? "console user " + caller.getName() + " acts as no RAM user, so it can read but not launch"
                    : "role " + caller.getRole() + " may not " + action.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            audit.refused(caller.audit(), action, target, why);
            throw new ConsoleRefused("Not allowed: " + why + ".");
        }
    }

    public void done(String action, String target, String detail) {
        audit.allowed(caller.audit(), action, target, detail);
    }

    public void failed(String action, String target, String detail) {
        audit.refused(caller.audit(), action, target, detail);
    }

    AuditLog.Caller auditCaller() {
        return caller.audit();
    }
}
