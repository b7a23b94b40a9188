package io.mediapurge.signing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request as it came over the wire, for signature verification, with nothing decoded:
 * the method, the raw path and raw query exactly as sent, the headers (names case-insensitive),
 * the raw body and its content type.
 */
public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body, String contentType) {

    public SignedRequest {
        if (method == null || method.isEmpty()) {
            throw new IllegalArgumentException("method is required");
        }
        rawPath = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        rawQuery = rawQuery == null ? "" : rawQuery;
        TreeMap<String, List<String>> insensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> insensitive
                    .computeIfAbsent(name, n -> new ArrayList<>())
                    .addAll(values == null ? List.of() : values));
        }
        insensitive.replaceAll((name, values) -> List.copyOf(values));
        headers = Collections.unmodifiableSortedMap(insensitive);
        body = body == null ? new byte[0] : body;
        if (contentType == null) {
            List<String> declared = headers.get("content-type");
            contentType = declared == null || declared.isEmpty() ? null : declared.get(0);
        }
    }

    /** A request whose headers have one value each, as most callers and tests have them. */
    public static SignedRequest of(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body) {
        Map<String, List<String>> multi = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> multi.computeIfAbsent(name, n -> new ArrayList<>()).add(value));
        return new SignedRequest(method, rawPath, rawQuery, multi, body, null);
    }

    /** The values of a header, whatever the case of its name. */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** The single value of a header; empty when absent. Repeated values are the caller's to refuse. */
    public Optional<String> header(String name) {
        List<String> values = headerValues(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Whether the body is an HTML form, whose fields then count as parameters. */
    public boolean hasFormBody() {
        return contentType != null
                && contentType.toLowerCase(Locale.ROOT).strip().startsWith("application/x-www-form-urlencoded");
    }

    @Override
    public String toString() {
        // The body may be large or binary; its size is enough to recognise the request.
        return "SignedRequest[" + method + " " + rawPath + (rawQuery.isEmpty() ? "" : "?...") + ", " + body.length + " body bytes]";
    }
}
