package io.mediapurge.signin;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * The console's form login: a Faces login page that hands the credentials to Jakarta Security
 * ({@code SecurityContext.authenticate}), which asks {@link ConsoleIdentityStore}. Pages under
 * {@code /console/} need one of the roles (WEB-INF/web.xml).
 */
@CustomFormAuthenticationMechanismDefinition(loginToContinue = @LoginToContinue(loginPage = "/login.xhtml",
        errorPage = "", useForwardToLogin = false))
@DeclareRoles({ConsoleRoles.ADMIN, ConsoleRoles.OPERATOR, ConsoleRoles.VIEWER})
@ApplicationScoped
public class ConsoleSignIn {
}
