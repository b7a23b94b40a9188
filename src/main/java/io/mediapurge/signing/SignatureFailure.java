package io.mediapurge.signing;

/**
 * Why a request's signature is refused: the Alibaba error code the SDK raises as
 * {@code TeaException.code}, and the HTTP status it is sent with.
 */
public enum SignatureFailure {
    /** A part of the signature is missing or unreadable (parameter, header, Authorization part). */
    INCOMPLETE_SIGNATURE("IncompleteSignature", 400, "The request signature is incomplete."),
    /** The signature, or the body hash it covers, is not what the secret of the key gives. */
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403, "The request signature does not match our calculation."),
    /** The nonce was already used by this AccessKeyId within the validity window: a replay. */
    SIGNATURE_NONCE_USED("SignatureNonceUsed", 403, "The request signature nonce has been used."),
    /** The timestamp cannot be read as {@code yyyy-MM-ddTHH:mm:ssZ}. */
    INVALID_TIMESTAMP_FORMAT("InvalidTimeStamp.Format", 400, "The request timestamp is not in the format yyyy-MM-ddTHH:mm:ssZ."),
    /** The timestamp is more than 15 minutes away from the server's clock, in either direction. */
    INVALID_TIMESTAMP_EXPIRED("InvalidTimeStamp.Expired", 403, "The request timestamp is more than 15 minutes away from the server time."),
    /** No access key has this AccessKeyId. */
    ACCESS_KEY_NOT_FOUND("InvalidAccessKeyId.NotFound", 404, "The AccessKeyId does not exist."),
    /** The access key exists but is disabled. */
    ACCESS_KEY_INACTIVE("InvalidAccessKeyId.Inactive", 403, "The AccessKeyId is disabled.");

    private final String code;
    private final int httpStatus;
    private final String message;

    SignatureFailure(String code, int httpStatus, String message) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.message = message;
    }

    /** The Alibaba error code, e.g. {@code SignatureDoesNotMatch}. */
    public String code() {
        return code;
    }

    /** The HTTP status of the error response. */
    public int httpStatus() {
        return httpStatus;
    }

    /** A message safe to send to any client. */
    public String message() {
        return message;
    }
}
