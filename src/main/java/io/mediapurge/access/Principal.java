package io.mediapurge.access;

import java.util.List;
import java.util.Objects;

/**
 * Who is asking: an account's root identity or one of its RAM users, with the policies attached
 * to it and whether the identity (its access key, its user) is still active.
 */
public record Principal(String accountUid, String userName, boolean root, boolean active, List<AttachedPolicy> policies) {

    private static final int ACCOUNT_UID_LENGTH = 16;

    public Principal {
        if (!isAccountUid(accountUid)) {
            throw new IllegalArgumentException("account UID must be 16 digits");
        }
        if (!root && (userName == null || userName.isBlank())) {
            throw new IllegalArgumentException("a RAM user needs a name");
        }
        policies = List.copyOf(Objects.requireNonNull(policies, "policies"));
        // RAM gives a root identity no policies; attaching some would suggest they limit it.
        if (root && !policies.isEmpty()) {
            throw new IllegalArgumentException("a root identity has no attached policies");
        }
    }

    /** The root identity of an account: everything on the account's own resources. */
    public static Principal root(String accountUid) {
        return new Principal(accountUid, null, true, true, List.of());
    }

    /** An active RAM user of an account with the policies attached to it (its groups' included). */
    public static Principal ramUser(String accountUid, String userName, List<AttachedPolicy> policies) {
        return new Principal(accountUid, userName, false, true, policies);
    }

    /** The same identity, no longer allowed to act (a disabled access key or user). */
    public Principal deactivated() {
        return new Principal(accountUid, userName, root, false, policies);
    }

    static boolean isAccountUid(String value) {
        // by hand, not by a regular expression: the deletion pipeline checks one per asset it decides on
        if (value == null || value.length() != ACCOUNT_UID_LENGTH) {
            return false;
        }
        for (int i = 0; i < ACCOUNT_UID_LENGTH; i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return (root ? "root" : "user " + userName) + " of account " + accountUid + (active ? "" : " (inactive)");
    }
}
