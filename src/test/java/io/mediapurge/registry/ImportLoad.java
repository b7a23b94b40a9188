package io.mediapurge.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A load client for {@code POST /api/v1/media:import}: generates N NDJSON lines from a run tag,
 * never holding them in memory. Pass 1 hashes the bytes for {@code x-acs-content-sha256}; pass 2
 * generates the same bytes again as the streamed request body. Only the JDK is needed, so it runs
 * straight from {@code target/test-classes}:
 *
 * <pre>
 * java -cp target/test-classes io.mediapurge.registry.ImportLoad \
 *     http://127.0.0.1:18080 ACCESS_KEY_ID SECRET OWNER_UID 1000000 BUCKET [RUN_TAG]
 * </pre>
 *
 * Every line names its own mediaId (derived from the run tag and the line number), so the server's
 * "already registered" lookup is exercised on every batch; running the same tag twice imports
 * nothing the second time and reports every line as taken.
 */
public final class ImportLoad {

    private static final DateTimeFormatter ACS_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final String PATH = "/api/v1/media:import";
    private static final String CONTENT_TYPE = "application/x-ndjson";

    private ImportLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6 || args.length > 7) {
            System.err.println("usage: ImportLoad BASE_URL ACCESS_KEY_ID SECRET OWNER_UID LINES BUCKET [RUN_TAG]");
            System.exit(2);
        }
        URI base = URI.create(args[0]);
        String accessKeyId = args[1];
        String secret = args[2];
        long lines = Long.parseLong(args[4]);
        String runTag = args.length == 7 ? args[6] : "run" + Instant.now().getEpochSecond();
        GeneratedNdjson ndjson = new GeneratedNdjson(args[3], args[5], runTag, lines);

        long hashStart = System.nanoTime();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        long length = 0;
        try (InputStream in = ndjson.open()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
                length += n;
            }
        }
        String contentSha256 = HexFormat.of().formatHex(sha256.digest());
        System.out.printf(Locale.ROOT, "run tag %s: %d lines, %d bytes, generated and hashed in %.1f s%n",
                runTag, lines, length, (System.nanoTime() - hashStart) / 1e9);

        String host = base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort());
        String date = ACS_DATE.format(Instant.now());
        String nonce = UUID.randomUUID().toString();
        String authorization = acs3Authorization(accessKeyId, secret, host, date, nonce, contentSha256);
        HttpRequest request = HttpRequest.newBuilder(base.resolve(PATH))
                .header("content-type", CONTENT_TYPE)
                .header("x-acs-date", date)
                .header("x-acs-signature-nonce", nonce)
                .header("x-acs-content-sha256", contentSha256)
                .header("Authorization", authorization)
                // a declared length, not chunked: the server sees exactly the bytes that were hashed
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(ndjson::open), length))
                .build();

        long start = System.nanoTime();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - start) / 1e9;
        String body = response.body();
        System.out.printf(Locale.ROOT, "HTTP %d in %.1f s: %.0f lines/s%n", response.statusCode(), seconds, lines / seconds);
        System.out.printf("imported %s, failed %s, errorsTruncated %s%n",
                field(body, "imported"), field(body, "failed"), field(body, "errorsTruncated"));
        if (response.statusCode() != 200) {
            System.out.println(body.length() > 2000 ? body.substring(0, 2000) + "…" : body);
            System.exit(1);
        }
    }

    /**
     * ACS3-HMAC-SHA256 as the core SDK makes it, with host and the body's content type signed as the
     * operator API requires; canonical URI = the raw path.
     */
    static String acs3Authorization(String accessKeyId, String secret, String host, String date, String nonce, String contentSha256)
            throws Exception {
        String signedHeaders = "content-type;host;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce";
        String canonical = "POST\n" + PATH + "\n\n"
                + "content-type:" + CONTENT_TYPE + "\n"
                + "host:" + host + "\n"
                + "x-acs-content-sha256:" + contentSha256 + "\n"
                + "x-acs-date:" + date + "\n"
                + "x-acs-signature-nonce:" + nonce + "\n"
                + "\n" + signedHeaders + "\n" + contentSha256;
        String stringToSign = "ACS3-HMAC-SHA256\n"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        return "ACS3-HMAC-SHA256 Credential=" + accessKeyId + ",SignedHeaders=" + signedHeaders + ",Signature=" + signature;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*([^,}]+)").matcher(json);
        return m.find() ? m.group(1) : "?";
    }

    /** The same lines every time it is opened, produced one at a time. */
    record GeneratedNdjson(String ownerUid, String bucket, String runTag, long lines) {

        InputStream open() {
            String mediaIdPrefix = String.format("%016x", runTag.hashCode() & 0xffffffffL | 0x8000000000000000L);
            return new InputStream() {
                private long next;
                private byte[] current = new byte[0];
                private int position;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] into, int offset, int length) {
                    int copied = 0;
                    while (copied < length) {
                        if (position == current.length) {
                            if (next == lines) {
                                break;
                            }
                            current = line(next++).getBytes(StandardCharsets.UTF_8);
                            position = 0;
                        }
                        int n = Math.min(length - copied, current.length - position);
                        System.arraycopy(current, position, into, offset + copied, n);
                        position += n;
                        copied += n;
                    }
                    return copied == 0 && length > 0 ? -1 : copied;
                }

                private String line(long i) {
                    String key = "load/" + runTag + "/" + String.format("%07d", i);
                    return "{\"ownerUid\":\"" + ownerUid + "\",\"mediaId\":\"" + mediaIdPrefix + String.format("%016x", i)
                            + "\",\"title\":\"Load " + runTag + " #" + i + "\",\"mediaType\":\"video\",\"files\":["
                            + "{\"url\":\"oss://" + bucket + "/" + key + ".mp4\",\"role\":\"source\",\"size\":" + (1_000_000 + i) + "},"
                            + "{\"url\":\"oss://" + bucket + "/" + key + "/720p.mp4\",\"role\":\"transcode\"}]}\n";
                }
            };
        }
    }
}
