package io.mediapurge.signing;

import com.aliyun.openapiutil.Client;
import com.aliyun.tea.TeaRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests the way the clients do, independently of the verifier: the tea SDK through its
 * own signing code ({@code com.aliyun.openapiutil.Client}), the core SDK by a signer written
 * from the text of docs/signatures.md.
 */
public final class SdkSigner {

    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final String accessKeyId;
    private final String secret;
    private Instant signedAt;
    private int nonces;

    public SdkSigner(String accessKeyId, String secret, Instant signedAt) {
        this.accessKeyId = accessKeyId;
        this.secret = secret;
        this.signedAt = signedAt;
    }

    public SdkSigner at(Instant instant) {
        this.signedAt = instant;
        return this;
    }

    /** What the ice SDK (tea) sends by default: v1, business parameters in the query, empty body, no Content-Type. */
    public SignedRequest teaV1(String action, Map<String, String> business) throws Exception {
        return teaV1("POST", action, business);
    }

    /** The same with another HTTP method, which the v1 string to sign starts with. */
    public SignedRequest teaV1(String method, String action, Map<String, String> business) throws Exception {
        Map<String, String> query = v1Common(action);
        query.putAll(business);
        query.put("Signature", Client.getRPCSignature(query, method, secret));
        return SignedRequest.of(method, "/", wireQuery(query), Map.of("Transfer-Encoding", "chunked", "x-acs-action", action), new byte[0]);
    }

    /**
     * A tea-style v1 request with one common parameter (Action, Version, ...) left out, signed all
     * the same; without Action there is no x-acs-action header either.
     */
    public SignedRequest teaV1Without(String omitted, String action, Map<String, String> business) throws Exception {
        Map<String, String> query = v1Common(action);
        query.remove(omitted);
        query.putAll(business);
        query.put("Signature", Client.getRPCSignature(query, "POST", secret));
        Map<String, String> headers = new HashMap<>(Map.of("Transfer-Encoding", "chunked"));
        if (!omitted.equals("Action")) {
            headers.put("x-acs-action", action);
        }
        return SignedRequest.of("POST", "/", wireQuery(query), headers, new byte[0]);
    }

    /** What the core SDK's CommonRequest sends: v1 keeping empty values as {@code k=}, form fields in the body. */
    public SignedRequest coreV1(String action, Map<String, String> queryParameters, Map<String, String> formFields) throws Exception {
        return coreV1Without(null, action, queryParameters, formFields);
    }

    /** The same with one common parameter (Action, Version, ...) left out, signed all the same. */
    public SignedRequest coreV1Without(String omitted, String action, Map<String, String> queryParameters, Map<String, String> formFields)
            throws Exception {
        Map<String, String> query = v1Common(action);
        if (omitted != null) {
            query.remove(omitted);
        }
        query.putAll(queryParameters);
        Map<String, String> all = new TreeMap<>(query);
        all.putAll(formFields);
        StringBuilder canonical = new StringBuilder();
        all.forEach((k, v) -> canonical.append(canonical.length() == 0 ? "" : "&").append(pe(k)).append('=').append(pe(v)));
        String stringToSign = "POST&" + pe("/") + "&" + pe(canonical.toString());
        query.put("Signature", base64Hmac("HmacSHA1", (secret + "&").getBytes(StandardCharsets.UTF_8), stringToSign));
        return SignedRequest.of("POST", "/", wireQuery(query),
                Map.of("Content-Type", "application/x-www-form-urlencoded"), formBody(formFields).getBytes(StandardCharsets.US_ASCII));
    }

    /** The tea SDK's v3 signature, made by its own getAuthorization over the headers it sends. */
    public SignedRequest teaV3(String method, String rawPath, Map<String, String> query, Map<String, String> extraHeaders, byte[] body) throws Exception {
        Map<String, String> headers = new HashMap<>();
        headers.put("host", "127.0.0.1:8080");
        headers.put("x-acs-date", ISO_SECONDS.format(signedAt));
        headers.put("x-acs-signature-nonce", nextNonce());
        headers.put("x-acs-content-sha256", sha256Hex(body));
        headers.put("user-agent", "AlibabaCloud (Linux) TeaDSL/1");
        headers.put("accept", "application/json");
        headers.putAll(extraHeaders);
        TeaRequest request = new TeaRequest();
        request.method = method;
        request.pathname = rawPath;
        request.query = new HashMap<>(query);
        request.headers = headers;
        headers.put("Authorization", Client.getAuthorization(request, "ACS3-HMAC-SHA256", headers.get("x-acs-content-sha256"), accessKeyId, secret));
        return SignedRequest.of(method, rawPath, wireQuery(query), headers, body);
    }

