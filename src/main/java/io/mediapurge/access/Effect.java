package io.mediapurge.access;

/** What a policy statement does to the requests it matches. */
public enum Effect {
    ALLOW("Allow"),
    DENY("Deny");

    private final String policyValue;

    Effect(String policyValue) {
        this.policyValue = policyValue;
    }

    /** The spelling in a policy document: {@code Allow} or {@code Deny}. */
    public String policyValue() {
        return policyValue;
    }
}
