package io.mediapurge.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mediapurge.storage.ObjectStoreSettings.SignatureVersion;

/** What an operator gets from the OSS environment variables, and what is refused. */
class ObjectStoreSettingsTest {

    @Test
    void nothingSetMeansTheDevelopmentEndpointWithShortTimeouts() {
        ObjectStoreSettings s = ObjectStoreSettings.fromEnvironment(Map.of());
        assertFalse(s.endpointConfigured());
        assertNull(s.endpoint());
        assertEquals("mediapurge-dev", s.accessKeyId());
        assertEquals("mediapurge-dev-secret", s.accessKeySecret());
        assertEquals(SignatureVersion.V4, s.signature());
        assertEquals("cn-shanghai", s.region(), "the service region, MEDIAPURGE_REGION's default");
        assertEquals("cn-beijing", ObjectStoreSettings.fromEnvironment(Map.of("MEDIAPURGE_REGION", "cn-beijing")).region());
        assertFalse(s.pathStyle());
        assertEquals(Duration.ofSeconds(3), s.connectTimeout());
        assertEquals(Duration.ofSeconds(10), s.socketTimeout());
        assertEquals(new ObjectStoreSettings.Retry(4, Duration.ofMillis(200), Duration.ofMillis(3000),
                Duration.ofSeconds(30)), s.retry());
    }

    @Test
    void realOssFromTheEnvironment() {
        ObjectStoreSettings s = ObjectStoreSettings.fromEnvironment(Map.of(
                "MEDIAPURGE_OSS_ENDPOINT", "https://oss-cn-shenzhen-internal.aliyuncs.com",
                "MEDIAPURGE_OSS_ACCESS_KEY_ID", "LTAI-example",
                "MEDIAPURGE_OSS_ACCESS_KEY_SECRET", "very-secret-value",
                "MEDIAPURGE_OSS_SIGNATURE", "v1",
                "MEDIAPURGE_OSS_PATH_STYLE", "true",
                "MEDIAPURGE_OSS_CONNECT_TIMEOUT_SECONDS", "1.5",
                "MEDIAPURGE_OSS_SOCKET_TIMEOUT_SECONDS", "4",
                "MEDIAPURGE_OSS_RETRY_MAX_ATTEMPTS", "6",
                "MEDIAPURGE_OSS_RETRY_DEADLINE_SECONDS", "12"));
        assertTrue(s.endpointConfigured());
        assertEquals("cn-shenzhen", s.region(), "taken from the endpoint host");
        assertEquals(SignatureVersion.V1, s.signature());
        assertTrue(s.pathStyle());
        assertEquals(Duration.ofMillis(1500), s.connectTimeout());
        assertEquals(Duration.ofMillis(5500), s.attemptLimit());
        assertEquals(6, s.retry().maxAttempts());
        assertEquals(Duration.ofSeconds(12), s.retry().deadline());
        assertFalse(s.toString().contains("very-secret-value"), s.toString());
        assertTrue(s.toString().contains("LTAI-example"));
    }

    @Test
    void microProfileConfigNamesMapToTheEnvironmentNames() {
        assertEquals("MEDIAPURGE_OSS_ACCESS_KEY_SECRET",
                ObjectStoreSettings.environmentName(ObjectStoreSettings.ACCESS_KEY_SECRET));
        assertEquals("MEDIAPURGE_OSS_RETRY_MAX_ATTEMPTS",
                ObjectStoreSettings.environmentName(ObjectStoreSettings.RETRY_MAX_ATTEMPTS));
        ObjectStoreSettings.SETTINGS.forEach(setting ->
                assertTrue(setting.environmentName().startsWith("MEDIAPURGE_OSS_"), setting.name()));
    }

    @Test
    void anEndpointWithoutCredentialsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                ObjectStoreSettings.fromEnvironment(Map.of("MEDIAPURGE_OSS_ENDPOINT", "https://oss-cn-hangzhou.aliyuncs.com")));
        assertTrue(e.getMessage().contains("mediapurge.oss.access-key-id"));
    }

    @Test
    void badValuesAreRefusedByName() {
        Map<String, String> base = Map.of("MEDIAPURGE_OSS_ENDPOINT", "https://oss-cn-hangzhou.aliyuncs.com",
                "MEDIAPURGE_OSS_ACCESS_KEY_ID", "id", "MEDIAPURGE_OSS_ACCESS_KEY_SECRET", "s3cr3t");
        for (Map.Entry<String, String> bad : Map.of(
                "MEDIAPURGE_OSS_SIGNATURE", "v2",
                "MEDIAPURGE_OSS_PATH_STYLE", "maybe",
                "MEDIAPURGE_OSS_CONNECT_TIMEOUT_SECONDS", "-1",
                "MEDIAPURGE_OSS_SOCKET_TIMEOUT_SECONDS", "ten",
                "MEDIAPURGE_OSS_RETRY_MAX_ATTEMPTS", "0",
                "MEDIAPURGE_OSS_RETRY_DEADLINE_SECONDS", "5",
                "MEDIAPURGE_OSS_ENDPOINT", "file:///etc").entrySet()) {
            Map<String, String> env = new java.util.HashMap<>(base);
            env.put(bad.getKey(), bad.getValue());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ObjectStoreSettings.fromEnvironment(env), bad.getKey());
            String name = bad.getKey().equals("MEDIAPURGE_OSS_RETRY_DEADLINE_SECONDS")
                    ? ObjectStoreSettings.RETRY_DEADLINE : null;
            assertTrue(e.getMessage().startsWith("mediapurge.oss.") || e.getMessage().contains(String.valueOf(name)),
                    e.getMessage());
            assertFalse(e.getMessage().contains("s3cr3t"));
        }
    }

    @Test
    void theDevelopmentEndpointIsFilledInLater() {
        ObjectStoreSettings s = ObjectStoreSettings.fromEnvironment(Map.of()).withEndpoint("http://127.0.0.1:9199");
        assertTrue(s.endpointConfigured());
        assertEquals("http://127.0.0.1:9199", s.endpoint());
    }
}
