package io.mediapurge.access;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

/** A RAM user's policy list replaced whole, position by position: how the provisioning file and the console both save it. */
final class UserPolicies {

    /** Rows created, and rows changed or removed. */
    record Changes(int created, int updated) {
        boolean any() {
            return created + updated > 0;
        }
    }

    private UserPolicies() {
    }

    /** The user's policy list becomes {@code documents} (already checked); rows past its end are removed. */
    static Changes replace(EntityManager em, RamUser user, List<String> documents) {
        List<UserPolicy> stored = em.createQuery(
                "SELECT p FROM UserPolicy p WHERE p.user = :user ORDER BY p.position", UserPolicy.class)
                .setParameter("user", user).getResultList();
        Map<Integer, UserPolicy> byPosition = new HashMap<>();
        stored.forEach(p -> byPosition.put(p.getPosition(), p));
        int created = 0;
        int updated = 0;
        for (int position = 0; position < documents.size(); position++) {
            UserPolicy policy = byPosition.remove(position);
            if (policy == null) {
                em.persist(new UserPolicy(user, position, documents.get(position)));
                created++;
            } else if (!policy.getDocument().equals(documents.get(position))) {
                policy.replaceDocument(documents.get(position));
                updated++;
            }
        }
        for (UserPolicy beyond : byPosition.values()) {
            em.remove(beyond);
            updated++;
        }
        // Written now: the same transaction (a check right after saving) reads the new list.
        em.flush();
        return new Changes(created, updated);
    }
}
