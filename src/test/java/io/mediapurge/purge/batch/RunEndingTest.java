package io.mediapurge.purge.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mediapurge.purge.SubmissionStatus;

import jakarta.batch.runtime.BatchStatus;

class RunEndingTest {

    @ParameterizedTest(name = "{0} in afterJob: the runtime writes {1}")
    @CsvSource({
            "STARTED, COMPLETED",   // a normal end
            "FAILED, FAILED",
            "STOPPING, STOPPED",    // a stop
            "STOPPED, STOPPED",
            "STARTING, COMPLETED"})
    void whatTheBatchRuntimeWritesNext(BatchStatus seen, BatchStatus ending) {
        assertEquals(ending, RunEnding.of(seen));
    }

    @ParameterizedTest(name = "{0} with {1} pending: the submission is {2}")
    @CsvSource({
            "COMPLETED, 0, COMPLETED",
            "FAILED, 0, COMPLETED",    // failed after its last chunk: nothing is left to do
            "STOPPED, 0, COMPLETED",
            "FAILED, 1, FAILED",
            "STOPPED, 7, STOPPED",
            "COMPLETED, 3, FAILED"})   // a run over every pending request that left some of this one
    void theSubmissionAfterTheRun(BatchStatus ended, long pending, SubmissionStatus submission) {
        assertEquals(submission, RunEnding.submissionAfter(ended, pending));
    }
}
