package io.mediapurge.api;

import java.util.Locale;
import java.util.UUID;

import io.mediapurge.signing.SignatureRejected;
import io.mediapurge.text.Echo;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * An error answered in Alibaba's shape {@code {RequestId, HostId, Code, Message, Recommend}}; the
 * SDK raises it as a TeaException with this code and status. The message is for the client: it
 * never carries a stack trace, a secret or an echo of a huge or binary input.
 */
public final class ApiError extends RuntimeException {

    private static final String HOST_ID = "ice.mediapurge";

    private final String code;
    private final int status;

    public ApiError(int status, String code, String message) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    /** Request IDs in Alibaba's style: an upper-case UUID. */
    public static String newRequestId() {
        return UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    }

    public static ApiError missingParameter(String name) {
        return new ApiError(400, "MissingParameter", "The input parameter \"" + name + "\" that is mandatory for processing this request is not supplied.");
    }

    public static ApiError invalidParameter(String name, String why) {
        return new ApiError(400, "InvalidParameter", "The parameter \"" + name + "\" is invalid: " + why);
    }

    public static ApiError notFound(String what) {
        return new ApiError(404, "ResourceNotFound", what);
    }

    public static ApiError forbidden(String why) {
        return new ApiError(403, "Forbidden", why);
    }

    public static ApiError unknownAction(String action) {
        return new ApiError(404, "InvalidAction.NotFound", "The specified action \"" + Echo.of(action)
                + "\" is not found; this service offers RegisterMediaInfo, GetMediaInfo, BatchGetMediaInfos and DeleteMediaInfos.");
    }

    public static ApiError serviceUnavailable(String why) {
        return new ApiError(503, "ServiceUnAvailable", why);
    }

    public static ApiError internal() {
        return new ApiError(500, "InternalError", "The request processing has failed due to some unknown error.");
    }

    public static ApiError of(SignatureRejected rejected) {
        return new ApiError(rejected.httpStatus(), rejected.code(), rejected.getMessage());
    }

    /** The body Alibaba answers errors with; the SDK reads Code from it. */
    public JsonObject toJson(String requestId) {
        return Json.createObjectBuilder()
                .add("RequestId", requestId)
                .add("HostId", HOST_ID)
                .add("Code", code)
                .add("Message", getMessage())
                .add("Recommend", "Check the Code and Message, correct the request and send it again.")
                .build();
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
