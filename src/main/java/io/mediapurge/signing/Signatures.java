package io.mediapurge.signing;

import java.time.Clock;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The signature check of both doors, over the database's access keys and nonces. */
@ApplicationScoped
public class Signatures {

    @Inject
    AccessKeyDirectory keys;

    @Inject
    NonceRegistry nonces;

    private SignatureVerifier verifier;

    @PostConstruct
    void init() {
        verifier = new SignatureVerifier(keys, nonces, Clock.systemUTC());
    }

    public SignatureVerifier verifier() {
        return verifier;
    }
}
