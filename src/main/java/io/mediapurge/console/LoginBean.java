package io.mediapurge.console;

import java.io.IOException;
import java.io.Serializable;

import io.mediapurge.audit.AuditLog;
import io.mediapurge.audit.Door;
import io.mediapurge.signin.SessionAccess;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The login page: hands the credentials to Jakarta Security; every refusal reads the same. */
@Named
@ViewScoped
public class LoginBean implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String REFUSED = "Wrong username or password. After repeated failures sign-in is paused for a while.";

    @Inject
    transient SecurityContext security;

    @Inject
    transient AuditLog audit;

    private String username;
    private String password;

    /** Someone already signed in who opens the login page goes to the dashboard. */
    public void signedInGoesOn() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (faces.getExternalContext().getRemoteUser() != null && !faces.isPostback()) {
            faces.getExternalContext().redirect(faces.getExternalContext().getRequestContextPath() + "/console/dashboard.xhtml");
        }
    }

    public void login() {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        HttpServletResponse response = (HttpServletResponse) external.getResponse();
        // A fresh session ID at sign-in: an ID planted before it is worth nothing after.
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        AuthenticationStatus status = security.authenticate(request, response, AuthenticationParameters.withParams()
                .newAuthentication(true).credential(new UsernamePasswordCredential(username, new Password(password == null ? "" : password))));
        password = null;
        AuditLog.Caller caller = new AuditLog.Caller(username, Door.CONSOLE, request.getRemoteAddr());
        if (status == AuthenticationStatus.SUCCESS || status == AuthenticationStatus.SEND_CONTINUE) {
            request.getSession().setAttribute(SessionAccess.STAMP, request.getAttribute(SessionAccess.STAMP));
        }
        switch (status) {
            case SEND_CONTINUE -> {
                audit.allowed(caller, "SIGN_IN", null, null);
                faces.responseComplete();
            }
            case SUCCESS -> {
                audit.allowed(caller, "SIGN_IN", null, null);
                try {
                    external.redirect(external.getRequestContextPath() + "/console/dashboard.xhtml");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            default -> {
                audit.refused(caller, "SIGN_IN", null, "wrong username or password, or paused after repeated failures");
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, REFUSED, null));
            }
        }
    }

    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return null; }
    public void setPassword(String password) { this.password = password; }
}
