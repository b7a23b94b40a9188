package io.mediapurge.access;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import io.mediapurge.startup.StartupFailure;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Whether this server's master key is the one that encrypted the stored access key secrets. */
@Dependent
class MasterKeyCheck {

    private static final Logger LOG = Logger.getLogger(MasterKeyCheck.class.getName());
    private static final int MASTER_KEY_SAMPLE = 1000;

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Inject
    SecretCipher cipher;

    /**
     * A server started with another master key than the one that encrypted the stored secrets
     * would refuse every signed request; it refuses to start instead, naming the setting.
     */
    void refuseForeignMasterKey() {
        List<Object[]> keys = em.createQuery("SELECT k.accessKeyId, k.secretCiphertext FROM AccessKey k ORDER BY k.accessKeyId",
                Object[].class).setMaxResults(MASTER_KEY_SAMPLE).getResultList();
        List<String> foreign = new ArrayList<>();
        Set<String> foreignFingerprints = new HashSet<>();
        int ours = 0;
        for (Object[] key : keys) {
            Optional<String> fingerprint = SecretCipher.fingerprintOf((String) key[1]);
            if (fingerprint.isEmpty()) {
                continue;
            }
            if (fingerprint.get().equals(cipher.masterKeyFingerprint())) {
                ours++;
            } else {
                foreign.add((String) key[0]);
                foreignFingerprints.add(fingerprint.get());
            }
        }
        if (!foreign.isEmpty() && ours == 0) {
            throw StartupFailure.refuse("the access key secrets in the database were encrypted with master key "
                    + String.join(", ", foreignFingerprints) + ", not with this server's master key "
                    + cipher.masterKeyFingerprint() + "; set MEDIAPURGE_MASTER_KEY to the key they were encrypted with", null);
        }
        if (!foreign.isEmpty()) {
            LOG.warning(foreign.size() + " access keys were encrypted with another master key than this server's ("
                    + cipher.masterKeyFingerprint() + ") and cannot sign requests here, e.g. "
                    + String.join(", ", foreign.subList(0, Math.min(5, foreign.size()))));
        }
    }
}
