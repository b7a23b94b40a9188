package io.mediapurge.registry;

import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mediapurge.startup.StartupFailure;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The region this service stands for ({@code MEDIAPURGE_REGION}): assets registered here live in
 * it, {@code oss://} URLs resolve to it and resource names ({@code acs:ice:REGION:...}) carry it.
 */
@ApplicationScoped
public class ServiceRegion {

    private static final Pattern REGION_ID = Pattern.compile("[a-z]{2,}(-[a-z0-9]+)+");

    @Inject
    @ConfigProperty(name = "mediapurge.region", defaultValue = "cn-shanghai")
    String id;

    @PostConstruct
    void check() {
        if (!REGION_ID.matcher(id).matches()) {
            throw StartupFailure.refuse("MEDIAPURGE_REGION='" + id.replaceAll("\\p{Cntrl}", "?")
                    + "' is not a region ID such as cn-shanghai", null);
        }
    }

    public String id() {
        return id;
    }
}
