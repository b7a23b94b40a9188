package io.mediapurge.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether one principal may perform an action on resources, the RAM way: an explicit
 * Deny beats an Allow, which beats the implicit deny; a root identity may do everything on its
 * own account; nobody acts on another account's resources.
 *
 * <p>Built once per principal (patterns compiled once); {@link #forAction} narrows the
 * statements to one action so that deciding for each of many resources only matches resources.
 */
public final class PolicyEvaluator {

    private final Principal principal;
    private final List<CompiledStatement> statements;

    private PolicyEvaluator(Principal principal) {
        this.principal = Objects.requireNonNull(principal, "principal");
        List<CompiledStatement> compiled = new ArrayList<>();
        for (AttachedPolicy policy : principal.policies()) {
            List<PolicyStatement> policyStatements = policy.document().statements();
            for (int i = 0; i < policyStatements.size(); i++) {
                compiled.add(CompiledStatement.of(policyStatements.get(i), "policy " + policy.name() + " Statement[" + i + "]"));
            }
        }
        this.statements = List.copyOf(compiled);
    }

    /** The evaluator for one principal; keep it for all the resources of a request or a chunk. */
    public static PolicyEvaluator forPrincipal(Principal principal) {
        return new PolicyEvaluator(principal);
    }

    /** The principal this evaluator decides for. */
    public Principal principal() {
        return principal;
    }

    /** Decides one action on one resource. */
    public AccessDecision decide(String action, ResourceArn resource) {
        return forAction(action).decide(resource);
    }

    /** The statements that name {@code action}, ready to decide for many resources. */
    public ForAction forAction(String action) {
        Objects.requireNonNull(action, "action");
        List<CompiledStatement> denies = new ArrayList<>();
        List<CompiledStatement> allows = new ArrayList<>();
        for (CompiledStatement statement : statements) {
            if (statement.coversAction(action)) {
                (statement.effect() == Effect.DENY ? denies : allows).add(statement);
            }
        }
        return new ForAction(action, List.copyOf(denies), List.copyOf(allows));
    }

    /** One principal's permissions for one action. */
    public final class ForAction {

        private final String action;
        private final List<CompiledStatement> denies;
        private final List<CompiledStatement> allows;

        private ForAction(String action, List<CompiledStatement> denies, List<CompiledStatement> allows) {
            this.action = action;
            this.denies = denies;
            this.allows = allows;
        }

        /** The action these permissions are for. */
        public String action() {
            return action;
        }

        /** Decides the action on one resource. */
        public AccessDecision decide(ResourceArn resource) {
            Objects.requireNonNull(resource, "resource");
            if (!principal.active()) {
                return new AccessDecision(AccessDecision.Basis.PRINCIPAL_INACTIVE, null);
            }
            // Checked before any policy: even "Resource": "*" never reaches into another account.
            if (!resource.accountUid().equals(principal.accountUid())) {
                return new AccessDecision(AccessDecision.Basis.NOT_OWNER, null);
            }
            if (principal.root()) {
                return new AccessDecision(AccessDecision.Basis.ROOT_OF_OWNER_ACCOUNT, null);
            }
            String name = resource.toString();
            for (CompiledStatement deny : denies) {
                if (deny.coversResource(name)) {
                    return new AccessDecision(AccessDecision.Basis.DENIED_BY_POLICY, deny.source());
                }
            }
            for (CompiledStatement allow : allows) {
                if (allow.coversResource(name)) {
                    return new AccessDecision(AccessDecision.Basis.ALLOWED_BY_POLICY, allow.source());
                }
            }
            return new AccessDecision(AccessDecision.Basis.NO_POLICY_ALLOWS, null);
        }
    }

    private record CompiledStatement(Effect effect, List<WildcardPattern> actions, List<WildcardPattern> resources, String source) {

        static CompiledStatement of(PolicyStatement statement, String source) {
            return new CompiledStatement(
                    statement.effect(),
                    statement.actions().stream().map(WildcardPattern::ignoringCase).toList(),
                    statement.resources().stream().map(WildcardPattern::exact).toList(),
                    source);
        }

        boolean coversAction(String action) {
            for (WildcardPattern pattern : actions) {
                if (pattern.matches(action)) {
                    return true;
                }
            }
            return false;
        }

        boolean coversResource(String resource) {
            for (WildcardPattern pattern : resources) {
                if (pattern.matches(resource)) {
                    return true;
                }
            }
            return false;
        }
    }
}
