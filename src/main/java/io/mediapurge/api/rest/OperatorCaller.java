package io.mediapurge.api.rest;

import io.mediapurge.access.Principal;

/** Who signed an operator call: their reference ({@code UID/user}) and permissions. */
public record OperatorCaller(String requestId, String principalRef, Principal principal) {
}
