package io.mediapurge.devservices;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.mediapurge.signing.Hmac;


/**
 * Recomputes the signature of a request, V1 ({@code OSS AK:sig}) or V4 ({@code OSS4-HMAC-SHA256}),
 * exactly as aliyun-sdk-oss computes it, and compares it with the one sent.
 */
final class SignatureCheck {

    /** Request facts a signature covers. Header names are matched case-insensitively. */
    record SignedRequest(String method, String bucket, String key, QueryParameters query,
            Map<String, List<String>> headers) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /**
     * The outcome of a check: accepted with the signature version used, or refused with an OSS
     * error code and message.
     */
    record Verdict(String code, String message, String version) {
        static Verdict accepted(String version) {
            return new Verdict(null, null, version);
        }

        static Verdict refused(String code, String message) {
            return new Verdict(code, message, null);
        }

        boolean accepted() {
            return code == null;
        }
    }

    /** The sub-resources V1 signs (SignParameters.SIGNED_PARAMTERS of the SDK). */
    private static final Set<String> V1_SIGNED = Set.of("acl", "uploads", "location", "cors", "logging",
            "website", "referer", "lifecycle", "delete", "append", "tagging", "objectMeta", "uploadId",
            "partNumber", "security-token", "position", "response-cache-control", "response-content-disposition",
            "response-content-encoding", "response-content-language", "response-content-type", "response-expires",
            "img", "style", "styleName", "replication", "replicationProgress", "replicationLocation", "cname",
            "bucketInfo", "comp", "qos", "live", "status", "vod", "startTime", "endTime", "x-oss-process",
            "processConfiguration", "symlink", "stat", "udf", "udfName", "udfImage", "udfImageDesc",
            "udfApplication", "udfApplicationLog", "restore", "versions", "versioning", "versionId", "encryption",
            "policy", "requestPayment", "x-oss-traffic-limit", "qosInfo", "asyncFetch", "sequential",
            "x-oss-request-payer", "vpcip", "vip", "inventory", "inventoryId", "continuation-token", "worm",
            "wormId", "wormExtend", "callback", "callback-var", "x-oss-dir", "x-oss-rename", "x-oss-delete",
            "transferAcceleration", "x-oss-ac-source-ip", "x-oss-ac-subnet-mask", "x-oss-ac-vpc-id",
            "x-oss-ac-forward-allow", "metaQuery", "resourceGroup", "regionList", "x-oss-async-process",
            "x-oss-write-get-object-response", "bucketArchiveDirectRead", "httpsConfig", "publicAccessBlock",
            "policyStatus", "redundancyTransition", "x-oss-target-redundancy-type",
            "x-oss-redundancy-transition-taskid", "accessPoint", "accessPointPolicy", "seal");

    /** OSS refuses requests whose time is further than this from its own clock. */
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final DateTimeFormatter V4_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Map<String, String> secrets;

    SignatureCheck(Map<String, String> secretsByAccessKeyId) {
        this.secrets = Map.copyOf(secretsByAccessKeyId);
    }

    Verdict verify(SignedRequest request) {
        String authorization = request.header("Authorization");
        if (authorization == null || authorization.isBlank()) {
            return Verdict.refused("AccessDenied", "You have no right to access this object because of bucket acl.");
        }
        if (authorization.startsWith("OSS4-HMAC-SHA256 ")) {
            return verifyV4(request, authorization.substring("OSS4-HMAC-SHA256 ".length()));
        }
        if (authorization.startsWith("OSS ")) {
            return verifyV1(request, authorization.substring(4));
        }
        return Verdict.refused("InvalidArgument", "Authorization header is invalid.");
    }

    private Verdict verifyV1(SignedRequest request, String credential) {
        int colon = credential.lastIndexOf(':');
        if (colon <= 0) {
            return Verdict.refused("InvalidArgument", "Authorization header is invalid.");
        }
        String accessKeyId = credential.substring(0, colon).trim();
        String secret = secrets.get(accessKeyId);
        if (secret == null) {
            return Verdict.refused("InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.");
        }
        String date = request.header("Date");
        Verdict skew = checkSkew(date == null ? null : parseRfc1123(date));
        if (skew != null) {
            return skew;
        }
        String stringToSign = v1StringToSign(request);
        String expected = Base64.getEncoder().encodeToString(
                Hmac.of(Hmac.SHA1, secret.getBytes(StandardCharsets.UTF_8), stringToSign));
        return constantTimeEquals(expected, credential.substring(colon + 1).trim()) ? Verdict.accepted("V1")
                : Verdict.refused("SignatureDoesNotMatch", "The request signature we calculated does not match the "
                        + "signature you provided. Check your key and signing method.");
    }

