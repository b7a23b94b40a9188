package io.mediapurge.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.mediapurge.access.SeedFile;

/** The provisioning file docker/compose.yaml mounts into both instances is one MediaPurge accepts. */
class DockerSeedTest {

    @Test
    void theComposeStacksProvisioningFileIsValid() {
        SeedFile seed = SeedFile.read(Path.of("docker", "seed.json"));
        assertEquals(1, seed.accounts().size());
    }
}
