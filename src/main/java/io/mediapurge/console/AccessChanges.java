package io.mediapurge.console;

import java.util.function.Supplier;

import io.mediapurge.access.InvalidAccessChange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;

/**
 * The one shape of every change on the Access page: the role check (refused and audited unless
 * purge-admin), then the service; the change audited with what it did, or refused with why, and
 * the page told which.
 */
@ApplicationScoped
public class AccessChanges {

    /** When a change reaches whom it concerns, as the page says after it. */
    public enum InForce {
        EVERY_SERVER(". In force now on every server."),
        SESSIONS_END(". That user's sessions end within seconds on every server; they sign in again with what they may do now."),
        NEXT_REQUEST(". In force from that user's next click, on every server.");

        final String text;

        InForce(String text) {
            this.text = text;
        }
    }

    @Inject
    ConsoleGuard guard;

    /** Runs one change; true when it was made. {@code made} answers the audit's detail (null: none). */
    public boolean apply(String action, String target, InForce inForce, Supplier<String> made) {
        guard.require(ConsoleGuard.Permission.ADMIN, action, target);
        try {
            String detail = made.get();
            guard.done(action, target, detail);
            message(FacesMessage.SEVERITY_INFO, "Saved: " + action.toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " — " + target
                    + (detail == null ? "" : " (" + detail + ")") + inForce.text);
            return true;
        } catch (InvalidAccessChange e) {
            guard.failed(action, target, e.getMessage());
            message(FacesMessage.SEVERITY_ERROR, e.getMessage() + " Nothing was saved.");
            return false;
        }
    }

    static void message(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
    }
}
