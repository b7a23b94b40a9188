package io.mediapurge.storage;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern STATUS_IN_MESSAGE = Pattern.compile("http status code (\\d{3})");
    private static final Set<String> TRANSIENT_CLIENT_CODES = Set.of(
            "SocketException", "SocketTimeout", "ConnectionTimeout", "ConnectionRefused", "UnknownHost",
            "RequestTimeout", "Unknown");

    /** The code reported when a call's deadline passed before an attempt could be made. */
    public static final String DEADLINE_EXCEEDED = "DeadlineExceeded";

    /**
     * Whether a code reported for a key (after the retries) says OSS was unreachable or overloaded
     * rather than that the key itself was refused: a whole chunk of these means OSS is down.
     */
    public static boolean isTransientCode(String code) {
        return code != null && (TRANSIENT_SERVER_CODES.contains(code) || TRANSIENT_CLIENT_CODES.contains(code)
                || DEADLINE_EXCEEDED.equals(code));
    }

    public static OssError of(Throwable failure) {
        if (failure instanceof ServiceException service) {
            if (service.getErrorCode() == null || service.getErrorCode().isBlank()
                    || service.getErrorCode().equals("Unknown")) {
                return fromStatusOnly(service);
            }
            String code = service.getErrorCode();
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

    /**
     * The error code OSS answers with an HTTP status, for the statuses that have one code; the
     * embedded endpoint's fault injection answers with the same codes.
     */
    public static Optional<String> codeForStatus(int status) {
        return Optional.ofNullable(switch (status) {
            case 500 -> "InternalError";
            case 502 -> "BadGateway";
            case 503 -> "ServiceUnavailable";
            case 504 -> "GatewayTimeout";
            case 429 -> "TooManyRequests";
            case 403 -> "AccessDenied";
            case 404 -> "NoSuchKey";
            default -> null;
        });
    }

    /**
     * An answer without an XML body (every HEAD, or a proxy's error page): the SDK then reports
     * code "Unknown" and "http status code N" in its message, so the status is read from there.
     */
    private static OssError fromStatusOnly(ServiceException service) {
        Matcher m = STATUS_IN_MESSAGE.matcher(String.valueOf(service.getErrorMessage()));
        if (!m.find()) {
            return new OssError("Unknown", false, service.getErrorMessage());
        }
        int status = Integer.parseInt(m.group(1));
        String code = codeForStatus(status).orElse("HttpStatus" + status);
        return new OssError(code, status >= 500 || status == 429, service.getErrorMessage());
    }

    static OssError deadlineExceeded() {
        return new OssError(DEADLINE_EXCEEDED, true, "the call's deadline passed before this request was sent");
    }

    /** A request still unanswered when its call's deadline passed (the code the SDK gives a whole-request timeout). */
    static OssError requestTimeout() {
        return new OssError("RequestTimeout", true, "no answer before the call's deadline");
    }

    private static String orUnknown(String code) {
        return code == null || code.isBlank() ? "Unknown" : code;
    }
}
