package io.mediapurge.access;

import java.util.Objects;

/**
 * What one principal may do through the operator API (and any other door that acts for it):
 * each {@link OperatorAction} decided on a resource of an account by the same evaluator as the
 * IMS actions. Build one per call.
 *
 * <p>A run deletes with the permissions of its submission's requester. Starting or restarting a
 * run of a submission someone else requested therefore needs more than StartPurge or RestartJob:
 * the starter must be the requester, the account's root, or hold {@code mediapurge:ActAs} on the
 * requester ({@code acs:mediapurge:REGION:UID:user/NAME}); otherwise a user without a delete
 * permission could delete with another's.
 */
public final class OperatorPermissions {

    private final PolicyEvaluator evaluator;
    private final String region;

    private OperatorPermissions(Principal principal, String region) {
        this.evaluator = PolicyEvaluator.forPrincipal(principal);
        this.region = Objects.requireNonNull(region, "region");
    }

    public static OperatorPermissions of(Principal principal, String region) {
        return new OperatorPermissions(principal, region);
    }

    /** A submission: {@code acs:mediapurge:REGION:UID:purge/ID}. */
    public ResourceArn purge(String accountUid, long submissionId) {
        return new ResourceArn(OperatorAction.SERVICE, region, accountUid, "purge/" + submissionId);
    }

    /** Submissions not made yet, as a new one is: {@code purge/*}. */
    public ResourceArn anyPurge(String accountUid) {
        return new ResourceArn(OperatorAction.SERVICE, region, accountUid, "purge/*");
    }

    /** A job execution: {@code acs:mediapurge:REGION:UID:job/ID}. */
    public ResourceArn job(String accountUid, long executionId) {
        return new ResourceArn(OperatorAction.SERVICE, region, accountUid, "job/" + executionId);
    }

    /** All of an account's job executions, as a list of them is: {@code job/*}. */
    public ResourceArn anyJob(String accountUid) {
        return new ResourceArn(OperatorAction.SERVICE, region, accountUid, "job/*");
    }

    /** A purge rule: {@code acs:mediapurge:REGION:UID:rule/ID}. */
    public ResourceArn rule(String accountUid, long ruleId) {
        return new ResourceArn(OperatorAction.SERVICE, region, accountUid, "rule/" + ruleId);
    }

    /** Rules not made yet, and the list of them: {@code rule/*}. */
    public ResourceArn anyRule(String accountUid) {
        return new ResourceArn(OperatorAction.SERVICE, region, accountUid, "rule/*");
    }

    /** Whether the action is allowed on the resource. */
    public boolean allows(OperatorAction action, ResourceArn resource) {
        return evaluator.decide(action.ramName(), resource).allowed();
    }

    /** Refuses with {@link NotAuthorized} unless the action is allowed on the resource. */
    public void require(OperatorAction action, ResourceArn resource) {
        if (!allows(action, resource)) {
            throw new NotAuthorized(action.ramName(), resource);
        }
    }

    /**
     * Refuses with {@link NotAuthorized} unless this principal may make a run delete with
     * {@code requester}'s permissions (see the class comment).
     */
    public void requireActingFor(PrincipalRef requester) {
        Principal me = evaluator.principal();
        boolean sameAccount = requester.accountUid().equals(me.accountUid());
        if (sameAccount && (me.root() || requester.userName().equals(me.userName()))) {
            return;
        }
        require(OperatorAction.ACT_AS, new ResourceArn(OperatorAction.SERVICE, region, requester.accountUid(),
                "user/" + requester.userName()));
    }
}