    static String v1StringToSign(SignedRequest request) {
        StringBuilder s = new StringBuilder();
        s.append(request.method().toUpperCase(Locale.ROOT)).append('\n');
        s.append(nullToEmpty(request.header("Content-MD5"))).append('\n');
        s.append(nullToEmpty(request.header("Content-Type"))).append('\n');
        s.append(nullToEmpty(request.header("Date"))).append('\n');
        TreeMap<String, String> ossHeaders = new TreeMap<>();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-oss-") && !values.isEmpty()) {
                ossHeaders.put(lower, values.get(0).trim());
            }
        });
        ossHeaders.forEach((name, value) -> s.append(name).append(':').append(value).append('\n'));
        s.append('/');
        if (request.bucket() != null) {
            s.append(request.bucket()).append('/');
            if (request.key() != null) {
                s.append(request.key());
            }
        }
        TreeMap<String, String> subResources = new TreeMap<>();
        for (Map.Entry<String, String> p : request.query().entries()) {
            if (V1_SIGNED.contains(p.getKey())) {
                subResources.putIfAbsent(p.getKey(), p.getValue());
            }
        }
        char separator = '?';
        for (Map.Entry<String, String> p : subResources.entrySet()) {
            s.append(separator).append(p.getKey());
            if (p.getValue() != null && !p.getValue().isEmpty()) {
                s.append('=').append(p.getValue());
            }
            separator = '&';
        }
        return s.toString();
    }

    private Verdict verifyV4(SignedRequest request, String fields) {
        String credential = null;
        String additional = "";
        String signature = null;
        for (String field : fields.split(",")) {
            String f = field.trim();
            if (f.startsWith("Credential=")) {
                credential = f.substring("Credential=".length());
            } else if (f.startsWith("AdditionalHeaders=")) {
                additional = f.substring("AdditionalHeaders=".length());
            } else if (f.startsWith("Signature=")) {
                signature = f.substring("Signature=".length());
            }
        }
        String[] scope = credential == null ? new String[0] : credential.split("/");
        if (scope.length != 5 || signature == null || !"oss".equals(scope[3])
                || !"aliyun_v4_request".equals(scope[4])) {
            return Verdict.refused("InvalidArgument", "Authorization header is invalid.");
        }
        String secret = secrets.get(scope[0]);
        if (secret == null) {
            return Verdict.refused("InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.");
        }
        String time = request.header("x-oss-date");
        Instant signedAt;
        try {
            signedAt = time == null ? null : Instant.from(V4_TIME.parse(time));
        } catch (DateTimeParseException e) {
            signedAt = null;
        }
        Verdict skew = checkSkew(signedAt);
        if (skew != null) {
            return skew;
        }
        if (!time.startsWith(scope[1])) {
            return Verdict.refused("SignatureDoesNotMatch", "The date of the credential scope is not the request date.");
        }
        String canonicalRequest = v4CanonicalRequest(request, additional);
        String stringToSign = "OSS4-HMAC-SHA256\n" + time + "\n" + scope[1] + "/" + scope[2] + "/oss/aliyun_v4_request\n"
                + HexFormat.of().formatHex(sha256(canonicalRequest));
        byte[] key = Hmac.of(Hmac.SHA256, ("aliyun_v4" + secret).getBytes(StandardCharsets.UTF_8), scope[1]);
        key = Hmac.of(Hmac.SHA256, key, scope[2]);
        key = Hmac.of(Hmac.SHA256, key, "oss");
        key = Hmac.of(Hmac.SHA256, key, "aliyun_v4_request");
        String expected = HexFormat.of().formatHex(Hmac.of(Hmac.SHA256, key, stringToSign));
        return constantTimeEquals(expected, signature.trim()) ? Verdict.accepted("V4")
                : Verdict.refused("SignatureDoesNotMatch", "The request signature we calculated does not match the "
                        + "signature you provided. Check your key and signing method.");
    }

    static String v4CanonicalRequest(SignedRequest request, String additionalHeaders) {
        Set<String> additional = new TreeSet<>();
        for (String name : additionalHeaders.split(";")) {
            if (!name.isBlank()) {
                additional.add(name.trim().toLowerCase(Locale.ROOT));
            }
        }
        StringBuilder s = new StringBuilder();
        s.append(request.method().toUpperCase(Locale.ROOT)).append('\n');
        String path = "/";
        if (request.bucket() != null) {
            path += request.bucket() + "/" + (request.key() == null ? "" : request.key());
        }
        s.append(PercentCoding.encode(path, true)).append('\n');
        List<String> params = new ArrayList<>();
        for (Map.Entry<String, String> p : request.query().entries()) {
            String name = PercentCoding.encode(p.getKey(), false);
            params.add(p.getValue() == null || p.getValue().isEmpty() ? name
                    : name + "=" + PercentCoding.encode(p.getValue(), false));
        }
        params.sort(null);
        s.append(String.join("&", params)).append('\n');
        TreeMap<String, String> signedHeaders = new TreeMap<>();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if ((lower.equals("content-type") || lower.equals("content-md5") || lower.startsWith("x-oss-")
                    || additional.contains(lower)) && !values.isEmpty()) {
                signedHeaders.put(lower, values.get(0).trim());
            }
        });
        signedHeaders.forEach((name, value) -> s.append(name).append(':').append(value).append('\n'));
        s.append('\n');
        s.append(String.join(";", additional)).append('\n');
        String payload = request.header("x-oss-content-sha256");
        s.append(payload == null ? "UNSIGNED-PAYLOAD" : payload);
        return s.toString();
    }

    /** A refusal when the request time is missing or too far from now; null when it is fine. */
    private static Verdict checkSkew(Instant signedAt) {
        if (signedAt == null) {
            return Verdict.refused("AccessDenied", "The request has no valid date.");
        }
        if (Duration.between(signedAt, Instant.now()).abs().compareTo(MAX_SKEW) > 0) {
            return Verdict.refused("RequestTimeTooSkewed", "The difference between the request time and the current "
                    + "time is too large.");
        }
        return null;
    }

    private static Instant parseRfc1123(String date) {
        try {
            return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static byte[] sha256(String data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
