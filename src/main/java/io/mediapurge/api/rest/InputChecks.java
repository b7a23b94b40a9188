package io.mediapurge.api.rest;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

/**
 * The operator API's inputs checked against their Bean Validation constraints; a broken one is
 * answered by {@link ConstraintErrors}. The resources call it explicitly, after reading a body or
 * query by hand, rather than asking JAX-RS to validate their parameters: a query parameter JAX-RS
 * cannot convert is a 404 by the JAX-RS specification (ours are 400 InvalidParameter), and
 * parameter validation would run before the caller's permissions are checked (a caller who may
 * not do something learns nothing about its inputs).
 */
@ApplicationScoped
public class InputChecks {

    /** The messages of the whole-number limits, the same for every field that has one. */
    static final String AT_LEAST = "must be a whole number of at least {value}";
    static final String AT_MOST = "must be a whole number of at most {value}";

    @Inject
    Validator validator;

    /** {@code input} when it keeps every constraint it has; else {@link ConstraintViolationException}. */
    public <T> T valid(T input) {
        Set<ConstraintViolation<T>> violations = validator.validate(input);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return input;
    }
}
