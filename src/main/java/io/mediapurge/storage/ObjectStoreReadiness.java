package io.mediapurge.storage;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Ready only while OSS answers and accepts the service's credentials: deletions would fail otherwise. */
@Readiness
@ApplicationScoped
public class ObjectStoreReadiness implements HealthCheck {

    @Inject
    ObjectStoreConnection connection;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("object-store").status(connection.gateway().answers()).build();
    }
}
