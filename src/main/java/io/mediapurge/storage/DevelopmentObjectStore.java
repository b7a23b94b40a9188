package io.mediapurge.storage;

import java.net.URI;
import java.util.Optional;

/**
 * An OSS-compatible endpoint this process starts itself when no endpoint is configured (the
 * embedded development endpoint). It is plugged in from outside this package, so the gateway
 * never depends on development code: a production build could leave it out.
 */
public interface DevelopmentObjectStore {

    /** Where it listens; empty when it is not running (an endpoint is configured). */
    Optional<URI> url();
}
