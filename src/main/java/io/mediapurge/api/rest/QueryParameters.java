package io.mediapurge.api.rest;

import java.util.Locale;

import io.mediapurge.api.ApiError;
import io.mediapurge.purge.Outcome;

/**
 * The operator API's query parameters read one way for every resource: absent or empty is the
 * default, anything else that is not of the parameter's type and range is 400 InvalidParameter
 * naming the parameter.
 */
final class QueryParameters {

    private QueryParameters() {
    }

    /** A whole number from {@code min} to {@code max}. */
    static int number(String name, String value, int otherwise, int min, int max) {
        if (value == null || value.isEmpty()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below, as for a number out of range
        }
        throw ApiError.invalidParameter(name, "must be a whole number from " + min + " to " + max);
    }

    /** {@code true} or {@code false}, in any case. */
    static boolean flag(String name, String value, boolean otherwise) {
        if (value == null || value.isEmpty()) {
            return otherwise;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiError.invalidParameter(name, "must be true or false");
        };
    }

    /** An item outcome by name, in any case; null when absent. */
    static Outcome outcome(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Outcome.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidParameter("outcome", "must be one of PENDING, DELETED, IGNORED, FORBIDDEN, FAILED, WOULD_DELETE");
        }
    }
}
