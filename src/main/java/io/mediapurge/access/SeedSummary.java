package io.mediapurge.access;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What applying a provisioning file changed, counted by kind; it never holds a secret. */
public final class SeedSummary {

    /** The kinds of things a provisioning file creates or updates. */
    public enum Kind {
        ACCOUNT("account", "accounts"),
        USER("RAM user", "RAM users"),
        ACCESS_KEY("access key", "access keys"),
        POLICY("policy", "policies"),
        BUCKET_GRANT("bucket grant", "bucket grants"),
        CONSOLE_USER("console user", "console users");

        private final String one;
        private final String many;

        Kind(String one, String many) {
            this.one = one;
            this.many = many;
        }

        String count(int n) {
            return n + " " + (n == 1 ? one : many);
        }
    }

    private final Map<Kind, Integer> created = new EnumMap<>(Kind.class);
    private final Map<Kind, Integer> updated = new EnumMap<>(Kind.class);

    void countCreated(Kind kind) {
        created.merge(kind, 1, Integer::sum);
    }

    void countUpdated(Kind kind) {
        updated.merge(kind, 1, Integer::sum);
    }

    public int created(Kind kind) {
        return created.getOrDefault(kind, 0);
    }

    public int updated(Kind kind) {
        return updated.getOrDefault(kind, 0);
    }

    /** Everything created or updated; zero when the database already matched the file. */
    public int changes() {
        return created.values().stream().mapToInt(Integer::intValue).sum()
                + updated.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public String toString() {
        if (changes() == 0) {
            return "nothing to change";
        }
        return "created " + describe(created) + "; updated " + describe(updated);
    }

    private static String describe(Map<Kind, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((kind, n) -> parts.add(kind.count(n)));
        return parts.isEmpty() ? "nothing" : String.join(", ", parts);
    }
}
