package io.mediapurge.devservices;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import io.mediapurge.storage.ObjectStoreSettings;

/**
 * An OSS-compatible HTTP endpoint on the loopback interface: buckets, objects, DeleteMultipleObjects
 * and ListObjectsV2 as aliyun-sdk-oss uses them, V1 and V4 signatures verified, path-style and
 * virtual-host-style addressing, and injectable faults. Used by the local run when no OSS endpoint
 * is configured, and by tests and benchmarks on its own. This class is the server's life (build,
 * start, stop, refusal windows); {@link OssRouting} takes each request to its operation,
 * {@link OssOperations} carries it out, {@link OssCall} answers it.
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

    private final String bindAddress;
    private final BucketStore store;
    private final Faults faults = new Faults();
    private final RequestCounters counters = new RequestCounters();
    private final SignatureCheck signatures;
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
        server.setHandler(new OssRouting(server, faults, counters, signatures, new OssOperations(store, faults)));
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
}
