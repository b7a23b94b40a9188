package io.mediapurge.devservices;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.NetworkChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.mediapurge.storage.ObjectStoreSettings;

/**
 * An OSS-compatible HTTP endpoint on the loopback interface: buckets, objects, DeleteMultipleObjects
 * and ListObjectsV2 as aliyun-sdk-oss uses them, V1 and V4 signatures verified, path-style and
 * virtual-host-style addressing, and injectable faults. Used by the local run when no OSS endpoint
 * is configured, and by tests and benchmarks on its own.
 */
public final class OssEndpoint implements AutoCloseable {

    /** The development-default credentials, documented and never valid anywhere else. */
    public static final String DEV_ACCESS_KEY_ID = ObjectStoreSettings.DEV_ACCESS_KEY_ID;
    public static final String DEV_ACCESS_KEY_SECRET = ObjectStoreSettings.DEV_ACCESS_KEY_SECRET;
    /** ListObjectsV2 and DeleteMultipleObjects limits of OSS. */
    static final int MAX_KEYS = 1000;
    /** Host {@code BUCKET.localhost} addresses a bucket virtual-host style, as {@code BUCKET.oss-REGION...} does on OSS. */
    static final String VIRTUAL_HOST_DOMAIN = "localhost";
    /** The largest object this endpoint stores: enough for demo media, small beside the server's heap. */
    static final int MAX_OBJECT_BYTES = 64 * 1024 * 1024;
    /** A DeleteMultipleObjects body of 1000 keys of the longest kind (1023 bytes, escaped) fits well within this. */
    static final int MAX_DELETE_BODY_BYTES = 8 * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(OssEndpoint.class.getName());
    /** Jetty's start and stop chatter is noise in the server log; its warnings still show. Held so it is not collected. */
    private static final Logger JETTY_LOG = quietJetty();
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String bindAddress;
    private final BucketStore store;
    private final Faults faults = new Faults();
    private final RequestCounters counters = new RequestCounters();
    private final SignatureCheck signatures;
    private final AdminPath adminPath = new AdminPath(faults, counters);
    private final Server server;
    private final ServerConnector connector;
    private volatile int port;

    private OssEndpoint(Builder builder) {
        this.bindAddress = builder.bindAddress;
        this.store = builder.store == null ? BucketStore.inMemory() : builder.store;
        this.signatures = new SignatureCheck(builder.credentials);
        this.port = builder.port;
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("oss-endpoint");
        threads.setDaemon(true);
        this.server = new Server(threads);
        // Stalled requests (a fault) must not hold up stopping; nothing here needs a graceful drain.
        server.setStopTimeout(0);
        HttpConfiguration http = new HttpConfiguration();
        // Object keys may hold anything, "..", "//" and encoded slashes included: never normalise.
        http.setUriCompliance(UriCompliance.UNSAFE);
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(bindAddress);
        connector.setPort(port);
        connector.setReuseAddress(true);
        server.addConnector(connector);
        server.setHandler(new Routing());
        faults.onRefuse(this::refuseFor);
    }

    private static Logger quietJetty() {
        Logger jetty = Logger.getLogger("org.eclipse.jetty");
        if (jetty.getLevel() == null) {
            jetty.setLevel(Level.WARNING);
        }
        return jetty;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings of an endpoint before it starts. */
    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port;
        private final Map<String, String> credentials = new LinkedHashMap<>();
        private BucketStore store;

        private Builder() {
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Loopback by default; the endpoint has no TLS and is meant for one machine. */
        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        /** An accepted access key; call again for more. Without any, the development default. */
        public Builder credentials(String accessKeyId, String accessKeySecret) {
            credentials.put(accessKeyId, accessKeySecret);
            return this;
        }

        /** In memory unless given. */
        public Builder store(BucketStore store) {
            this.store = store;
            return this;
        }

        public OssEndpoint build() {
            if (credentials.isEmpty()) {
                credentials.put(DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET);
            }
            return new OssEndpoint(this);
        }

        public OssEndpoint start() {
            return build().start();
        }
    }

    public OssEndpoint start() {
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("the OSS endpoint cannot listen on " + bindAddress + ":" + port
                    + ": " + e.getMessage(), e);
        }
        port = connector.getLocalPort();
        // A refusal window closes and reopens the connector: it must come back on the same port.
        connector.setPort(port);
        return this;
    }

