package io.mediapurge.access;

/**
 * The actions of the operator API as RAM policies name them. Each is decided on a resource of the
 * caller's account, like the IMS actions: {@code acs:mediapurge:REGION:UID:purge/ID} for a
 * submission, {@code .../job/ID} for a job execution, {@code .../rule/ID} for a purge rule, {@code purge/*}, {@code job/*} or {@code rule/*} for what
 * has no ID yet (a new submission, the list of runs), {@code .../user/NAME} for acting as another
 * RAM user. A root identity holds all of its own account's.
 */
public enum OperatorAction {
    CREATE_PURGE("mediapurge:CreatePurge"),
    GET_PURGE("mediapurge:GetPurge"),
    START_PURGE("mediapurge:StartPurge"),
    LIST_JOBS("mediapurge:ListJobs"),
    GET_JOB("mediapurge:GetJob"),
    STOP_JOB("mediapurge:StopJob"),
    RESTART_JOB("mediapurge:RestartJob"),
    ABANDON_JOB("mediapurge:AbandonJob"),
    CREATE_RULE("mediapurge:CreateRule"),
    GET_RULE("mediapurge:GetRule"),
    LIST_RULES("mediapurge:ListRules"),
    UPDATE_RULE("mediapurge:UpdateRule"),
    DELETE_RULE("mediapurge:DeleteRule"),
    /** Firing a purge rule now, whatever its schedule. */
    RUN_RULE("mediapurge:RunRule"),
    /** Running a submission someone else requested, which then deletes with that requester's permissions. */
    ACT_AS("mediapurge:ActAs");

    /** The service segment of the resources these actions are decided on. */
    public static final String SERVICE = "mediapurge";

    private final String ramName;

    OperatorAction(String ramName) {
        this.ramName = ramName;
    }

    /** The name a policy's Action matches, e.g. {@code mediapurge:StartPurge}. */
    public String ramName() {
        return ramName;
    }

    @Override
    public String toString() {
        return ramName;
    }
}
