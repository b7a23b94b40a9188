package io.mediapurge.api.rest;

import java.util.Locale;

import io.mediapurge.api.ApiError;
import io.mediapurge.purge.Outcome;

/**
 * The operator API's query parameters read one way for every resource: absent or empty is the
 * default, anything else that is not of the parameter's type is 400 InvalidParameter naming the
 * parameter (ranges are the constraints of the query records, see {@link InputChecks}).
 */
final class QueryParameters {

    private QueryParameters() {
    }

    /**
     * A whole number, null when absent; its range is the constraint of the field it goes into
     * ({@link InputChecks}). One beyond what an int holds is kept as the nearest int, so the range
     * is what refuses it.
     */
    static Integer wholeNumber(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return JsonBodies.nearestInt(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw ApiError.invalidParameter(name, "must be a whole number");
        }
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
