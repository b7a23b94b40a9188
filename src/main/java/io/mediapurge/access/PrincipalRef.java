package io.mediapurge.access;

import java.util.Optional;
import java.util.regex.Pattern;

/** Names a RAM user across accounts as {@code ACCOUNT_UID/USER_NAME}, e.g. {@code 1000000000000001/root}. */
public record PrincipalRef(String accountUid, String userName) {

    /** RAM user names: letters, digits and {@code . _ @ -}, at most 64 characters. */
    static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    public PrincipalRef {
        if (!Principal.isAccountUid(accountUid)) {
            throw new IllegalArgumentException("account UID must be 16 digits");
        }
        if (userName == null || !USER_NAME.matcher(userName).matches()) {
            throw new IllegalArgumentException("user name must be 1 to 64 letters, digits, '.', '_', '@' or '-'");
        }
    }

    /** The reference in {@code text}, or empty when it is not {@code UID/USER_NAME}. */
    public static Optional<PrincipalRef> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String uid = text.substring(0, slash);
        String name = text.substring(slash + 1);
        if (!Principal.isAccountUid(uid) || !USER_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of(new PrincipalRef(uid, name));
    }

    @Override
    public String toString() {
        return accountUid + "/" + userName;
    }
}
