package io.mediapurge.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Verifies Alibaba request signatures before anything else is done: v1 (HMAC-SHA1 over the
 * parameters) and v3 ({@code ACS3-HMAC-SHA256} in the Authorization header), as the official
 * SDKs produce them (docs/signatures.md spells both out). Checks, in order: all parts present, the key known
 * and active, the timestamp within 15 minutes, the signature (in constant time), and last the
 * nonce, so that a forged request cannot use up a genuine client's nonce.
 *
 * <p>One file although over 300 lines: that order of checks is the security property, and both
 * schemes go through it here; split by scheme, each half would carry its own copy of it.
 */
public final class SignatureVerifier {

    /** How far a request's timestamp may be from the server clock, either way; also how long a nonce is remembered. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

    static final int MAX_NONCE_LENGTH = 128;
    static final int MAX_ACCESS_KEY_ID_LENGTH = 128;

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7e]+");

    // The host is signed so that a request cannot be replayed at another deployment that knows the same key.
    private static final Set<String> V3_SIGNED_HEADERS = Set.of("host", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256");
    // Routing headers of the IMS endpoint: when sent they must be signed, or a request could be re-aimed at another action.
    private static final List<String> ICE_SIGNED_IF_SENT = List.of("x-acs-action", "x-acs-version");
    /** The SHA-256 of an empty body: a signed hash other than this one says the request has a body. */
    static final String EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final AccessKeyDirectory keys;
    private final NonceRegistry nonces;
    private final Clock clock;

