package io.mediapurge.devservices;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /_admin/...}: faults and request counters for tools outside the JVM, answered to
 * loopback clients only (a fault switch reachable from elsewhere would be a denial of service).
 * <pre>
 * POST   /_admin/faults     body: fault commands, see {@link FaultCommands}
 * DELETE /_admin/faults     clears every fault
 * GET    /_admin/counters   "OPERATION COUNT" lines, e.g. "DeleteMultipleObjects 3"
 * DELETE /_admin/counters   sets the counters to zero
 * </pre>
 */
final class AdminPath {

    static final String PREFIX = "/_admin/";

    private final Faults faults;
    private final RequestCounters counters;

    AdminPath(Faults faults, RequestCounters counters) {
        this.faults = faults;
        this.counters = counters;
    }

    void handle(Request request, Response response, Callback callback, String path) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null
                || !inet.getAddress().isLoopbackAddress()) {
            plain(response, callback, 403, "the admin path answers loopback clients only\n");
            return;
        }
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        try {
            switch (method + " " + path) {
                case "POST /_admin/faults" -> {
                    String script;
                    try (InputStream in = Content.Source.asInputStream(request)) {
                        script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                    FaultCommands.apply(script, faults);
                    plain(response, callback, 200, "ok\n");
                }
                case "DELETE /_admin/faults" -> {
                    faults.clear();
                    plain(response, callback, 200, "ok\n");
                }
                case "GET /_admin/counters" -> {
                    StringBuilder text = new StringBuilder();
                    counters.snapshot().forEach((op, n) -> text.append(op.apiName()).append(' ').append(n).append('\n'));
                    plain(response, callback, 200, text.toString());
                }
                case "DELETE /_admin/counters" -> {
                    counters.reset();
                    plain(response, callback, 200, "ok\n");
                }
                default -> plain(response, callback, 404, "unknown admin path\n");
            }
        } catch (IllegalArgumentException e) {
            plain(response, callback, 400, e.getMessage() + "\n");
        } catch (IOException e) {
            plain(response, callback, 500, "cannot read the request\n");
        }
    }

    private static void plain(Response response, Callback callback, int status, String text) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
