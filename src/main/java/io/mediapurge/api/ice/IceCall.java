package io.mediapurge.api.ice;

import io.mediapurge.access.PolicyEvaluator;
import io.mediapurge.access.Principal;

/** One verified call: who is calling (with their policies ready to evaluate) and what they sent. */
public record IceCall(String requestId, Principal principal, PolicyEvaluator permissions, IceParameters parameters) {
}