    public SignatureVerifier(AccessKeyDirectory keys, NonceRegistry nonces, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Verifies a request to the IMS-compatible endpoint, signed with v1 or v3 (an Authorization
     * header starting with {@code ACS3-} means v3). The canonical URI of v3 is {@code /}. The
     * answer names the action and version the signature covers: a routing header the signature
     * does not cover, or one that disagrees with the signed parameters, is refused.
     */
    public VerifiedCaller verifyIceRequest(SignedRequest request) {
        Optional<String> authorization = singleHeader(request, "Authorization");
        VerifiedCaller caller;
        if (authorization.isPresent() && authorization.get().strip().startsWith("ACS3-")) {
            List<String> required = new ArrayList<>(V3_SIGNED_HEADERS);
            for (String routing : ICE_SIGNED_IF_SENT) {
                if (!request.headerValues(routing).isEmpty()) {
                    required.add(routing);
                }
            }
            String bodyHash = sha256Hex(request.body());
            caller = verifyV3(request, authorization.get(), "/", withContentTypeIfBody(required, bodyHash), bodyHash);
        } else {
            caller = verifyV1(request);
        }
        return caller.routedTo(signedRouting(request, caller, "x-acs-action", "Action"),
                signedRouting(request, caller, "x-acs-version", "Version"));
    }

    /**
     * The action (or version) a verified IMS call names. v3 signs the header when it is sent, and
     * the parameter always; v1 signs only the parameter, so there an unsigned header may at most
     * repeat it. A header and a parameter that disagree are refused for both schemes.
     */
    private static String signedRouting(SignedRequest request, VerifiedCaller caller, String header, String parameter) {
        Optional<String> routed = singleHeader(request, header).map(String::trim);
        String signed = caller.parameters().get(parameter);
        if (routed.isPresent() && signed != null && !routed.get().equals(signed)) {
            throw new SignatureRejected(SignatureFailure.SIGNATURE_DOES_NOT_MATCH,
                    "The " + header + " header and the signed " + parameter + " parameter disagree.");
        }
        if (routed.isPresent() && signed == null && caller.version() == SignatureVersion.V1) {
            throw incomplete("A v1 signature does not cover the " + header + " header; send the " + parameter
                    + " parameter, which it covers.");
        }
        return signed != null ? signed : routed.orElse(null);
    }

    /**
     * Verifies a request to the operator REST API ({@code /api/v1/...}): v3 only, the canonical
     * URI is the path exactly as sent, and host, x-acs-date, x-acs-signature-nonce and
     * x-acs-content-sha256 must all be signed.
     */
    public VerifiedCaller verifyOperatorRequest(SignedRequest request) {
        return verifyOperatorRequest(request, sha256Hex(request.body()));
    }

    /**
     * As {@link #verifyOperatorRequest(SignedRequest)}, for a body too large to hold in memory:
     * the caller spooled it aside and hashed it; {@code request.body()} is then ignored.
     */
    public VerifiedCaller verifyOperatorRequest(SignedRequest request, String bodySha256Hex) {
        String authorization = singleHeader(request, "Authorization")
                .orElseThrow(() -> incomplete("The Authorization header is missing."));
        return verifyV3(request, authorization, request.rawPath(),
                withContentTypeIfBody(List.copyOf(V3_SIGNED_HEADERS), bodySha256Hex), bodySha256Hex);
    }

    /** A body is read by its content type (JSON, CSV, a form), so with a body the type must be signed too. */
    private static List<String> withContentTypeIfBody(List<String> required, String bodySha256Hex) {
        if (bodySha256Hex.isEmpty() || EMPTY_BODY_SHA256.equalsIgnoreCase(bodySha256Hex)) {
            return required;
        }
        List<String> withType = new ArrayList<>(required);
        withType.add("content-type");
        return withType;
    }

    private static String sha256Hex(byte[] body) {
        return HexFormat.of().formatHex(sha256(body));
    }

    private VerifiedCaller verifyV1(SignedRequest request) {
        Map<String, String> parameters = allParameters(request);
        String signature = requiredParameter(parameters, "Signature");
        String accessKeyId = requiredParameter(parameters, "AccessKeyId");
        String nonce = requiredParameter(parameters, "SignatureNonce");
        String timestamp = requiredParameter(parameters, "Timestamp");
        if (!"HMAC-SHA1".equals(requiredParameter(parameters, "SignatureMethod"))) {
            throw incomplete("SignatureMethod must be HMAC-SHA1.");
        }
        if (!"1.0".equals(requiredParameter(parameters, "SignatureVersion"))) {
            throw incomplete("SignatureVersion must be 1.0.");
        }
        checkNonceShape(nonce);
        AccessKeySecret key = activeKey(accessKeyId);
        Instant signedAt = checkTimestamp(timestamp);

        byte[] given = base64(signature);
        byte[] hmacKey = (key.secret() + "&").getBytes(StandardCharsets.UTF_8);
        // The core SDK keeps an empty value as "k="; the tea SDK leaves it out. Either signs the same request.
        String keptEmpty = v1StringToSign(request.method(), parameters, true);
        boolean matches = MessageDigest.isEqual(given, Hmac.of(Hmac.SHA1, hmacKey, keptEmpty));
        if (!matches && parameters.containsValue("")) {
            matches = MessageDigest.isEqual(given, Hmac.of(Hmac.SHA1, hmacKey, v1StringToSign(request.method(), parameters, false)));
        }
        if (!matches) {
            throw new SignatureRejected(SignatureFailure.SIGNATURE_DOES_NOT_MATCH, null, keptEmpty);
        }
        useNonce(accessKeyId, nonce, signedAt);
        return new VerifiedCaller(accessKeyId, key.principalRef(), SignatureVersion.V1, parameters);
    }

    private VerifiedCaller verifyV3(SignedRequest request, String authorizationHeader, String canonicalUri,
            List<String> requiredSignedHeaders, String bodyHash) {
        Acs3Authorization authorization = Acs3Authorization.parse(authorizationHeader);
        for (String required : requiredSignedHeaders) {
            if (!authorization.signedHeaderNames().contains(required)) {
                throw incomplete("SignedHeaders must include " + required + ".");
            }
        }
        Map<String, String> signedValues = new TreeMap<>();
        for (String name : authorization.signedHeaderNames()) {
            String value = singleHeader(request, name)
                    .orElseThrow(() -> incomplete("The signed header " + name + " is missing."));
            // trim(), as the SDKs do: it also drops control characters that strip() keeps.
            signedValues.put(name, value.trim());
        }
        String nonce = signedValues.get("x-acs-signature-nonce");
        String date = signedValues.get("x-acs-date");
        String contentSha256 = signedValues.get("x-acs-content-sha256");
        if (nonce == null || date == null || contentSha256 == null) {
            throw incomplete("SignedHeaders must include x-acs-date, x-acs-signature-nonce and x-acs-content-sha256.");
        }
        checkNonceShape(nonce);
        Map<String, String> query = parameters(request.rawQuery());
        Map<String, String> parameters = request.hasFormBody() ? merge(query, parameters(formBody(request))) : query;

        AccessKeySecret key = activeKey(authorization.credential());
        Instant signedAt = checkTimestamp(date);
        if (!bodyHash.equalsIgnoreCase(contentSha256)) {
            throw new SignatureRejected(SignatureFailure.SIGNATURE_DOES_NOT_MATCH, "x-acs-content-sha256 is not the SHA-256 of the body.");
        }

        StringBuilder canonical = new StringBuilder()
                .append(request.method()).append('\n')
                .append(canonicalUri).append('\n')
                .append(canonicalQuery(query)).append('\n');
        // In name order whatever the order of SignedHeaders: tea SDKs before openapiutil 0.2.1 list them unsorted but sign the lines sorted.
        signedValues.forEach((name, value) -> canonical.append(name).append(':').append(value).append('\n'));
        canonical.append('\n').append(authorization.signedHeaders()).append('\n').append(contentSha256);
        String stringToSign = Acs3Authorization.ALGORITHM + "\n"
                + HexFormat.of().formatHex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));

