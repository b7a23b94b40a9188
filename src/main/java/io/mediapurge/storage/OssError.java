package io.mediapurge.storage;

import java.util.Locale;
import java.util.Set;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.ServiceException;

/**
 * A failed OSS request reduced to what decides its fate: the OSS error code and whether trying
 * again can help. The SDK hides the HTTP status, so the code decides: 5xx and throttling codes
 * and socket, connect and timeout errors are transient; access, signature, bucket and request
 * errors (400, 403, 404 family) are permanent, and so is any code not known to be transient.
 */
public record OssError(String code, boolean isTransient, String message) {

    private static final Set<String> TRANSIENT_SERVER_CODES = Set.of(
            "InternalError", "ServiceUnavailable", "BadGateway", "GatewayTimeout", "RequestTimeout",
            "TooManyRequests", "SlowDown", "Throttling", "QpsLimitExceeded", "DownloadTrafficRateLimitExceeded",
            "UploadTrafficRateLimitExceeded",
            // a 5xx without an XML body, as proxies send
            "InvalidResponse");
    private static final Set<String> TRANSIENT_CLIENT_CODES = Set.of(
            "SocketException", "SocketTimeout", "ConnectionTimeout", "ConnectionRefused", "UnknownHost",
            "RequestTimeout", "Unknown");

    /** The code reported when a call's deadline passed before an attempt could be made. */
    public static final String DEADLINE_EXCEEDED = "DeadlineExceeded";

    public static OssError of(Throwable failure) {
        if (failure instanceof ServiceException service) {
            String code = orUnknown(service.getErrorCode());
            String lower = code.toLowerCase(Locale.ROOT);
            boolean transientCode = TRANSIENT_SERVER_CODES.contains(code) || lower.contains("throttl")
                    || lower.contains("ratelimit");
            return new OssError(code, transientCode, service.getErrorMessage());
        }
        if (failure instanceof ClientException client) {
            String code = orUnknown(client.getErrorCode());
            return new OssError(code, TRANSIENT_CLIENT_CODES.contains(code), client.getErrorMessage());
        }
        return new OssError("ClientError", false, failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }

    static OssError deadlineExceeded() {
        return new OssError(DEADLINE_EXCEEDED, true, "the call's deadline passed before this request was sent");
    }

    private static String orUnknown(String code) {
        return code == null || code.isBlank() ? "Unknown" : code;
    }
}
