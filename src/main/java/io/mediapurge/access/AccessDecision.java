package io.mediapurge.access;

import java.util.Optional;

/** The outcome of a policy evaluation for one action on one resource, with what decided it. */
public record AccessDecision(Basis basis, String decidedBy) {

    /** What a decision rests on; each denial maps to one forbidden reason of the purge outcome. */
    public enum Basis {
        ROOT_OF_OWNER_ACCOUNT(null),
        ALLOWED_BY_POLICY(null),
        NOT_OWNER(ForbiddenReason.NOT_OWNER),
        DENIED_BY_POLICY(ForbiddenReason.POLICY_DENY),
        NO_POLICY_ALLOWS(ForbiddenReason.POLICY_DENY),
        PRINCIPAL_INACTIVE(ForbiddenReason.POLICY_DENY);

        private final ForbiddenReason forbiddenReason;

        Basis(ForbiddenReason forbiddenReason) {
            this.forbiddenReason = forbiddenReason;
        }
    }

    /** Whether the action may go ahead. */
    public boolean allowed() {
        return basis.forbiddenReason == null;
    }

    /** The reason to record when the action is refused; empty when it is allowed. */
    public Optional<ForbiddenReason> forbiddenReason() {
        return Optional.ofNullable(basis.forbiddenReason);
    }

    @Override
    public String toString() {
        return (allowed() ? "ALLOW" : "DENY") + " " + basis + (decidedBy == null ? "" : " by " + decidedBy);
    }
}
