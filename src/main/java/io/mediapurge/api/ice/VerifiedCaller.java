package io.mediapurge.api.ice;

import java.util.Map;

/**
 * A request whose signature verified: the key and principal it acts for, and its parameters as
 * the signature read them (query plus form body), for the endpoint to use rather than re-parse.
 */
public record VerifiedCaller(String accessKeyId, String principalRef, SignatureVersion version, Map<String, String> parameters) {

    public VerifiedCaller {
        parameters = Map.copyOf(parameters);
    }
}