        byte[] given = hex(authorization.signature());
        byte[] expected = Hmac.of(Hmac.SHA256, key.secret().getBytes(StandardCharsets.UTF_8), stringToSign);
        if (!MessageDigest.isEqual(given, expected)) {
            throw new SignatureRejected(SignatureFailure.SIGNATURE_DOES_NOT_MATCH, null, stringToSign);
        }
        useNonce(authorization.credential(), nonce, signedAt);
        return new VerifiedCaller(authorization.credential(), key.principalRef(), SignatureVersion.V3, parameters);
    }

    private static String v1StringToSign(String method, Map<String, String> parameters, boolean keepEmptyValues) {
        TreeMap<String, String> sorted = new TreeMap<>(parameters);
        sorted.remove("Signature");
        if (!keepEmptyValues) {
            sorted.values().removeIf(String::isEmpty);
        }
        return method + "&" + PercentEncoding.encode("/") + "&" + PercentEncoding.encode(canonicalQuery(sorted));
    }

    /** {@code pe(name)=pe(value)} sorted by name and joined by {@code &}; an empty value stays {@code name=}. */
    private static String canonicalQuery(Map<String, String> parameters) {
        StringBuilder canonical = new StringBuilder();
        new TreeMap<>(parameters).forEach((name, value) -> {
            if (canonical.length() > 0) {
                canonical.append('&');
            }
            canonical.append(PercentEncoding.encode(name)).append('=').append(PercentEncoding.encode(value));
        });
        return canonical.toString();
    }

    private AccessKeySecret activeKey(String accessKeyId) {
        if (accessKeyId.length() > MAX_ACCESS_KEY_ID_LENGTH || !VISIBLE_ASCII.matcher(accessKeyId).matches()) {
            throw new SignatureRejected(SignatureFailure.ACCESS_KEY_NOT_FOUND, null);
        }
        AccessKeySecret key = keys.find(accessKeyId)
                .orElseThrow(() -> new SignatureRejected(SignatureFailure.ACCESS_KEY_NOT_FOUND, null));
        if (!key.active()) {
            throw new SignatureRejected(SignatureFailure.ACCESS_KEY_INACTIVE, null);
        }
        return key;
    }

    private Instant checkTimestamp(String timestamp) {
        Instant signedAt;
        try {
            if (!TIMESTAMP.matcher(timestamp).matches()) {
                throw new SignatureRejected(SignatureFailure.INVALID_TIMESTAMP_FORMAT, null);
            }
            signedAt = Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw new SignatureRejected(SignatureFailure.INVALID_TIMESTAMP_FORMAT, null);
        }
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new SignatureRejected(SignatureFailure.INVALID_TIMESTAMP_EXPIRED, null);
        }
        return signedAt;
    }

    private static void checkNonceShape(String nonce) {
        if (nonce.length() > MAX_NONCE_LENGTH || !VISIBLE_ASCII.matcher(nonce).matches()) {
            throw incomplete("The signature nonce must be at most " + MAX_NONCE_LENGTH + " visible ASCII characters.");
        }
    }

    private void useNonce(String accessKeyId, String nonce, Instant signedAt) {
        // A request stays valid until its timestamp is MAX_CLOCK_SKEW old; after that the expiry check refuses it anyway.
        if (!nonces.firstUse(accessKeyId, nonce, signedAt.plus(MAX_CLOCK_SKEW))) {
            throw new SignatureRejected(SignatureFailure.SIGNATURE_NONCE_USED, null);
        }
    }

    private static Map<String, String> allParameters(SignedRequest request) {
        Map<String, String> query = parameters(request.rawQuery());
        return request.hasFormBody() ? merge(query, parameters(formBody(request))) : query;
    }

    private static String formBody(SignedRequest request) {
        // A form body is ASCII on the wire; a non-ASCII byte simply fails the decoding below.
        return new String(request.body(), StandardCharsets.ISO_8859_1);
    }

    private static Map<String, String> merge(Map<String, String> query, Map<String, String> form) {
        Map<String, String> merged = new LinkedHashMap<>(query);
        for (Map.Entry<String, String> field : form.entrySet()) {
            if (merged.putIfAbsent(field.getKey(), field.getValue()) != null) {
                throw repeatedParameter();
            }
        }
        return merged;
    }

    /** Decodes {@code a=1&b=2}; a repeated name is refused, as a signature cannot say which value it covered. */
    private static Map<String, String> parameters(String raw) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String name = PercentEncoding.decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : PercentEncoding.decode(pair.substring(equals + 1));
                if (parameters.put(name, value) != null) {
                    throw repeatedParameter();
                }
            } catch (PercentEncoding.MalformedEncoding e) {
                throw new SignatureRejected(SignatureFailure.SIGNATURE_DOES_NOT_MATCH,
                        "The query string or form body is not valid percent-encoded UTF-8.");
            }
        }
        return parameters;
    }

    private static SignatureRejected repeatedParameter() {
        return new SignatureRejected(SignatureFailure.SIGNATURE_DOES_NOT_MATCH,
                "A parameter is given more than once; a signed request names each parameter once.");
    }

    private static String requiredParameter(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isEmpty()) {
            throw incomplete("The parameter " + name + " is missing.");
        }
        return value;
    }

    private static Optional<String> singleHeader(SignedRequest request, String name) {
        List<String> values = request.headerValues(name);
        if (values.size() > 1) {
            throw incomplete("The header " + name + " is sent more than once.");
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static byte[] base64(String signature) {
        try {
            return Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw new SignatureRejected(SignatureFailure.SIGNATURE_DOES_NOT_MATCH, null);
        }
    }

    private static byte[] hex(String signature) {
        try {
            return HexFormat.of().parseHex(signature);
        } catch (IllegalArgumentException e) {
            throw new SignatureRejected(SignatureFailure.SIGNATURE_DOES_NOT_MATCH, null);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private static SignatureRejected incomplete(String detail) {
        return new SignatureRejected(SignatureFailure.INCOMPLETE_SIGNATURE, detail);
    }
}
