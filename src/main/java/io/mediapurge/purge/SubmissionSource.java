package io.mediapurge.purge;

/** Which door a submission came through. */
public enum SubmissionSource {
    API, REST, CONSOLE, SCHEDULE, RETRY,
    /** Made by a purge rule when it fired (see the schedule package). */
    RULE
}
