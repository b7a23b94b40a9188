package io.mediapurge.devservices;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP/1.1 requests written by hand over a socket, for what the SDK cannot send: a chosen Host
 * header (virtual-host style), a body the SDK would refuse, the admin path.
 */
final class RawRequest {

    record Answer(int status, Map<String, String> headers, String body) {
    }

    private RawRequest() {
    }

    /** A V1-signed request; {@code subResource} is the signed sub-resource or null. */
    static Answer signedV1(OssEndpoint endpoint, String id, String secret, String method, String pathAndQuery,
            String bucket, String key, String subResource, byte[] body, Map<String, String> extraHeaders)
            throws Exception {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        headers.put("Date", date);
        String md5 = "";
        if (headers.containsKey("Content-MD5")) {
            md5 = headers.get("Content-MD5");
        } else if (body != null && body.length > 0) {
            md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
            headers.put("Content-MD5", md5);
        }
        TreeMap<String, String> oss = new TreeMap<>();
        headers.forEach((n, v) -> {
            if (n.toLowerCase(Locale.ROOT).startsWith("x-oss-")) {
                oss.put(n.toLowerCase(Locale.ROOT), v.trim());
            }
        });
        StringBuilder s = new StringBuilder(method + "\n" + md5 + "\n" + headers.getOrDefault("Content-Type", "")
                + "\n" + date + "\n");
        oss.forEach((n, v) -> s.append(n).append(':').append(v).append('\n'));
        s.append('/').append(bucket).append('/').append(key == null ? "" : key);
        if (subResource != null) {
            s.append('?').append(subResource);
        }
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        headers.put("Authorization", "OSS " + id + ":"
                + Base64.getEncoder().encodeToString(mac.doFinal(s.toString().getBytes(StandardCharsets.UTF_8))));
        headers.putIfAbsent("Host", "127.0.0.1:" + endpoint.port());
        return send(endpoint.port(), method, pathAndQuery, headers, body);
    }

    static Answer send(int port, String method, String pathAndQuery, Map<String, String> headers, byte[] body)
            throws IOException {
        return send(InetAddress.getLoopbackAddress(), port, method, pathAndQuery, headers, body);
    }

    static Answer send(InetAddress address, int port, String method, String pathAndQuery, Map<String, String> headers,
            byte[] body) throws IOException {
        try (Socket socket = new Socket(address, port)) {
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\n");
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.putIfAbsent("Host", "127.0.0.1:" + port);
            all.put("Content-Length", Integer.toString(body == null ? 0 : body.length));
            all.put("Connection", "close");
            all.forEach((n, v) -> head.append(n).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            try {
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (SocketException answeredEarly) {
                // A server may refuse a body by its announced length and close before reading it; its answer is waiting.
            }
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon), lines[i].substring(colon + 1).trim());
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
    }
}
