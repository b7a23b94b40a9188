package io.mediapurge.storage;

/** An OSS request that failed for good (permanent error, or retries and deadline spent). */
public final class ObjectStoreException extends RuntimeException {

    private final OssError error;

    public ObjectStoreException(String operation, OssError error) {
        super(operation + " failed: " + error.code() + (error.message() == null ? "" : " (" + error.message() + ")"),
                null, false, false);
        this.error = error;
    }

    public OssError error() {
        return error;
    }

    /** The OSS error code, e.g. AccessDenied or ServiceUnavailable. */
    public String code() {
        return error.code();
    }
}
