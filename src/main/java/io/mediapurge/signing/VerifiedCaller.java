package io.mediapurge.signing;

import java.util.Map;

/**
 * A request whose signature verified: the key and principal it acts for, and its parameters as
 * the signature read them (query plus form body), for the endpoint to use rather than re-parse.
 * For an IMS call also the action and version the signature covers (null when the call names
 * none); the endpoint routes on these and on nothing unsigned.
 */
public record VerifiedCaller(String accessKeyId, String principalRef, SignatureVersion version, Map<String, String> parameters,
        String action, String apiVersion) {

    public VerifiedCaller {
        parameters = Map.copyOf(parameters);
    }

    VerifiedCaller(String accessKeyId, String principalRef, SignatureVersion version, Map<String, String> parameters) {
        this(accessKeyId, principalRef, version, parameters, null, null);
    }

    /** The same caller, routed to the signed action and version. */
    VerifiedCaller routedTo(String signedAction, String signedApiVersion) {
        return new VerifiedCaller(accessKeyId, principalRef, version, parameters, signedAction, signedApiVersion);
    }
}
