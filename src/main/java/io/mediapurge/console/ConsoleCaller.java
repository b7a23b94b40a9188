package io.mediapurge.console;

import java.util.Optional;

import io.mediapurge.access.ConsoleUsers;
import io.mediapurge.access.PrincipalRef;
import io.mediapurge.audit.AuditLog;
import io.mediapurge.audit.Door;
import io.mediapurge.signin.ConsoleRoles;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;

/** The signed-in console user of this request: name, roles, whose permissions its purges run with. */
@Named("me")
@RequestScoped
public class ConsoleCaller {

    @Inject
    SecurityContext security;

    @Inject
    HttpServletRequest request;

    @Inject
    ConsoleUsers users;

    private Optional<PrincipalRef> actsAs;

    public String getName() {
        return security.getCallerPrincipal() == null ? null : security.getCallerPrincipal().getName();
    }

    public boolean isAdmin() {
        return security.isCallerInRole(ConsoleRoles.ADMIN);
    }

    /** Stop, restart, abandon, retry. */
    public boolean isSteering() {
        return isAdmin() || security.isCallerInRole(ConsoleRoles.OPERATOR);
    }

    /** Launch purges: a steering role and a RAM user to act as. */
    public boolean isLaunching() {
        return isSteering() && actsAs().isPresent();
    }

    public Optional<PrincipalRef> actsAs() {
        if (actsAs == null) {
            actsAs = users.actsAs(getName());
        }
        return actsAs;
    }

    public String getActsAsText() {
        return actsAs().map(p -> p.accountUid() + "/" + p.userName()).orElse(null);
    }

    public String getRole() {
        return isAdmin() ? ConsoleRoles.ADMIN : security.isCallerInRole(ConsoleRoles.OPERATOR) ? ConsoleRoles.OPERATOR : ConsoleRoles.VIEWER;
    }

    AuditLog.Caller audit() {
        return new AuditLog.Caller(getName() == null ? "anonymous" : getName(), Door.CONSOLE, request.getRemoteAddr());
    }
}
