package io.mediapurge.console;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;

/**
 * On a purge-admin-only page, a postback from anyone else is refused before any of its fields or
 * buttons is even read, and audited naming what it tried to click: a forged form never reaches a
 * component, however it was made. (The page's actions check the role again themselves.)
 */
public class AdminViewGuard implements PhaseListener {

    private static final long serialVersionUID = 1L;

    /** The layout's sign-out form (its only field is its button). */
    static final String SIGN_OUT_FORM = "signOut";

    private static boolean outsideSignOut(String field) {
        return !field.equals(SIGN_OUT_FORM) && !field.startsWith(SIGN_OUT_FORM + ":") && !field.equals("jakarta.faces.ViewState");
    }

    @Override
    public PhaseId getPhaseId() {
        return PhaseId.APPLY_REQUEST_VALUES;
    }

    @Override
    public void beforePhase(PhaseEvent event) {
        FacesContext faces = event.getFacesContext();
        if (!faces.isPostback()) {
            return;
        }
        ConsoleCaller caller = CDI.current().select(ConsoleCaller.class).get();
        if (caller.isAdmin()) {
            return;
        }
        ExternalContext external = faces.getExternalContext();
        java.util.Map<String, String> fields = external.getRequestParameterMap();
        if (fields.containsKey(SIGN_OUT_FORM) && fields.keySet().stream().noneMatch(AdminViewGuard::outsideSignOut)) {
            return; // the menu bar's Sign out, alone: anyone may leave
        }
        String source = fields.get("jakarta.faces.source");
        String view = faces.getViewRoot().getViewId();
        CDI.current().select(ConsoleGuard.class).get().failed("POSTBACK", view, "role " + caller.getRole()
                + " may not change access; refused a postback" + (source == null ? "" : " naming " + source));
        try {
            external.redirect(external.getRequestContextPath() + view);
        } catch (java.io.IOException e) {
            external.setResponseStatus(403);
        }
        faces.responseComplete();
    }

    @Override
    public void afterPhase(PhaseEvent event) {
    }
}
