package io.mediapurge.access;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mediapurge.startup.StartupFailure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Where the master key comes from: {@code MEDIAPURGE_MASTER_KEY}, else a key generated once into
 * {@code master.key} under the data directory (a development default: whoever can read the data
 * directory can read the secrets). A malformed key stops the startup naming the setting.
 */
@ApplicationScoped
public class MasterKeyConfiguration {

    static final String KEY_FILE = "master.key";
    private static final Logger LOG = Logger.getLogger(MasterKeyConfiguration.class.getName());

    @Inject
    @ConfigProperty(name = "mediapurge.master.key")
    Optional<String> configuredKey;

    @Inject
    @ConfigProperty(name = "mediapurge.data.dir", defaultValue = "./data")
    String dataDir;

    @Produces
    @Singleton
    SecretCipher secretCipher() {
        return new SecretCipher(masterKey());
    }

    private MasterKey masterKey() {
        if (configuredKey.isPresent() && !configuredKey.get().isBlank()) {
            try {
                MasterKey key = MasterKey.fromBase64(configuredKey.get(), "MEDIAPURGE_MASTER_KEY");
                LOG.info("Master key for access key secrets: MEDIAPURGE_MASTER_KEY (fingerprint " + key.fingerprint() + ")");
                return key;
            } catch (IllegalArgumentException e) {
                throw StartupFailure.refuse(e.getMessage(), null);
            }
        }
        Path file = Path.of(dataDir).toAbsolutePath().normalize().resolve(KEY_FILE);
        try {
            MasterKey.FromFile fromFile = MasterKey.readOrGenerate(file);
            LOG.info("Master key for access key secrets: " + file + (fromFile.generated() ? " (generated now)" : "")
                    + ", fingerprint " + fromFile.key().fingerprint()
                    + " (development default; set MEDIAPURGE_MASTER_KEY in production)");
            return fromFile.key();
        } catch (IllegalArgumentException e) {
            throw StartupFailure.refuse(e.getMessage() + "; restore it or set MEDIAPURGE_MASTER_KEY", null);
        } catch (IOException | RuntimeException e) {
            throw StartupFailure.refuse("MEDIAPURGE_MASTER_KEY is not set and the development key file " + file
                    + " cannot be read or created: " + StartupFailure.rootMessage(e), e);
        }
    }
}
