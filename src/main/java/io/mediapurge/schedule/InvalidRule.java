package io.mediapurge.schedule;

/** A rule that cannot be saved or previewed: the field at fault and why. Nothing was saved. */
public final class InvalidRule extends RuntimeException {

    private final String field;

    public InvalidRule(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
