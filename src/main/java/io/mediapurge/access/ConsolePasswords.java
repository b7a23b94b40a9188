package io.mediapurge.access;

import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

/** Console passwords as stored in {@code console_user}: PBKDF2 hashes that record their own parameters. */
@ApplicationScoped
public class ConsolePasswords {

    // OWASP's 2023 figure for PBKDF2-HMAC-SHA256 is 600,000; 210,000 keeps a console login at 0.05-0.2 s on a
    // busy 2-core machine (measured). The hash records its iterations, so raising this later needs no migration.
    public static final Map<String, String> PARAMETERS = Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
            "Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "32");

    @Inject
    Pbkdf2PasswordHash hash;

    /** Verified against for an unknown username, so that answering it costs as long as a wrong password. */
    private String decoy;

    @PostConstruct
    void init() {
        hash.initialize(PARAMETERS);
        decoy = hash.generate("no such console user".toCharArray());
    }

    public String hash(char[] password) {
        return hash.generate(password);
    }

    /** True when {@code password} is the one {@code stored} was made from; a hash this server cannot read never matches. */
    public boolean matches(char[] password, String stored) {
        try {
            return hash.verify(password, stored == null ? decoy : stored) && stored != null;
        } catch (RuntimeException unreadable) {
            return false;
        }
    }
}
