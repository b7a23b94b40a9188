package io.mediapurge.api.ice;

import java.util.Locale;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * An error answered in Alibaba's shape {@code {RequestId, HostId, Code, Message, Recommend}}; the
 * SDK raises it as a TeaException with this code and status. The message is for the client: it
 * never carries a stack trace, a secret or an echo of a huge or binary input.
 */
public final class IceError extends RuntimeException {

    private static final String HOST_ID = "ice.mediapurge";

    private final String code;
    private final int status;

    public IceError(int status, String code, String message) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    /** Request IDs in Alibaba's style: an upper-case UUID. */
    public static String newRequestId() {
        return UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    }

    public static IceError missingParameter(String name) {
        return new IceError(400, "MissingParameter", "The input parameter \"" + name + "\" that is mandatory for processing this request is not supplied.");
    }

    public static IceError invalidParameter(String name, String why) {
        return new IceError(400, "InvalidParameter", "The parameter \"" + name + "\" is invalid: " + why);
    }

    public static IceError notFound(String what) {
        return new IceError(404, "ResourceNotFound", what);
    }

    public static IceError forbidden(String why) {
        return new IceError(403, "Forbidden", why);
    }

    public static IceError unknownAction(String action) {
        return new IceError(404, "InvalidAction.NotFound", "The specified action \"" + IceParameters.printable(action)
                + "\" is not found; this service offers RegisterMediaInfo, GetMediaInfo, BatchGetMediaInfos and DeleteMediaInfos.");
    }

    public static IceError serviceUnavailable(String why) {
        return new IceError(503, "ServiceUnAvailable", why);
    }

    public static IceError internal() {
        return new IceError(500, "InternalError", "The request processing has failed due to some unknown error.");
    }

    public static IceError of(SignatureRejected rejected) {
        return new IceError(rejected.httpStatus(), rejected.code(), rejected.getMessage());
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
