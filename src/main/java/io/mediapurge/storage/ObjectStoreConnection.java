package io.mediapurge.storage;

import java.util.logging.Logger;

import org.eclipse.microprofile.config.Config;

import io.mediapurge.startup.StartupFailure;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The application's one {@link OssGateway}, built at deployment from MicroProfile Config
 * ({@code mediapurge.oss.*}) and closed at shutdown. Without a configured endpoint it points at
 * the embedded development endpoint. Settings that make no sense stop the deployment.
 */
@ApplicationScoped
public class ObjectStoreConnection {

    private static final Logger LOG = Logger.getLogger(ObjectStoreConnection.class.getName());

    @Inject
    Config config;

    @Inject
    DevelopmentObjectStore developmentEndpoint;

    private OssGateway gateway;

    /** Builds the gateway during deployment rather than at first use, so bad settings show at once. */
    void openAtStartup(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        gateway();
    }

    @PostConstruct
    void open() {
        ObjectStoreSettings settings;
        try {
            settings = ObjectStoreSettings.from(name -> config.getOptionalValue(name, String.class));
        } catch (IllegalArgumentException e) {
            throw StartupFailure.refuse("invalid OSS settings: " + e.getMessage(), e);
        }
        if (!settings.endpointConfigured()) {
            settings = settings.withEndpoint(developmentEndpoint.url()
                    .orElseThrow(() -> StartupFailure.refuse("no OSS endpoint configured and the development "
                            + "endpoint is not running", null))
                    .toString());
        }
        gateway = new OssGateway(settings);
        LOG.info("MediaPurge object store: " + settings);
    }

    @PreDestroy
    void close() {
        if (gateway != null) {
            gateway.close();
        }
    }

    public OssGateway gateway() {
        return gateway;
    }
}
