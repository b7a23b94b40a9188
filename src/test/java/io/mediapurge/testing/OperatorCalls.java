package io.mediapurge.testing;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.mediapurge.signing.SdkSigner;
import io.mediapurge.signing.SignedRequest;

/** Signed calls to the operator REST API of the suite's server, as an operator's script makes them. */
public final class OperatorCalls {

    private final URL base;
    private final String accessKeyId;
    private final String secret;

    public OperatorCalls(URL base, String accessKeyId, String secret) {
        this.base = base;
        this.accessKeyId = accessKeyId;
        this.secret = secret;
    }

    public HttpResponse<String> post(String rawPath, String contentType, String body) throws Exception {
        return send("POST", rawPath, Map.of(), contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> get(String rawPath) throws Exception {
        return get(rawPath, Map.of());
    }

    public HttpResponse<String> get(String rawPath, Map<String, String> query) throws Exception {
        return send("GET", rawPath, query, null, new byte[0]);
    }

    /** Any call: the query is signed and sent as given (plain values, encoded here), the body as bytes. */
    public HttpResponse<String> send(String method, String rawPath, Map<String, String> query, String contentType, byte[] body)
            throws Exception {
        Map<String, String> headers = new HashMap<>();
        headers.put("host", base.getHost() + ":" + base.getPort());
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        SignedRequest signed = new SdkSigner(accessKeyId, secret, Instant.now()).coreStyleV3(method, rawPath, query, headers, body);
        String target = signed.rawQuery() == null || signed.rawQuery().isEmpty() ? rawPath : rawPath + "?" + signed.rawQuery();
        URI uri = base.toURI().resolve(target);
        HttpRequest.Builder http = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body.length == 0 && !method.equals("POST") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(v -> http.header(name, v));
            }
        });
        return HttpClient.newHttpClient().send(http.build(), HttpResponse.BodyHandlers.ofString());
    }
}
