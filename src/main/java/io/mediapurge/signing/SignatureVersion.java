package io.mediapurge.signing;

/** The signature schemes the official SDKs use. */
public enum SignatureVersion {
    /** HMAC-SHA1 over the sorted parameters ({@code SignatureVersion=1.0}). */
    V1,
    /** {@code ACS3-HMAC-SHA256} in the Authorization header. */
    V3
}
