package io.mediapurge.api.rest;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.mediapurge.audit.AuditLog;
import io.mediapurge.audit.Door;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Writes each signed call to an {@link Audited} endpoint to the audit log once it is answered:
 * allowed when it succeeded, refused (with the status) when it did not. Calls whose signature
 * failed are not written: they name nobody, and an unsigned flood must not fill the table.
 */
@Provider
public class OperatorAudit implements ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(OperatorAudit.class.getName());

    @Inject
    AuditLog audit;

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest http;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Audited audited = resource.getResourceMethod() == null ? null : resource.getResourceMethod().getAnnotation(Audited.class);
        if (audited == null || !(request.getProperty(OperatorSignatureFilter.CALLER) instanceof OperatorCaller caller)) {
            return;
        }
        AuditLog.Caller who = new AuditLog.Caller(caller.principalRef(), Door.REST, http.getRemoteAddr());
        String target = target(audited, request);
        String path = request.getUriInfo().getRequestUri().getRawPath();
        String detail = request.getMethod() + " " + (path.length() > 512 ? path.substring(0, 512) + "…" : path)
                + ": HTTP " + response.getStatus();
        try {
            if (response.getStatus() < 400) {
                audit.allowed(who, audited.value(), target, detail);
            } else {
                audit.refused(who, audited.value(), target, detail);
            }
        } catch (RuntimeException e) {
            // The call is done and answered; a lost audit row is logged, not turned into an error for it.
            LOG.log(Level.WARNING, "could not audit " + audited.value() + " by " + caller.principalRef() + ": " + e);
        }
    }

    private static String target(Audited audited, ContainerRequestContext request) {
        if (audited.target().isEmpty()) {
            return null;
        }
        for (String name : List.of("id", "executionId")) {
            String value = request.getUriInfo().getPathParameters().getFirst(name);
            if (value != null) {
                return audited.target() + " " + value;
            }
        }
        return null;
    }
}