    public void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "OSS endpoint did not stop cleanly", e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Where clients send requests, e.g. {@code http://127.0.0.1:9199}. */
    public URI url() {
        String host = bindAddress.equals("0.0.0.0") || bindAddress.equals("::") ? "127.0.0.1" : bindAddress;
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }

    public int port() {
        return port;
    }

    public BucketStore store() {
        return store;
    }

    public Faults faults() {
        return faults;
    }

    public RequestCounters counters() {
        return counters;
    }

    /**
     * Runs an endpoint until the process ends, for benchmarks and manual runs:
     * {@code OssEndpoint [PORT [DATA_DIR [BIND_ADDRESS]]]} (loopback unless an address is given); credentials from MEDIAPURGE_OSS_ACCESS_KEY_ID /
     * MEDIAPURGE_OSS_ACCESS_KEY_SECRET, else the development defaults; demo content when empty.
     */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : DevelopmentOssEndpoint.DEFAULT_PORT;
        BucketStore store = args.length > 1 ? BucketStore.onDisk(Path.of(args[1])) : BucketStore.inMemory();
        // A service of its own (e.g. beside several MediaPurge containers) listens beyond loopback.
        String bindAddress = args.length > 2 ? args[2] : null;
        String id = System.getenv().getOrDefault("MEDIAPURGE_OSS_ACCESS_KEY_ID", DEV_ACCESS_KEY_ID);
        String secret = System.getenv().getOrDefault("MEDIAPURGE_OSS_ACCESS_KEY_SECRET", DEV_ACCESS_KEY_SECRET);
        DemoContent.seedIfEmpty(store);
        Builder builder = builder().port(port).credentials(id, secret).store(store);
        if (bindAddress != null) {
            builder.bindAddress(bindAddress);
        }
        OssEndpoint endpoint = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(endpoint::stop));
        System.out.println("OSS-compatible endpoint at " + endpoint.url() + " (access key id " + id + ")");
        Thread.currentThread().join();
    }

    /** Closes the listening socket for the duration; zero reopens it now. */
    private synchronized void refuseFor(Duration duration) {
        if (duration.isZero()) {
            reopen();
            return;
        }
        try {
            // Pooled keep-alive connections would otherwise still be served.
            connector.getConnectedEndPoints().forEach(EndPoint::close);
            connector.stop();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "cannot close the OSS endpoint connector", e);
            return;
        }
        server.getScheduler().schedule(() -> {
            // A later refusal window may still be in force.
            if (faults.currentOutage().filter(o -> o.getKey() == Faults.Outage.REFUSE).isEmpty()) {
                reopen();
            }
        }, duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void reopen() {
        try {
            if (server.isRunning() && !connector.isRunning()) {
                connector.start();
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "cannot reopen the OSS endpoint on port " + port, e);
        }
    }

    /** One request on its way: what the handler parsed, and where the answer goes. */
    private record Call(Request request, Response response, Callback callback, OssOperation operation,
            String bucket, String key, QueryParameters query, String requestId) {
        boolean isHead() {
            return request.getMethod().equalsIgnoreCase("HEAD");
        }
    }

    private final class Routing extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String host = hostOf(request);
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
            Call call = new Call(request, response, callback, operation, bucket, key, query, newRequestId());
            long delay = faults.latencyMillis();
            if (delay > 0) {
                server.getScheduler().schedule(() -> server.getThreadPool().execute(() -> proceed(call)),
                        delay, TimeUnit.MILLISECONDS);
            } else {
                proceed(call);
            }
            return true;
        }
    }

    private void proceed(Call call) {
        try {
            Optional<Map.Entry<Faults.Outage, Duration>> outage = faults.currentOutage();
            if (outage.isPresent()) {
                switch (outage.get().getKey()) {
                    case STALL -> server.getScheduler().schedule(() -> reset(call),
                            outage.get().getValue().toMillis(), TimeUnit.MILLISECONDS);
                    // A request on a connection accepted before the refusal began.
                    case RESET, REFUSE -> reset(call);
                }
                return;
            }
            Optional<Faults.InjectedError> injected = faults.errorFor(call.operation());
            if (injected.isPresent()) {
                error(call, injected.get().status(), injected.get().code(), "Injected fault.");
                return;
            }
            if (call.operation() == OssOperation.UNSUPPORTED) {
                error(call, 501, "NotImplemented", "This endpoint does not implement the operation.");
                return;
            }
            SignatureCheck.Verdict verdict = signatures.verify(new SignatureCheck.SignedRequest(
                    call.request().getMethod(), call.bucket(), call.key(), call.query(), headersOf(call.request())));
            if (!verdict.accepted()) {
                error(call, verdict.code().equals("InvalidArgument") ? 400 : 403, verdict.code(), verdict.message());
                return;
            }
            counters.countSignature(verdict.version());
            switch (call.operation()) {
                case CREATE_BUCKET -> createBucket(call);
                case DELETE_BUCKET -> deleteBucket(call);
                case PUT_OBJECT -> putObject(call);
                case GET_OBJECT, HEAD_OBJECT -> getObject(call);
                case GET_OBJECT_META -> getObjectMeta(call);
                case DELETE_OBJECT -> deleteObject(call);
                case DELETE_MULTIPLE_OBJECTS -> deleteMultipleObjects(call);
                case LIST_OBJECTS_V2 -> listObjectsV2(call);
                default -> error(call, 501, "NotImplemented", "Not implemented.");
            }
        } catch (RuntimeException | IOException e) {
            LOG.log(Level.WARNING, "OSS endpoint failed on " + call.operation().apiName(), e);
            error(call, 500, "InternalError", "We encountered an internal error. Please try again.");
        }
    }

    private void createBucket(Call call) throws IOException {
        Content.Source.consumeAll(call.request());
        if (!BUCKET_NAME.matcher(call.bucket()).matches()) {
            error(call, 400, "InvalidBucketName", "The specified bucket is not valid.");
            return;
        }
        store.createBucket(call.bucket());
        send(call, 200, Map.of(), null);
    }

    private void deleteBucket(Call call) {
        if (!store.bucketExists(call.bucket())) {
            error(call, 404, "NoSuchBucket", "The specified bucket does not exist.");
        } else if (!store.deleteBucket(call.bucket())) {
            error(call, 409, "BucketNotEmpty", "The bucket you tried to delete is not empty.");
        } else {
            send(call, 204, Map.of(), null);
        }
    }

    private void putObject(Call call) throws IOException {
        byte[] body = boundedBody(call, MAX_OBJECT_BYTES);
        if (body == null) {
            return;
        }
        if (!store.bucketExists(call.bucket())) {
            error(call, 404, "NoSuchBucket", "The specified bucket does not exist.");
            return;
        }
        if (call.key().getBytes(StandardCharsets.UTF_8).length > 1023) {
            error(call, 400, "InvalidObjectName", "The object name is too long.");
            return;
        }
        String md5 = call.request().getHeaders().get("Content-MD5");
        if (md5 != null && !md5.equals(base64Md5(body))) {
            error(call, 400, "InvalidDigest", "The Content-MD5 you specified is not valid.");
            return;
        }
        String crc = call.request().getHeaders().get("x-oss-hash-crc64ecma");
        if (crc != null && !crc.equals(Crc64.of(body))) {
            error(call, 400, "InvalidDigest", "The CRC64 you specified does not match the content.");
            return;
        }
        Map<String, String> userMetadata = new LinkedHashMap<>();
        for (HttpField field : call.request().getHeaders()) {
            if (field.getName().toLowerCase(Locale.ROOT).startsWith("x-oss-meta-")) {
                userMetadata.put(field.getName(), field.getValue());
            }
        }
        StoredObject stored = store.put(call.bucket(), call.key(), body,
                call.request().getHeaders().get(HttpHeader.CONTENT_TYPE), userMetadata);
        send(call, 200, Map.of("ETag", quoted(stored.etag()), "x-oss-hash-crc64ecma", stored.crc64(),
                "Content-MD5", base64Md5(body)), null);
    }

    private void getObject(Call call) {
        if (!store.bucketExists(call.bucket())) {
            error(call, 404, "NoSuchBucket", "The specified bucket does not exist.");
            return;
        }
        Optional<StoredObject> object = store.find(call.bucket(), call.key());
        Optional<byte[]> content = object.isPresent() && !call.isHead()
                ? store.content(call.bucket(), call.key()) : Optional.empty();
        if (object.isEmpty() || (!call.isHead() && content.isEmpty())) {
            error(call, 404, "NoSuchKey", "The specified key does not exist.");
            return;
        }
        StoredObject o = object.get();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", o.contentType());
        headers.put("ETag", quoted(o.etag()));
        headers.put("Last-Modified", HTTP_DATE.format(o.lastModified()));
        headers.put("x-oss-object-type", "Normal");
        headers.put("x-oss-storage-class", "Standard");
        headers.put("x-oss-hash-crc64ecma", o.crc64());
        headers.putAll(o.userMetadata());
        if (call.isHead()) {
            headers.put("Content-Length", Long.toString(o.size()));
            send(call, 200, headers, null);
        } else {
            send(call, 200, headers, content.get());
        }
    }

    private void getObjectMeta(Call call) {
        Optional<StoredObject> object = store.bucketExists(call.bucket())
                ? store.find(call.bucket(), call.key()) : Optional.empty();
        if (object.isEmpty()) {
            error(call, 404, store.bucketExists(call.bucket()) ? "NoSuchKey" : "NoSuchBucket", "Not found.");
            return;
        }
        StoredObject o = object.get();
        send(call, 200, Map.of("ETag", quoted(o.etag()), "Content-Length", Long.toString(o.size()),
                "Last-Modified", HTTP_DATE.format(o.lastModified())), null);
    }

    private void deleteObject(Call call) {
        if (!store.bucketExists(call.bucket())) {
            error(call, 404, "NoSuchBucket", "The specified bucket does not exist.");
            return;
        }
        Optional<Faults.InjectedError> failure = faults.keyFailure(call.bucket(), call.key());
        if (failure.isPresent()) {
            error(call, failure.get().status(), failure.get().code(), "Injected failure for this key.");
            return;
        }
        store.delete(call.bucket(), call.key());
        send(call, 204, Map.of(), null);
    }

    private void deleteMultipleObjects(Call call) throws IOException {
        byte[] body = boundedBody(call, MAX_DELETE_BODY_BYTES);
        if (body == null) {
            return;
        }
        if (!store.bucketExists(call.bucket())) {
            error(call, 404, "NoSuchBucket", "The specified bucket does not exist.");
            return;
        }
        String md5 = call.request().getHeaders().get("Content-MD5");
        if (md5 == null) {
            error(call, 400, "MissingArgument", "Missing Content-MD5.");
            return;
        }
        if (!md5.equals(base64Md5(body))) {
            error(call, 400, "InvalidDigest", "The Content-MD5 you specified is not valid.");
            return;
        }
        String encoding = call.query().first("encoding-type");
        if (encoding == null) {
            encoding = call.request().getHeaders().get("encoding-type");
        }
        boolean urlEncoded = "url".equalsIgnoreCase(encoding);
        boolean quiet;
        List<String> keys = new ArrayList<>();
        try {
            Document document = parseXml(body);
            Element root = document.getDocumentElement();
            if (!"Delete".equals(root.getTagName())) {
                throw new IllegalArgumentException("root is not Delete");
            }
            NodeList quietNodes = root.getElementsByTagName("Quiet");
            quiet = quietNodes.getLength() > 0 && "true".equalsIgnoreCase(quietNodes.item(0).getTextContent().trim());
            NodeList objects = root.getElementsByTagName("Object");
            for (int i = 0; i < objects.getLength(); i++) {
                NodeList keyNodes = ((Element) objects.item(i)).getElementsByTagName("Key");
                if (keyNodes.getLength() != 1 || keyNodes.item(0).getTextContent().isEmpty()) {
                    throw new IllegalArgumentException("an Object without one Key");
                }
                String key = keyNodes.item(0).getTextContent();
                keys.add(urlEncoded ? PercentCoding.decode(key) : key);
            }
        } catch (Exception e) {
            error(call, 400, "MalformedXML", "The XML you provided was not well-formed or did not validate.");
            return;
        }
        if (keys.isEmpty() || keys.size() > MAX_KEYS) {
            error(call, 400, "MalformedXML", "A Delete request holds 1 to " + MAX_KEYS + " keys.");
            return;
        }
        XmlText xml = new XmlText().open("DeleteResult");
        if (urlEncoded) {
            xml.element("EncodingType", "url");
        }
        for (String key : new LinkedHashSet<>(keys)) {
            if (faults.keyFailure(call.bucket(), key).isPresent()) {
                // OSS reports only the keys it deleted; a key it could not delete is simply absent.
                continue;
            }
            store.delete(call.bucket(), key);
            xml.open("Deleted").element("Key", urlEncoded ? PercentCoding.encode(key, true) : key).close("Deleted");
        }
        xml.close("DeleteResult");
        if (quiet) {
            send(call, 200, Map.of(), null);
        } else {
            send(call, 200, Map.of("Content-Type", "application/xml"), xml.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private void listObjectsV2(Call call) {
        if (!store.bucketExists(call.bucket())) {
            error(call, 404, "NoSuchBucket", "The specified bucket does not exist.");
            return;
        }
        QueryParameters q = call.query();
        String prefix = q.first("prefix") == null ? "" : q.first("prefix");
        String delimiter = q.first("delimiter") == null || q.first("delimiter").isEmpty() ? null : q.first("delimiter");
        String startAfter = q.first("start-after");
        String token = q.first("continuation-token");
        boolean urlEncoded = "url".equalsIgnoreCase(q.first("encoding-type"));
        int maxKeys;
        try {
            maxKeys = q.first("max-keys") == null ? 100 : Integer.parseInt(q.first("max-keys"));
        } catch (NumberFormatException e) {
            maxKeys = -1;
        }
        if (maxKeys < 0 || maxKeys > MAX_KEYS) {
            error(call, 400, "InvalidArgument", "max-keys must be between 0 and " + MAX_KEYS + ".");
            return;
        }
        ObjectListing page;
        try {
            page = ObjectListing.page(store.objects(call.bucket()), prefix, delimiter, startAfter, token, maxKeys);
        } catch (IllegalArgumentException e) {
            error(call, 400, "InvalidArgument", "The continuation token is not valid.");
            return;
        }
        XmlText xml = new XmlText().open("ListBucketResult")
                .element("Name", call.bucket())
                .element("Prefix", encodeIf(urlEncoded, prefix))
                .element("MaxKeys", maxKeys)
                .element("Delimiter", delimiter == null ? null : encodeIf(urlEncoded, delimiter))
                .element("StartAfter", startAfter == null ? null : encodeIf(urlEncoded, startAfter))
                .element("ContinuationToken", token)
                .element("EncodingType", urlEncoded ? "url" : null)
                .element("IsTruncated", page.truncated())
                .element("KeyCount", page.keyCount())
                .element("NextContinuationToken", page.nextToken());
        for (StoredObject o : page.contents()) {
            xml.open("Contents")
                    .element("Key", encodeIf(urlEncoded, o.key()))
                    .element("LastModified", ISO_MILLIS.format(o.lastModified()))
                    .element("ETag", quoted(o.etag()))
                    .element("Type", "Normal")
                    .element("Size", o.size())
                    .element("StorageClass", "Standard")
                    .close("Contents");
        }
        for (String common : page.commonPrefixes()) {
            xml.open("CommonPrefixes").element("Prefix", encodeIf(urlEncoded, common)).close("CommonPrefixes");
        }
        xml.close("ListBucketResult");
        send(call, 200, Map.of("Content-Type", "application/xml"), xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The XML error answer of OSS; HEAD answers carry no body. */
    /**
     * A request body read into memory, at most {@code limit} bytes: this endpoint runs inside the
     * product's JVM, whose heap is sized for purging, not for holding uploads. Over the limit the
     * call is answered EntityTooLarge (as OSS answers an object over its size limit) and null returned.
     */
    private byte[] boundedBody(Call call, int limit) throws IOException {
        long declared = call.request().getLength();
        byte[] body = null;
        if (declared <= limit) {
            try (InputStream in = Content.Source.asInputStream(call.request())) {
                body = in.readNBytes(limit + 1);
            }
        }
        if (body == null || body.length > limit) {
            error(call, 400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size of this development endpoint ("
                    + limit + " bytes).");
            return null;
        }
        return body;
    }

    private void error(Call call, int status, String code, String message) {
        byte[] body = null;
        if (!call.isHead()) {
            body = new XmlText().open("Error")
                    .element("Code", code)
                    .element("Message", message)
                    .element("RequestId", call.requestId())
                    .element("HostId", hostOf(call.request()))
                    .close("Error").toString().getBytes(StandardCharsets.UTF_8);
        }
        send(call, status, body == null ? Map.of() : Map.of("Content-Type", "application/xml"), body);
    }

    private void send(Call call, int status, Map<String, String> headers, byte[] body) {
        Response response = call.response();
        response.setStatus(status);
        HttpFields.Mutable fields = response.getHeaders();
        fields.put("x-oss-request-id", call.requestId());
        fields.put("Server", "MediaPurgeOSS");
        headers.forEach(fields::put);
        if (body == null) {
            if (!headers.containsKey("Content-Length")) {
                fields.put(HttpHeader.CONTENT_LENGTH, 0L);
            }
            response.write(true, null, call.callback());
        } else {
            fields.put(HttpHeader.CONTENT_LENGTH, (long) body.length);
            response.write(true, ByteBuffer.wrap(body), call.callback());
        }
    }

    /** Closes the connection with a TCP reset, as a crashing proxy would. */
    private void reset(Call call) {
        EndPoint endPoint = call.request().getConnectionMetaData().getConnection().getEndPoint();
        try {
            if (endPoint.getTransport() instanceof NetworkChannel channel) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
        } catch (IOException | RuntimeException e) {
            // Closing without the reset still ends the request for the client.
        }
        endPoint.close();
        // An EofException is "quiet" to Jetty: an injected reset is no server error to log.
        call.callback().failed(new EofException("connection reset by fault injection"));
    }

    private String virtualHostBucket(String host) {
        if (host.endsWith("." + VIRTUAL_HOST_DOMAIN)) {
            String label = host.substring(0, host.length() - VIRTUAL_HOST_DOMAIN.length() - 1);
            if (!label.isEmpty() && label.indexOf('.') < 0) {
                return label;
            }
        }
        return null;
    }

    private static String hostOf(Request request) {
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

    private static Map<String, List<String>> headersOf(Request request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), n -> new ArrayList<>()).add(field.getValue());
        }
        return headers;
    }

    private static Document parseXml(byte[] body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder.parse(new ByteArrayInputStream(body));
    }

    private static String encodeIf(boolean urlEncoded, String text) {
        return urlEncoded ? PercentCoding.encode(text, true) : text;
    }

    private static String quoted(String etag) {
        return "\"" + etag + "\"";
    }

    static String base64Md5(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newRequestId() {
        byte[] id = new byte[12];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().withUpperCase().formatHex(id);
    }
}
