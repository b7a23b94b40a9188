package io.mediapurge.purge;

/** Which door a submission came through. */
public enum SubmissionSource {
    API, REST, CONSOLE, SCHEDULE, RETRY
}
