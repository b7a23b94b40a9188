package io.mediapurge.schedule;

/** What a rule does with fire times that passed while no server was running. */
public enum MissedFires {
    /** Fire once, at the first poll after the servers are back, for all the fire times missed. */
    RUN_ONCE,
    /** Record the missed fire times as one skipped fire and wait for the next one. */
    SKIP
}
