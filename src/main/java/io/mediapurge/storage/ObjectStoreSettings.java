package io.mediapurge.storage;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * How MediaPurge reaches OSS. Read from MicroProfile Config names ({@code mediapurge.oss.*},
 * which MicroProfile Config also finds as {@code MEDIAPURGE_OSS_*} environment variables) or
 * from a plain environment map. Without an endpoint the embedded development endpoint is used,
 * with its documented development credentials. {@link #toString()} never shows the secret.
 *
 * @param endpoint null until an endpoint is configured or the development endpoint is running
 */
public record ObjectStoreSettings(String endpoint, String accessKeyId, String accessKeySecret, String region,
        SignatureVersion signature, boolean pathStyle, Duration connectTimeout, Duration socketTimeout,
        int maxConnections, Retry retry) {

    /** Which request signature the client sends. */
    public enum SignatureVersion {
        V1, V4
    }

    /**
     * The gateway's own retries of transient failures.
     *
     * @param maxAttempts attempts per request, the first included
     * @param deadline the most one gateway call may take, all attempts and waits included
     */
    public record Retry(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration deadline) {
    }

    /** One documented setting: its MicroProfile Config name, environment name, default, meaning. */
    public record Setting(String name, String defaultValue, String meaning) {
        public String environmentName() {
            return ObjectStoreSettings.environmentName(name);
        }
    }

    /** The development-default credentials (the embedded endpoint takes them), documented and never valid anywhere else. */
    public static final String DEV_ACCESS_KEY_ID = "mediapurge-dev";
    public static final String DEV_ACCESS_KEY_SECRET = "mediapurge-dev-secret";

    public static final String ENDPOINT = "mediapurge.oss.endpoint";
    public static final String ACCESS_KEY_ID = "mediapurge.oss.access-key-id";
    public static final String ACCESS_KEY_SECRET = "mediapurge.oss.access-key-secret";
    public static final String REGION = "mediapurge.oss.region";
    public static final String SIGNATURE = "mediapurge.oss.signature";
    public static final String PATH_STYLE = "mediapurge.oss.path-style";
    public static final String CONNECT_TIMEOUT = "mediapurge.oss.connect-timeout-seconds";
    public static final String SOCKET_TIMEOUT = "mediapurge.oss.socket-timeout-seconds";
    public static final String MAX_CONNECTIONS = "mediapurge.oss.max-connections";
    public static final String RETRY_MAX_ATTEMPTS = "mediapurge.oss.retry.max-attempts";
    public static final String RETRY_BASE_DELAY = "mediapurge.oss.retry.base-delay-millis";
    public static final String RETRY_MAX_DELAY = "mediapurge.oss.retry.max-delay-millis";
    public static final String RETRY_DEADLINE = "mediapurge.oss.retry.deadline-seconds";

    /** The service's own region (MEDIAPURGE_REGION), the fallback when the endpoint host names none. */
    public static final String SERVICE_REGION = "mediapurge.region";
    public static final String DEFAULT_REGION = "cn-shanghai";
    // Short on purpose: the SDK's 50 s would hold a batch chunk for minutes on a dead endpoint.
    private static final String DEFAULT_CONNECT_TIMEOUT = "3";
    private static final String DEFAULT_SOCKET_TIMEOUT = "10";
    private static final int DEFAULT_MAX_CONNECTIONS = 32;
    private static final int DEFAULT_MAX_ATTEMPTS = 4;
    private static final int DEFAULT_BASE_DELAY_MILLIS = 200;
    private static final int DEFAULT_MAX_DELAY_MILLIS = 3000;
    private static final String DEFAULT_DEADLINE = "30";

    /** Every setting with its default, in the order the README lists them. */
    public static final List<Setting> SETTINGS = List.of(
            new Setting(ENDPOINT, "(unset: embedded development endpoint)",
                    "OSS endpoint URL, e.g. https://oss-cn-hangzhou.aliyuncs.com"),
            new Setting(ACCESS_KEY_ID, DEV_ACCESS_KEY_ID + " (development only)",
                    "AccessKey ID; required when an endpoint is set"),
            new Setting(ACCESS_KEY_SECRET, DEV_ACCESS_KEY_SECRET + " (development only)",
                    "AccessKey secret; required when an endpoint is set; never logged"),
            new Setting(REGION, "from the endpoint host, else MEDIAPURGE_REGION (" + DEFAULT_REGION + ")",
                    "region for V4 signing and for oss:// URLs"),
            new Setting(SIGNATURE, "v4", "request signature: v4 or v1"),
            new Setting(PATH_STYLE, "false",
                    "true: http://host/BUCKET/KEY for any host (IP and localhost endpoints use it anyway)"),
            new Setting(CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT, "TCP connect timeout, seconds (decimals allowed)"),
            new Setting(SOCKET_TIMEOUT, DEFAULT_SOCKET_TIMEOUT, "read timeout between bytes, seconds (decimals allowed)"),
            new Setting(MAX_CONNECTIONS, String.valueOf(DEFAULT_MAX_CONNECTIONS), "connections in the client's pool"),
            new Setting(RETRY_MAX_ATTEMPTS, String.valueOf(DEFAULT_MAX_ATTEMPTS), "attempts per OSS request, the first included"),
            new Setting(RETRY_BASE_DELAY, String.valueOf(DEFAULT_BASE_DELAY_MILLIS), "first backoff, doubled per retry, with jitter"),
            new Setting(RETRY_MAX_DELAY, String.valueOf(DEFAULT_MAX_DELAY_MILLIS), "longest single backoff"),
            new Setting(RETRY_DEADLINE, DEFAULT_DEADLINE,
                    "the most one gateway call may take, all attempts and waits included; "
                            + "at least connect + socket timeout"));

    private static final Pattern ALIYUN_HOST = Pattern.compile("oss-([a-z0-9-]+?)(?:-internal)?\\.aliyuncs\\.com");

    public ObjectStoreSettings {
        if (signature == SignatureVersion.V4 && (region == null || region.isBlank())) {
            throw new IllegalArgumentException(REGION + " is required for V4 signatures");
        }
        if (retry.deadline().compareTo(connectTimeout.plus(socketTimeout)) < 0) {
            throw new IllegalArgumentException(RETRY_DEADLINE + " must be at least " + CONNECT_TIMEOUT + " + "
                    + SOCKET_TIMEOUT + ", so one attempt fits in it");
        }
    }

    /**
     * Reads the settings by their MicroProfile Config names; with MicroProfile Config that is
     * {@code from(name -> config.getOptionalValue(name, String.class))}.
     *
     * @throws IllegalArgumentException naming the setting that is wrong (never its value when secret)
     */
    public static ObjectStoreSettings from(Function<String, Optional<String>> source) {
        Function<String, Optional<String>> values = name -> source.apply(name).map(String::strip)
                .filter(v -> !v.isEmpty());
        String endpoint = values.apply(ENDPOINT).orElse(null);
        String id = values.apply(ACCESS_KEY_ID).orElse(null);
        String secret = values.apply(ACCESS_KEY_SECRET).orElse(null);
        if (endpoint != null) {
            checkEndpoint(endpoint);
            if (id == null || secret == null) {
                throw new IllegalArgumentException(ACCESS_KEY_ID + " and " + ACCESS_KEY_SECRET
                        + " are required when " + ENDPOINT + " is set");
            }
        } else {
            id = id == null ? DEV_ACCESS_KEY_ID : id;
            secret = secret == null ? DEV_ACCESS_KEY_SECRET : secret;
        }
        String region = values.apply(REGION).orElseGet(() -> regionOf(endpoint)
                .orElseGet(() -> values.apply(SERVICE_REGION).orElse(DEFAULT_REGION)));
        SignatureVersion signature = values.apply(SIGNATURE).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "v4", "4" -> SignatureVersion.V4;
            case "v1", "1" -> SignatureVersion.V1;
            default -> throw new IllegalArgumentException(SIGNATURE + " must be v4 or v1");
        }).orElse(SignatureVersion.V4);
        boolean pathStyle = values.apply(PATH_STYLE).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException(PATH_STYLE + " must be true or false");
        }).orElse(false);
        Retry retry = new Retry(
                positiveInt(values, RETRY_MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS),
                Duration.ofMillis(positiveInt(values, RETRY_BASE_DELAY, DEFAULT_BASE_DELAY_MILLIS)),
                Duration.ofMillis(positiveInt(values, RETRY_MAX_DELAY, DEFAULT_MAX_DELAY_MILLIS)),
                seconds(values, RETRY_DEADLINE, DEFAULT_DEADLINE));
        return new ObjectStoreSettings(endpoint, id, secret, region, signature, pathStyle,
                seconds(values, CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT),
                seconds(values, SOCKET_TIMEOUT, DEFAULT_SOCKET_TIMEOUT),
                positiveInt(values, MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS), retry);
    }

    /** Reads the settings from environment variables ({@code MEDIAPURGE_OSS_ENDPOINT} and so on). */
    public static ObjectStoreSettings fromEnvironment(Map<String, String> environment) {
        return from(name -> Optional.ofNullable(environment.get(environmentName(name))));
    }

    /** The environment variable MicroProfile Config maps to a setting name. */
    public static String environmentName(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Whether an external endpoint was configured (else the development endpoint is meant). */
    public boolean endpointConfigured() {
        return endpoint != null;
    }

    /** The same settings pointed at another endpoint, e.g. the running development endpoint. */
    public ObjectStoreSettings withEndpoint(String newEndpoint) {
        checkEndpoint(newEndpoint);
        return new ObjectStoreSettings(newEndpoint, accessKeyId, accessKeySecret, region, signature, pathStyle,
                connectTimeout, socketTimeout, maxConnections, retry);
    }

    /** The same settings with other timeouts and retries, for tests and benchmarks. */
    public ObjectStoreSettings withTimeouts(Duration connect, Duration socket, Retry newRetry) {
        return new ObjectStoreSettings(endpoint, accessKeyId, accessKeySecret, region, signature, pathStyle,
                connect, socket, maxConnections, newRetry);
    }

    /** The longest one attempt takes unless the endpoint trickles its answer: a stalled one ends at the socket timeout. */
    public Duration attemptLimit() {
        return connectTimeout.plus(socketTimeout);
    }

    @Override
    public String toString() {
        return "OSS " + (endpoint == null ? "(embedded development endpoint)" : endpoint)
                + " region " + region + ", signature " + signature + (pathStyle ? ", path style" : "")
                + ", access key id " + accessKeyId + ", connect/socket timeout " + connectTimeout.toMillis() + "/"
                + socketTimeout.toMillis() + " ms, " + retry.maxAttempts() + " attempts within "
                + retry.deadline().toMillis() + " ms";
    }

    private static void checkEndpoint(String endpoint) {
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENDPOINT + " is not a URL");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http")
                || uri.getScheme().equalsIgnoreCase("https")) || uri.getHost() == null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException(ENDPOINT + " must be an http or https URL with a host and no user");
        }
    }

    private static Optional<String> regionOf(String endpoint) {
        if (endpoint == null) {
            return Optional.empty();
        }
        String host = URI.create(endpoint).getHost().toLowerCase(Locale.ROOT);
        Matcher m = ALIYUN_HOST.matcher(host);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static int positiveInt(Function<String, Optional<String>> values, String name, int defaultValue) {
        return values.apply(name).map(v -> {
            try {
                int n = Integer.parseInt(v);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below with the setting's name
            }
            throw new IllegalArgumentException(name + " must be a positive whole number");
        }).orElse(defaultValue);
    }

    private static Duration seconds(Function<String, Optional<String>> values, String name, String defaultValue) {
        String v = values.apply(name).orElse(defaultValue);
        try {
            BigDecimal s = new BigDecimal(v);
            if (s.signum() > 0) {
                return Duration.ofMillis(s.movePointRight(3).longValue());
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below with the setting's name
        }
        throw new IllegalArgumentException(name + " must be a positive number of seconds");
    }
}
