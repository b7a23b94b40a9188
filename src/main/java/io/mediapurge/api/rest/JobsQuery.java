package io.mediapurge.api.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The query of {@code GET /api/v1/jobs}: which page of the account's runs (from 1, of at most {@link #MAX_SIZE}). */
record JobsQuery(@Min(value = 1, message = InputChecks.AT_LEAST) int page,
        @Min(value = 1, message = InputChecks.AT_LEAST) @Max(value = JobsQuery.MAX_SIZE, message = InputChecks.AT_MOST) int size) {

    static final int MAX_SIZE = 200;
    static final int DEFAULT_SIZE = 20;

    /** The query as sent; absent or empty parameters are the defaults (page 1 of 20). */
    static JobsQuery of(String page, String size) {
        Integer pageNumber = QueryParameters.wholeNumber("page", page);
        Integer pageSize = QueryParameters.wholeNumber("size", size);
        return new JobsQuery(pageNumber == null ? 1 : pageNumber, pageSize == null ? DEFAULT_SIZE : pageSize);
    }

    /** The first run of the page, counted from 0. */
    int first() {
        return (int) Math.min(Integer.MAX_VALUE, (long) (page - 1) * size);
    }
}
