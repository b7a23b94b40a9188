package io.mediapurge.signin;

import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;

import io.mediapurge.audit.AuditLog;
import io.mediapurge.audit.Door;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Every console request of a signed-in session is checked against the user as stored now: a
 * session of a user who was removed, whose password was reset or whose roles changed ends (and
 * the user signs in again, with the new roles). A changed {@code actsAs} needs no check: it is
 * read for each request ({@code ConsoleCaller}).
 */
@WebFilter(urlPatterns = "/console/*")
public class AccessChangeCheck extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String SIGNED_OUT_PAGE = "/login.xhtml?signedOut=changed";
    static final String DATABASE_DOWN_PAGE = "/error.xhtml?problem=database";
    private static final Logger LOG = Logger.getLogger(AccessChangeCheck.class.getName());

    @Inject
    SessionAccess access;

    @Inject
    AuditLog audit;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String username = request.getRemoteUser();
        HttpSession session = request.getSession(false);
        if (username == null || session == null) {
            chain.doFilter(request, response);
            return;
        }
        Object granted = session.getAttribute(SessionAccess.STAMP);
        Optional<String> now;
        try {
            now = access.current(username);
        } catch (RuntimeException unreadable) {
            // Before Faces: its error page would not be reached, and the container's names the exception.
            LOG.warning("console request " + request.getRequestURI() + ": cannot read console user " + username
                    + " (" + unreadable + ")");
            redirect(request, response, request.getContextPath() + DATABASE_DOWN_PAGE);
            return;
        }
        if (now.isPresent() && now.get().equals(granted)) {
            chain.doFilter(request, response);
            return;
        }
        request.logout();
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyEnded) {
            // the sign-out above ended it already
        }
        audit.allowed(new AuditLog.Caller(username, Door.CONSOLE, request.getRemoteAddr()), "SESSION_ENDED", username,
                now.isEmpty() ? "the console user was removed" : "the console user's password or roles changed");
        redirect(request, response, request.getContextPath() + SIGNED_OUT_PAGE);
    }

    private static void redirect(HttpServletRequest request, HttpServletResponse response, String target) throws IOException {
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            // an Ajax request follows a redirect only when Faces' partial response names it
            response.setContentType("text/xml");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + target.replace("&", "&amp;") + "\"/></partial-response>");
        } else {
            response.sendRedirect(target);
        }
    }
}