    /** A v3 signature as the core SDK makes it (no host signed), written from ICE-WIRE.md. */
    public SignedRequest coreStyleV3(String method, String rawPath, Map<String, String> query, Map<String, String> extraHeaders, byte[] body) throws Exception {
        return handWrittenV3(method, rawPath, query, extraHeaders, body, false);
    }

    /**
     * A v3 signature as older tea SDKs (openapiutil before 0.2.1) make it: SignedHeaders listed in
     * hash-map order, unsorted, while the canonical header lines are sorted.
     */
    public SignedRequest unsortedSignedHeadersV3(String method, String rawPath, Map<String, String> query, Map<String, String> extraHeaders, byte[] body) throws Exception {
        return handWrittenV3(method, rawPath, query, extraHeaders, body, true);
    }

    private SignedRequest handWrittenV3(String method, String rawPath, Map<String, String> query, Map<String, String> extraHeaders, byte[] body,
            boolean reverseSignedHeaders) throws Exception {
        Map<String, String> headers = new TreeMap<>();
        headers.put("x-acs-date", ISO_SECONDS.format(signedAt));
        headers.put("x-acs-signature-nonce", nextNonce());
        headers.put("x-acs-content-sha256", sha256Hex(body));
        headers.putAll(extraHeaders);
        StringBuilder canonicalQuery = new StringBuilder();
        new TreeMap<>(query).forEach((k, v) -> canonicalQuery.append(canonicalQuery.length() == 0 ? "" : "&").append(pe(k)).append('=').append(pe(v)));
        StringBuilder canonicalHeaders = new StringBuilder();
        headers.forEach((k, v) -> canonicalHeaders.append(k).append(':').append(v.trim()).append('\n'));
        List<String> names = new ArrayList<>(headers.keySet());
        if (reverseSignedHeaders) {
            Collections.reverse(names);
        }
        String signedHeaders = String.join(";", names);
        String canonical = method + "\n" + rawPath + "\n" + canonicalQuery + "\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + headers.get("x-acs-content-sha256");
        String stringToSign = "ACS3-HMAC-SHA256\n" + sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        Map<String, String> sent = new LinkedHashMap<>(headers);
        sent.put("Authorization", "ACS3-HMAC-SHA256 Credential=" + accessKeyId + ",SignedHeaders=" + signedHeaders + ",Signature=" + signature);
        return SignedRequest.of(method, rawPath, wireQuery(query), sent, body);
    }

    public static String sha256Hex(byte[] body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    }

    /** Replaces one header of a request, keeping everything else as sent. */
    public static SignedRequest withHeader(SignedRequest request, String name, String value) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers());
        headers.put(name, List.of(value));
        return new SignedRequest(request.method(), request.rawPath(), request.rawQuery(), headers, request.body(), request.contentType());
    }

    public static String pe(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private Map<String, String> v1Common(String action) {
        Map<String, String> query = new HashMap<>();
        query.put("Action", action);
        query.put("Format", "json");
        query.put("Version", "2020-11-09");
        query.put("AccessKeyId", accessKeyId);
        query.put("SignatureMethod", "HMAC-SHA1");
        query.put("SignatureVersion", "1.0");
        query.put("SignatureNonce", nextNonce());
        query.put("Timestamp", ISO_SECONDS.format(signedAt));
        return query;
    }

    private String nextNonce() {
        return "nonce-" + signedAt.toEpochMilli() + "-" + (++nonces);
    }

    /** The query as it goes on the wire: every parameter, empty ones as {@code k=}. */
    private static String wireQuery(Map<String, String> query) {
        StringBuilder wire = new StringBuilder();
        new TreeMap<>(query).forEach((k, v) -> wire.append(wire.length() == 0 ? "" : "&").append(pe(k)).append('=').append(pe(v)));
        return wire.toString();
    }

    private static String formBody(Map<String, String> fields) {
        StringBuilder form = new StringBuilder();
        fields.forEach((k, v) -> form.append(form.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return form.toString();
    }

    private static String base64Hmac(String algorithm, byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }
}
