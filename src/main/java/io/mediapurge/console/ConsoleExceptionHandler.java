package io.mediapurge.console;

import java.io.IOException;
import java.util.Iterator;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.mediapurge.audit.AuditLog;
import io.mediapurge.audit.Door;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Whatever fails in a page, the browser gets the error page with a plain message, never a stack
 * trace. A postback naming a view this session does not hold (expired, or replayed from another
 * session's form) is refused, and audited when someone is signed in.
 */
public class ConsoleExceptionHandler extends ExceptionHandlerWrapper {

    private static final Logger LOG = Logger.getLogger(ConsoleExceptionHandler.class.getName());

    public static class Factory extends ExceptionHandlerFactory {
        public Factory(ExceptionHandlerFactory wrapped) {
            super(wrapped);
        }

        @Override
        public ExceptionHandler getExceptionHandler() {
            return new ConsoleExceptionHandler(getWrapped().getExceptionHandler());
        }
    }

    ConsoleExceptionHandler(ExceptionHandler wrapped) {
        super(wrapped);
    }

    /** The database did not answer (down, unreachable, the pool gave up): the page can say so. */
    static boolean fromTheDatabase(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException || t instanceof jakarta.persistence.PersistenceException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void handle() {
        Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
        if (!events.hasNext()) {
            super.handle();
            return;
        }
        Throwable failure = events.next().getContext().getException();
        events.remove();
        while (events.hasNext()) {
            events.next();
            events.remove();
        }
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        String problem;
        if (failure instanceof ViewExpiredException expired) {
            problem = "expired";
            String user = request.getRemoteUser();
            if (user != null) {
                String source = request.getParameter("jakarta.faces.source");
                CDI.current().select(AuditLog.class).get().refused(new AuditLog.Caller(user, Door.CONSOLE, request.getRemoteAddr()),
                        "POSTBACK", expired.getViewId(), "refused a postback of a view this session does not hold (expired or"
                                + " replayed from another session)" + (source == null ? "" : "; it named " + source));
            }
        } else {
            problem = fromTheDatabase(failure) ? "database" : "failed";
            LOG.log(Level.WARNING, "console page " + request.getRequestURI() + " failed", failure);
        }
        try {
            if (faces.getPartialViewContext().isAjaxRequest() || !external.isResponseCommitted()) {
                external.redirect(external.getRequestContextPath() + "/error.xhtml?problem=" + problem);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "could not send the error page", e);
        }
        faces.responseComplete();
    }
}
