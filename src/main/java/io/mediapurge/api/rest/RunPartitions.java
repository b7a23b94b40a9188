package io.mediapurge.api.rest;

import io.mediapurge.purge.service.PurgeService;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The partition count a caller asks a run to have ({@code partitions} of a JSON submission, or the
 * query parameter of a CSV submission and of a start): from 1 to {@link PurgeService#MAX_PARTITIONS},
 * or none, and then the server's default.
 */
record RunPartitions(@Min(value = 1, message = InputChecks.AT_LEAST)
        @Max(value = PurgeService.MAX_PARTITIONS, message = InputChecks.AT_MOST) Integer partitions) {

    /** What the run is started with. */
    int count() {
        return partitions == null ? PurgeService.SERVER_DEFAULT_PARTITIONS : partitions;
    }
}
