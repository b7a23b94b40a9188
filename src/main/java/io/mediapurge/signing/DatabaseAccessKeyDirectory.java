package io.mediapurge.signing;

import java.util.Optional;

import io.mediapurge.access.AccessKeyLookup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The access keys in the application's database, as the signature layer needs them. Not cached:
 * one primary-key read per request, and a key deactivated anywhere is refused at once.
 */
@ApplicationScoped
public class DatabaseAccessKeyDirectory implements AccessKeyDirectory {

    @Inject
    AccessKeyLookup keys;

    /** {@inheritDoc} A secret this server cannot decrypt is an {@code io.mediapurge.access.SecretNotDecryptable}. */
    @Override
    public Optional<AccessKeySecret> find(String accessKeyId) {
        return keys.find(accessKeyId).map(k -> new AccessKeySecret(k.secret(), k.active(), k.owner().toString()));
    }
}
