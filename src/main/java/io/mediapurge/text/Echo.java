package io.mediapurge.text;

/**
 * Client input as an answer or a log line may repeat it: visible ASCII only, cut short, so a
 * huge or binary value never reaches a message, a terminal or a log viewer as it was sent.
 */
public final class Echo {

    /** How much of a value a message repeats. */
    static final int MAX_CHARS = 64;

    private Echo() {
    }

    /** {@code value} with every character outside visible ASCII as {@code ?}, at most 64 characters then an ellipsis; "" for null. */
    public static String of(String value) {
        if (value == null) {
            return "";
        }
        String cleaned = value.replaceAll("[^\\x20-\\x7e]", "?");
        return cleaned.length() > MAX_CHARS ? cleaned.substring(0, MAX_CHARS) + "…" : cleaned;
    }
}
