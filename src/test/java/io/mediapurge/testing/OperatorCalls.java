package io.mediapurge.testing;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.mediapurge.api.ice.SdkSigner;
import io.mediapurge.api.ice.SignedRequest;

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
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SignedRequest signed = new SdkSigner(accessKeyId, secret, Instant.now()).coreStyleV3("POST", rawPath, Map.of(),
                Map.of("host", base.getHost() + ":" + base.getPort(), "content-type", contentType), bytes);
        HttpRequest.Builder http = HttpRequest.newBuilder(base.toURI().resolve(rawPath)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(v -> http.header(name, v));
            }
        });
        return HttpClient.newHttpClient().send(http.build(), HttpResponse.BodyHandlers.ofString());
    }
}
