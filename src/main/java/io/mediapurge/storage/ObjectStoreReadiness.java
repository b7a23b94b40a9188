package io.mediapurge.storage;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.mediapurge.startup.StartupFailure;

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
        // Probed while deploying, asking for the connection would race the startup that builds it.
        boolean up = StartupFailure.started() && connection.gateway().answers();
        return HealthCheckResponse.named("object-store").status(up).build();
    }
}
