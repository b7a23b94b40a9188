package io.mediapurge.signing;

import java.util.Optional;

/**
 * A request whose signature is refused. The message is safe for the client: it never holds the
 * secret nor the signature the server expected.
 */
public final class SignatureRejected extends RuntimeException {

    private final SignatureFailure failure;
    private final String serverStringToSign;

    SignatureRejected(SignatureFailure failure, String detail) {
        this(failure, detail, null);
    }

    SignatureRejected(SignatureFailure failure, String detail, String serverStringToSign) {
        // An expected refusal, answered with a code: a stack trace would only fill the log.
        super(detail == null ? failure.message() : failure.message() + " " + detail, null, false, false);
        this.failure = failure;
        this.serverStringToSign = serverStringToSign;
    }

    /** What failed, with its Alibaba code and HTTP status. */
    public SignatureFailure failure() {
        return failure;
    }

    /** The Alibaba error code, e.g. {@code SignatureDoesNotMatch}. */
    public String code() {
        return failure.code();
    }

    /** The HTTP status of the error response. */
    public int httpStatus() {
        return failure.httpStatus();
    }

    /**
     * For a signature mismatch, the string the server signed, to log when a client's signer
     * disagrees with ours. It holds no secret; still, keep it for the server log, not the client.
     */
    public Optional<String> serverStringToSign() {
        return Optional.ofNullable(serverStringToSign);
    }
}
