package io.mediapurge.api.rest;

import io.mediapurge.purge.Outcome;
import io.mediapurge.purge.Submissions;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * The query of {@code GET /api/v1/purges/ID/items}: optionally the items of one outcome and
 * reason, and which page of them (from 1, of at most {@link Submissions#MAX_PAGE_SIZE}).
 */
record ItemsQuery(Outcome outcome, @Size(max = 64, message = "must be at most {max} characters") String reason,
        @Min(value = 1, message = InputChecks.AT_LEAST) int page,
        @Min(value = 1, message = InputChecks.AT_LEAST) @Max(value = Submissions.MAX_PAGE_SIZE, message = InputChecks.AT_MOST) int size) {

    static final int DEFAULT_SIZE = 100;

    /** The query as sent; absent or empty parameters are the defaults (every outcome and reason, page 1 of 100). */
    static ItemsQuery of(String outcome, String reason, String page, String size) {
        Integer pageNumber = QueryParameters.wholeNumber("page", page);
        Integer pageSize = QueryParameters.wholeNumber("size", size);
        return new ItemsQuery(QueryParameters.outcome(outcome), reason == null || reason.isEmpty() ? null : reason,
                pageNumber == null ? 1 : pageNumber, pageSize == null ? DEFAULT_SIZE : pageSize);
    }
}
