package io.mediapurge.api.rest;

import java.util.logging.Level;
import java.util.logging.Logger;

import io.mediapurge.access.NotAuthorized;
import io.mediapurge.api.ApiError;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Every operator API error in Alibaba's shape with its status; never a stack trace to the client. */
@Provider
public class OperatorErrors implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(OperatorErrors.class.getName());

    // Jersey cannot hand a mapper the ContainerRequestContext (the mapper then fails and the client
    // gets an HTML 500); in a servlet container the request's properties are its attributes.
    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(Throwable thrown) {
        String requestId = requestId(request);
        ApiError error;
        if (thrown instanceof ApiError e) {
            error = e;
        } else if (thrown instanceof NotAuthorized e) {
            error = ApiError.forbidden(e.getMessage());
        } else if (thrown instanceof WebApplicationException e) {
            int status = e.getResponse().getStatus();
            error = switch (status) {
                case 404 -> ApiError.notFound("No such resource.");
                case 405 -> new ApiError(405, "UnsupportedHTTPMethod", "This method is not allowed here.");
                case 415 -> new ApiError(415, "InvalidParameter", "Unsupported content type.");
                default -> status >= 500 ? ApiError.internal() : new ApiError(status, "InvalidParameter", "The request is invalid.");
            };
        } else {
            LOG.log(Level.SEVERE, "request " + requestId + " failed", thrown);
            error = ApiError.internal();
        }
        return answer(error, requestId);
    }

    static Response answer(ApiError error, String requestId) {
        return Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8"))
                .entity(error.toJson(requestId).toString()).build();
    }

    /** The request ID the caller was given, or a new one when the call failed before it had one. */
    static String requestId(HttpServletRequest request) {
        return request != null && request.getAttribute(OperatorSignatureFilter.CALLER) instanceof OperatorCaller c
                ? c.requestId() : ApiError.newRequestId();
    }
}
