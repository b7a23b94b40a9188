package io.mediapurge.api.rest;

import static io.mediapurge.testing.SuiteSeed.ALPHA;
import static io.mediapurge.testing.SuiteSeed.ALPHA_ROOT_KEY;
import static io.mediapurge.testing.SuiteSeed.ALPHA_ROOT_SECRET;
import static io.mediapurge.testing.SuiteSeed.BETA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.mediapurge.signing.SdkSigner;
import io.mediapurge.signing.SignedRequest;
import io.mediapurge.testing.JsonAnswer;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** {@code POST /api/v1/media:import}: signed over the raw path, good lines kept, bad lines reported by number. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MediaImportIT {

    static final String IMPORTED_ID = "aaaa0000bbbb1111cccc2222dddd3333";

    @ArquillianResource
    URL base;

    @Test
    void importsGoodLinesAndReportsBadOnesByNumber() throws Exception {
        String ndjson = String.join("\n",
                line(ALPHA, "\"mediaId\":\"" + IMPORTED_ID + "\",\"title\":\"Imported\",", "oss://alpha-media/import/a.mp4", "source"),
                "{\"ownerUid\":\"" + ALPHA + "\",\"files\":[{\"url\":\"oss://alpha-media/import/b.mp4\"},"
                        + "{\"url\":\"https://alpha-media.oss-cn-shanghai.aliyuncs.com/import/b/720p.mp4\",\"role\":\"transcode\",\"size\":42}]}",
                "{not json",
                line("12345", "", "oss://alpha-media/import/c.mp4", "source"),
                line(BETA, "", "oss://beta-media/import/d.mp4", "source"),
                line(ALPHA, "", "file:///etc/passwd", "source"),
                line(ALPHA, "\"mediaId\":\"" + IMPORTED_ID + "\",", "oss://alpha-media/import/e.mp4", "source"),
                "{\"ownerUid\":\"" + ALPHA + "\",\"title\":\"" + "x".repeat(70_000) + "\"}",
                "");
        HttpResponse<String> response = post("/api/v1/media:import", ndjson.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response.body());
        JsonObject report = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals(2, report.getInt("imported"), response.body());
        assertEquals(6, report.getInt("failed"), response.body());
        List<Integer> lines = report.getJsonArray("errors").stream().map(e -> e.asJsonObject().getInt("line")).toList();
        assertEquals(List.of(3, 4, 5, 6, 8, 7), lines, response.body());
        assertTrue(report.getJsonArray("errors").stream().anyMatch(e -> e.asJsonObject().getString("message")
                .contains("no such account, or you may not register media for it")), response.body());
    }

    @Test
    void anonymousAndTamperedCallsAreRefused() throws Exception {
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.toURI().resolve("/api/v1/media:import"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, anonymous.statusCode(), anonymous.body());
        assertEquals("IncompleteSignature", JsonAnswer.of(anonymous).getString("Code"), anonymous.body());

        SignedRequest signed = signer().coreStyleV3("POST", "/api/v1/media:import", Map.of(), host(), "{}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> tampered = send(signed, "{ }".getBytes(StandardCharsets.UTF_8));
        assertEquals(403, tampered.statusCode(), tampered.body());
        assertEquals("SignatureDoesNotMatch", JsonAnswer.of(tampered).getString("Code"), tampered.body());
    }

    /**
     * A gigabyte announced and never sent in full: the refusal comes at once, so the body was not
     * being read (and spooled to disk) before the signature was looked at.
     */
    @Test
    void anUnsignedUploadIsRefusedBeforeItsBodyIsRead() throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/media:import HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: 1000000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[64 * 1024]);
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertEquals("HTTP/1.1 400", statusLine == null ? null : statusLine.substring(0, Math.min(12, statusLine.length())), statusLine);
        }
    }

    /** A signed upload announcing more than MEDIAPURGE_MAX_UPLOAD_BYTES is refused with 413 before a byte is spooled. */
    @Test
    void anUploadOverTheLimitIsRefusedAtOnce() throws Exception {
        SignedRequest signed = signer().coreStyleV3("POST", "/api/v1/media:import", Map.of(), host(), new byte[0]);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            StringBuilder head = new StringBuilder("POST /api/v1/media:import HTTP/1.1\r\n");
            signed.headers().forEach((name, values) -> values.forEach(v -> head.append(name).append(": ").append(v).append("\r\n")));
            head.append("Content-Length: 2147483648\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[64 * 1024]);
            out.flush();
            BufferedReader answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String statusLine = answer.readLine();
            assertEquals("HTTP/1.1 413", statusLine == null ? null : statusLine.substring(0, Math.min(12, statusLine.length())), statusLine);
            int length = 0;
            for (String header = answer.readLine(); header != null && !header.isEmpty(); header = answer.readLine()) {
                if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring("content-length:".length()).trim());
                }
            }
            char[] body = new char[length];
            int read = 0;
            for (int n; read < length && (n = answer.read(body, read, length - read)) > 0; ) {
                read += n;
            }
            String error = new String(body, 0, read);
            assertEquals("InvalidParameter", JsonAnswer.of(error).getString("Code"), error);
            assertTrue(JsonAnswer.of(error).getString("Message").contains("1073741824 bytes"), error);
        }
    }

    private static String line(String owner, String extra, String url, String role) {
        return "{\"ownerUid\":\"" + owner + "\"," + extra + "\"files\":[{\"url\":\"" + url + "\",\"role\":\"" + role + "\",\"size\":7}]}";
    }

    private SdkSigner signer() {
        return new SdkSigner(ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET, Instant.now());
    }

    private Map<String, String> host() {
        return Map.of("host", base.getHost() + ":" + base.getPort(), "content-type", "application/x-ndjson");
    }

    private HttpResponse<String> post(String path, byte[] body) throws Exception {
        return send(signer().coreStyleV3("POST", path, Map.of(), host(), body), body);
    }

    private HttpResponse<String> send(SignedRequest request, byte[] body) throws Exception {
        URI uri = base.toURI().resolve(request.rawPath());
        HttpRequest.Builder http = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(body));
        request.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(v -> http.header(name, v));
            }
        });
        return HttpClient.newHttpClient().send(http.build(), HttpResponse.BodyHandlers.ofString());
    }
}
