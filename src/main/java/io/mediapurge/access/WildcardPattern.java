package io.mediapurge.access;

import java.util.Locale;

/**
 * A RAM wildcard pattern: {@code *} matches any run of characters (also none, also across
 * {@code :} and {@code /}), {@code ?} exactly one character, everything else itself.
 */
public final class WildcardPattern {

    private final String pattern;
    private final boolean ignoreCase;
    private final boolean matchesEverything;
    private final boolean literal;

    private WildcardPattern(String pattern, boolean ignoreCase) {
        this.ignoreCase = ignoreCase;
        this.pattern = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        this.matchesEverything = !this.pattern.isEmpty() && this.pattern.chars().allMatch(c -> c == '*');
        this.literal = this.pattern.indexOf('*') < 0 && this.pattern.indexOf('?') < 0;
    }

    /** A pattern whose letters match regardless of case, as RAM compares action names. */
    public static WildcardPattern ignoringCase(String pattern) {
        return new WildcardPattern(pattern, true);
    }

    /** A pattern compared character by character, as RAM compares resource names. */
    public static WildcardPattern exact(String pattern) {
        return new WildcardPattern(pattern, false);
    }

    /** Whether the whole of {@code text} matches the pattern. */
    public boolean matches(String text) {
        if (matchesEverything) {
            return true;
        }
        String subject = ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
        if (literal) {
            return pattern.equals(subject);
        }
        return globMatches(pattern, subject);
    }

    /*
     * Iterative matching with one backtrack point (the last star): linear for the patterns
     * people write and never exponential, unlike a translated regular expression.
     */
    private static boolean globMatches(String p, String s) {
        int pi = 0;
        int si = 0;
        int starAt = -1;
        int resumeAt = 0;
        while (si < s.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == s.charAt(si))) {
                pi++;
                si++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                starAt = pi++;
                resumeAt = si;
            } else if (starAt >= 0) {
                pi = starAt + 1;
                si = ++resumeAt;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
