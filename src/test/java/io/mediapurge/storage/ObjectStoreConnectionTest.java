package io.mediapurge.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mediapurge.devservices.DemoContent;
import io.mediapurge.devservices.DevelopmentOssEndpoint;
import io.mediapurge.devservices.DevelopmentOssEndpointFixture;
import io.mediapurge.devservices.OssEndpoint;

/**
 * The two CDI beans wired by hand, as the container would: no endpoint configured starts the
 * development endpoint and points the gateway at it; a configured endpoint starts nothing.
 */
class ObjectStoreConnectionTest {

    @TempDir
    Path dataDir;

    @Test
    void withoutAnEndpointTheDevelopmentEndpointServesTheGateway() {
        Config config = DevelopmentOssEndpointFixture.config(Map.of("mediapurge.dev.oss.port", "0", "mediapurge.data.dir", dataDir.toString()));
        DevelopmentOssEndpoint development = DevelopmentOssEndpointFixture.started(config);
        ObjectStoreConnection connection = new ObjectStoreConnection();
        connection.config = config;
        connection.developmentEndpoint = development;
        try {
            assertTrue(development.url().isPresent());
            connection.open();
            OssGateway gateway = connection.gateway();
            assertEquals(development.url().get().toString(), gateway.settings().endpoint());
            assertEquals(OssEndpoint.DEV_ACCESS_KEY_ID, gateway.settings().accessKeyId());

            OssObject demo = new OssObject(DemoContent.MEDIA_BUCKET, "videos/2024/launch.mp4");
            assertTrue(gateway.exists(demo), "demo content seeded");
            assertTrue(gateway.delete(List.of(demo)).allDeleted());
            assertFalse(gateway.exists(demo));
            assertTrue(dataDir.resolve("oss").resolve(DemoContent.MEDIA_BUCKET).toFile().isDirectory(), "kept on disk");
        } finally {
            connection.close();
            DevelopmentOssEndpointFixture.stop(development);
        }
    }

    @Test
    void aConfiguredEndpointStartsNoDevelopmentEndpoint() {
        Config config = DevelopmentOssEndpointFixture.config(Map.of("mediapurge.oss.endpoint", "https://oss-cn-hangzhou.aliyuncs.com",
                "mediapurge.oss.access-key-id", "id", "mediapurge.oss.access-key-secret", "secret",
                "mediapurge.data.dir", dataDir.toString()));
        DevelopmentOssEndpoint development = DevelopmentOssEndpointFixture.started(config);
        assertEquals(Optional.empty(), development.url());
        assertFalse(dataDir.resolve("oss").toFile().exists());

        ObjectStoreConnection connection = new ObjectStoreConnection();
        connection.config = config;
        connection.developmentEndpoint = development;
        connection.open();
        try {
            assertEquals("https://oss-cn-hangzhou.aliyuncs.com", connection.gateway().settings().endpoint());
        } finally {
            connection.close();
        }
    }
}
