package io.mediapurge.access;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Finds an access key by its AccessKeyId, with its secret decrypted and its owner. Read from the
 * database on every call, so a key deactivated on any instance is refused at once everywhere.
 */
@ApplicationScoped
public class AccessKeyLookup {

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Inject
    SecretCipher cipher;

    /**
     * The key, active or not; empty when there is none. A stored secret this server cannot
     * decrypt (another master key, damage) is a {@link SecretNotDecryptable}, not an absent key.
     */
    public Optional<StoredAccessKey> find(String accessKeyId) {
        if (accessKeyId == null || accessKeyId.isEmpty() || accessKeyId.length() > 64) {
            return Optional.empty(); // longer than the column: no such key, and no query for it
        }
        List<Object[]> rows = em.createQuery("SELECT k.secretCiphertext, k.active, a.uid, u.name FROM AccessKey k"
                + " JOIN k.user u JOIN u.account a WHERE k.accessKeyId = :id", Object[].class)
                .setParameter("id", accessKeyId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        String secret = cipher.decrypt(accessKeyId, (String) row[0]);
        return Optional.of(new StoredAccessKey(accessKeyId, secret, (Boolean) row[1],
                new PrincipalRef((String) row[2], (String) row[3])));
    }
}
