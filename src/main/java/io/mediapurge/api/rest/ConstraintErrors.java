package io.mediapurge.api.rest;

import java.util.Comparator;

import io.mediapurge.api.ApiError;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * An input that breaks a constraint ({@link InputChecks}) answered as a field read by hand is:
 * 400 InvalidParameter naming the field and its limit. One field is named (the first by name, so
 * the answer does not change between calls); nothing is logged, it is the caller's mistake.
 */
@Provider
public class ConstraintErrors implements ExceptionMapper<ConstraintViolationException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(ConstraintViolationException thrown) {
        return OperatorErrors.answer(error(thrown), OperatorErrors.requestId(request));
    }

    /** The error the first broken constraint (by field name) is answered with. */
    static ApiError error(ConstraintViolationException thrown) {
        return thrown.getConstraintViolations().stream()
                .min(Comparator.comparing((ConstraintViolation<?> v) -> v.getPropertyPath().toString()))
                .map(v -> ApiError.invalidParameter(v.getPropertyPath().toString(), v.getMessage()))
                .orElseGet(() -> ApiError.invalidParameter("request", "does not keep its constraints"));
    }
}
