package io.mediapurge.api.rest;

import io.mediapurge.access.Principal;

import jakarta.ws.rs.container.ContainerRequestContext;

/** Who signed an operator call: their reference ({@code UID/user}) and permissions. */
public record OperatorCaller(String requestId, String principalRef, Principal principal) {

    /** The caller {@link OperatorSignatureFilter} verified for this request. */
    static OperatorCaller of(ContainerRequestContext request) {
        return (OperatorCaller) request.getProperty(OperatorSignatureFilter.CALLER);
    }
}
