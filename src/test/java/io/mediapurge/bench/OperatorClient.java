package io.mediapurge.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * Signed calls to the operator REST API (ACS3-HMAC-SHA256, host signed) whose bodies can be far
 * larger than memory: a body is a stream that can be opened twice, once to hash it for
 * {@code x-acs-content-sha256} and once to send it with a declared length.
 */
final class OperatorClient {

    private static final DateTimeFormatter ACS_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final URI base;
    private final String accessKeyId;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer: status and parsed JSON body (empty object when the body is not JSON). */
    record Answer(int status, JsonObject json, String text) {
        Answer expect(int wanted, String what) {
            if (status != wanted) {
                throw new IllegalStateException(what + ": HTTP " + status + " " + (text.length() > 2000 ? text.substring(0, 2000) : text));
            }
            return this;
        }
    }

    OperatorClient(URI base, String accessKeyId, String secret) {
        this.base = base;
        this.accessKeyId = accessKeyId;
        this.secret = secret;
    }

    Answer get(String path) {
        return send("GET", path, Map.of(), null, EMPTY_SHA256, 0, HttpRequest.BodyPublishers.noBody());
    }

    Answer post(String path, Map<String, String> query, String contentType, byte[] body) {
        return send("POST", path, query, contentType, sha256(() -> new java.io.ByteArrayInputStream(body)).hex(), body.length,
                HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** A body generated anew each time {@code body} is called: hashed first, then streamed. */
    Answer postStream(String path, Map<String, String> query, String contentType, Supplier<InputStream> body) {
        Hashed hashed = sha256(body);
        return send("POST", path, query, contentType, hashed.hex(), hashed.length(),
                HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(body), hashed.length()));
    }

    private Answer send(String method, String path, Map<String, String> query, String contentType, String contentSha256,
            long length, HttpRequest.BodyPublisher publisher) {
        String host = base.getHost() + ":" + base.getPort();
        String date = ACS_DATE.format(Instant.now());
        String nonce = UUID.randomUUID().toString();
        Map<String, String> headers = new TreeMap<>();
        headers.put("host", host);
        headers.put("x-acs-content-sha256", contentSha256);
        headers.put("x-acs-date", date);
        headers.put("x-acs-signature-nonce", nonce);
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        String canonicalQuery = canonicalQuery(query);
        StringBuilder canonical = new StringBuilder(method).append('\n').append(path).append('\n').append(canonicalQuery).append('\n');
        headers.forEach((k, v) -> canonical.append(k).append(':').append(v).append('\n'));
        String signedHeaders = String.join(";", headers.keySet());
        canonical.append('\n').append(signedHeaders).append('\n').append(contentSha256);
        String stringToSign = "ACS3-HMAC-SHA256\n" + HexFormat.of().formatHex(digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        String authorization = "ACS3-HMAC-SHA256 Credential=" + accessKeyId + ",SignedHeaders=" + signedHeaders
                + ",Signature=" + hmac(stringToSign);

        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(canonicalQuery.isEmpty() ? path : path + "?" + canonicalQuery))
                .timeout(Duration.ofMinutes(30))
                .method(method, publisher)
                .header("Authorization", authorization);
        headers.forEach((k, v) -> {
            if (!k.equals("host")) {
                request.header(k, v);
            }
        });
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), json(response.body()), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonObject json(String body) {
        try {
            return Json.createReader(new StringReader(body)).readObject();
        } catch (RuntimeException e) {
            return Json.createObjectBuilder().build();
        }
    }

    private static String canonicalQuery(Map<String, String> query) {
        StringBuilder q = new StringBuilder();
        new TreeMap<>(query).forEach((k, v) -> q.append(q.length() == 0 ? "" : "&").append(encode(k)).append('=').append(encode(v)));
        return q.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private record Hashed(String hex, long length) {
    }

    private static Hashed sha256(Supplier<InputStream> body) {
        try (InputStream in = body.get()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            long length = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                length += n;
            }
            return new Hashed(HexFormat.of().formatHex(sha.digest()), length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String hmac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
