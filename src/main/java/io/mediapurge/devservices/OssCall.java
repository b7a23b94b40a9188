package io.mediapurge.devservices;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.NetworkChannel;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One request to the development OSS endpoint on its way: what routing parsed from it (operation,
 * bucket, key, query), and its answer: an OSS XML error, a body with headers, or (a fault) a TCP
 * reset.
 */
record OssCall(Request request, Response response, Callback callback, OssOperation operation,
        String bucket, String key, QueryParameters query, String requestId) {

    OssCall(Request request, Response response, Callback callback, OssOperation operation, String bucket, String key,
            QueryParameters query) {
        this(request, response, callback, operation, bucket, key, query, newRequestId());
    }

    boolean isHead() {
        return request.getMethod().equalsIgnoreCase("HEAD");
    }

    /**
     * A request body read into memory, at most {@code limit} bytes: this endpoint runs inside the
     * product's JVM, whose heap is sized for purging, not for holding uploads. Over the limit the
     * call is answered EntityTooLarge (as OSS answers an object over its size limit) and null returned.
     */
    byte[] boundedBody(int limit) throws IOException {
        long declared = request().getLength();
        byte[] body = null;
        if (declared <= limit) {
            try (InputStream in = Content.Source.asInputStream(request())) {
                body = in.readNBytes(limit + 1);
            }
        }
        if (body == null || body.length > limit) {
            error(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size of this development endpoint ("
                    + limit + " bytes).");
            return null;
        }
        return body;
    }

    /** The XML error answer of OSS; HEAD answers carry no body. */
    void error(int status, String code, String message) {
        byte[] body = null;
        if (!isHead()) {
            body = new XmlText().open("Error")
                    .element("Code", code)
                    .element("Message", message)
                    .element("RequestId", requestId())
                    .element("HostId", hostOf(request()))
                    .close("Error").toString().getBytes(StandardCharsets.UTF_8);
        }
        send(status, body == null ? Map.of() : Map.of("Content-Type", "application/xml"), body);
    }

    void send(int status, Map<String, String> headers, byte[] body) {
        Response response = response();
        response.setStatus(status);
        HttpFields.Mutable fields = response.getHeaders();
        fields.put("x-oss-request-id", requestId());
        fields.put("Server", "MediaPurgeOSS");
        headers.forEach(fields::put);
        if (body == null) {
            if (!headers.containsKey("Content-Length")) {
                fields.put(HttpHeader.CONTENT_LENGTH, 0L);
            }
            response.write(true, null, callback());
        } else {
            fields.put(HttpHeader.CONTENT_LENGTH, (long) body.length);
            response.write(true, ByteBuffer.wrap(body), callback());
        }
    }

    /** Closes the connection with a TCP reset, as a crashing proxy would. */
    void reset() {
        EndPoint endPoint = request().getConnectionMetaData().getConnection().getEndPoint();
        try {
            if (endPoint.getTransport() instanceof NetworkChannel channel) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
        } catch (IOException | RuntimeException e) {
            // Closing without the reset still ends the request for the client.
        }
        endPoint.close();
        // An EofException is "quiet" to Jetty: an injected reset is no server error to log.
        callback().failed(new EofException("connection reset by fault injection"));
    }

    static String hostOf(Request request) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host == null) {
            return "";
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            return host.substring(0, host.indexOf(']') + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static String newRequestId() {
        byte[] id = new byte[12];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().withUpperCase().formatHex(id);
    }
}
