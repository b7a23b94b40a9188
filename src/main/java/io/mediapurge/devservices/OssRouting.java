package io.mediapurge.devservices;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * Every request to the development OSS endpoint, in order: the admin path, path-style or
 * virtual-host-style addressing to bucket and key, the operation, injected latency, outages and
 * errors, the signature check, and then the operation itself ({@link OssOperations}).
 */
final class OssRouting extends Handler.Abstract {

    private static final Logger LOG = Logger.getLogger(OssRouting.class.getName());

    private final Server server;
    private final Faults faults;
    private final RequestCounters counters;
    private final SignatureCheck signatures;
    private final AdminPath adminPath;
    private final OssOperations operations;

    OssRouting(Server server, Faults faults, RequestCounters counters, SignatureCheck signatures, OssOperations operations) {
        this.server = server;
        this.faults = faults;
        this.counters = counters;
        this.signatures = signatures;
        this.adminPath = new AdminPath(faults, counters);
        this.operations = operations;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String host = OssCall.hostOf(request);
        String rawPath = request.getHttpURI().getPath();
        String hostBucket = virtualHostBucket(host);
        if (hostBucket == null && rawPath != null && rawPath.startsWith(AdminPath.PREFIX)) {
            adminPath.handle(request, response, callback, rawPath);
            return true;
        }
        String bucket = hostBucket;
        String rawKey = rawPath == null || rawPath.isEmpty() ? "" : rawPath.substring(1);
        if (bucket == null && !rawKey.isEmpty()) {
            int slash = rawKey.indexOf('/');
            bucket = PercentCoding.decode(slash < 0 ? rawKey : rawKey.substring(0, slash));
            rawKey = slash < 0 ? "" : rawKey.substring(slash + 1);
        }
        String key = rawKey.isEmpty() ? null : PercentCoding.decode(rawKey);
        QueryParameters query = QueryParameters.parse(request.getHttpURI().getQuery());
        OssOperation operation = OssOperation.of(request.getMethod(), bucket, key, query);
        counters.count(operation);
        counters.started();
        OssCall call = new OssCall(request, response, Callback.from(callback, counters::finished), operation,
                bucket, key, query);
        long delay = faults.latencyMillis();
        if (delay > 0) {
            server.getScheduler().schedule(() -> server.getThreadPool().execute(() -> proceed(call)),
                    delay, TimeUnit.MILLISECONDS);
        } else {
            proceed(call);
        }
        return true;
    }

    private void proceed(OssCall call) {
        try {
            Optional<Map.Entry<Faults.Outage, Duration>> outage = faults.currentOutage();
            if (outage.isPresent()) {
                switch (outage.get().getKey()) {
                    case STALL -> server.getScheduler().schedule(() -> call.reset(),
                            outage.get().getValue().toMillis(), TimeUnit.MILLISECONDS);
                    // A request on a connection accepted before the refusal began.
                    case RESET, REFUSE -> call.reset();
                }
                return;
            }
            Optional<Faults.InjectedError> injected = faults.errorFor(call.operation());
            if (injected.isPresent()) {
                call.error(injected.get().status(), injected.get().code(), "Injected fault.");
                return;
            }
            if (call.operation() == OssOperation.UNSUPPORTED) {
                call.error(501, "NotImplemented", "This endpoint does not implement the operation.");
                return;
            }
            SignatureCheck.Verdict verdict = signatures.verify(new SignatureCheck.SignedRequest(
                    call.request().getMethod(), call.bucket(), call.key(), call.query(), headersOf(call.request())));
            if (!verdict.accepted()) {
                call.error(verdict.code().equals("InvalidArgument") ? 400 : 403, verdict.code(), verdict.message());
                return;
            }
            counters.countSignature(verdict.version());
            switch (call.operation()) {
                case CREATE_BUCKET -> operations.createBucket(call);
                case DELETE_BUCKET -> operations.deleteBucket(call);
                case PUT_OBJECT -> operations.putObject(call);
                case GET_OBJECT, HEAD_OBJECT -> operations.getObject(call);
                case GET_OBJECT_META -> operations.getObjectMeta(call);
                case DELETE_OBJECT -> operations.deleteObject(call);
                case DELETE_MULTIPLE_OBJECTS -> operations.deleteMultipleObjects(call);
                case LIST_OBJECTS_V2 -> operations.listObjectsV2(call);
                default -> call.error(501, "NotImplemented", "Not implemented.");
            }
        } catch (RuntimeException | IOException e) {
            LOG.log(Level.WARNING, "OSS endpoint failed on " + call.operation().apiName(), e);
            call.error(500, "InternalError", "We encountered an internal error. Please try again.");
        }
    }

    private String virtualHostBucket(String host) {
        if (host.endsWith("." + OssEndpoint.VIRTUAL_HOST_DOMAIN)) {
            String label = host.substring(0, host.length() - OssEndpoint.VIRTUAL_HOST_DOMAIN.length() - 1);
            if (!label.isEmpty() && label.indexOf('.') < 0) {
                return label;
            }
        }
        return null;
    }

    private static Map<String, List<String>> headersOf(Request request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), n -> new ArrayList<>()).add(field.getValue());
        }
        return headers;
    }
}
