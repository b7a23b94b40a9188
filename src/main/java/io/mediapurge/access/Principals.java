package io.mediapurge.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Loads principals by reference ({@code UID/USER_NAME}) with their attached policies parsed, in
 * bulk: two queries for any number of references (users, then their policies).
 */
@ApplicationScoped
public class Principals {

    /** IN lists stay well below every database's parameter limit. */
    static final int QUERY_BATCH = 500;

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    /** The RAM user a principal is, as an entity of the caller's transaction (e.g. a submission's requester). */
    public RamUser user(String accountUid, String userName) {
        return em.createQuery("SELECT u FROM RamUser u WHERE u.account.uid = :uid AND u.name = :name", RamUser.class)
                .setParameter("uid", accountUid).setParameter("name", userName)
                .getSingleResult();
    }

    /** The principal {@code principalRef} names, e.g. {@code 1000000000000001/ops}; empty when no such user exists. */
    public Optional<Principal> byRef(String principalRef) {
        return Optional.ofNullable(byRefs(List.of(principalRef)).get(principalRef));
    }

    /**
     * The principals of every reference that names an existing user, keyed by the reference as
     * given; malformed or unknown references are simply absent from the answer.
     */
    public Map<String, Principal> byRefs(Collection<String> principalRefs) {
        Map<PrincipalRef, String> wanted = new HashMap<>();
        for (String text : new LinkedHashSet<>(principalRefs)) {
            PrincipalRef.parse(text).ifPresent(ref -> wanted.put(ref, text));
        }
        Map<Long, PrincipalRef> userIds = new HashMap<>();
        Map<PrincipalRef, Boolean> rootFlags = new HashMap<>();
        List<PrincipalRef> refs = new ArrayList<>(wanted.keySet());
        for (int from = 0; from < refs.size(); from += QUERY_BATCH) {
            List<PrincipalRef> batch = refs.subList(from, Math.min(refs.size(), from + QUERY_BATCH));
            Set<String> uids = new LinkedHashSet<>();
            Set<String> names = new LinkedHashSet<>();
            batch.forEach(ref -> {
                uids.add(ref.accountUid());
                names.add(ref.userName());
            });
            // Accounts and names separately, then exact pairs here: JPQL has no portable tuple IN.
            for (Object[] row : em.createQuery("SELECT u.id, a.uid, u.name, u.root FROM RamUser u JOIN u.account a"
                    + " WHERE a.uid IN :uids AND u.name IN :names", Object[].class)
                    .setParameter("uids", uids).setParameter("names", names).getResultList()) {
                PrincipalRef ref = new PrincipalRef((String) row[1], (String) row[2]);
                if (wanted.containsKey(ref)) {
                    userIds.put((Long) row[0], ref);
                    rootFlags.put(ref, (Boolean) row[3]);
                }
            }
        }
        Map<Long, List<AttachedPolicy>> policies = policiesOf(userIds);
        Map<String, Principal> principals = new HashMap<>();
        userIds.forEach((id, ref) -> {
            Principal principal = rootFlags.get(ref)
                    ? new Principal(ref.accountUid(), ref.userName(), true, true, List.of()) // root: everything on its account, no policies
                    : Principal.ramUser(ref.accountUid(), ref.userName(), policies.getOrDefault(id, List.of()));
            principals.put(wanted.get(ref), principal);
        });
        return principals;
    }

    private Map<Long, List<AttachedPolicy>> policiesOf(Map<Long, PrincipalRef> users) {
        Map<Long, List<AttachedPolicy>> policies = new HashMap<>();
        List<Long> ids = new ArrayList<>(users.keySet());
        for (int from = 0; from < ids.size(); from += QUERY_BATCH) {
            List<Long> batch = ids.subList(from, Math.min(ids.size(), from + QUERY_BATCH));
            for (Object[] row : em.createQuery("SELECT p.user.id, p.position, p.document FROM UserPolicy p"
                    + " WHERE p.user.id IN :ids ORDER BY p.user.id, p.position", Object[].class)
                    .setParameter("ids", batch).getResultList()) {
                Long userId = (Long) row[0];
                String name = "policies[" + row[1] + "]";
                PolicyDocument document;
                try {
                    document = PolicyDocument.parse((String) row[2]);
                } catch (MalformedPolicy e) {
                    // Checked on save; a stored document that fails now was edited behind our back.
                    throw new IllegalStateException("the stored policy " + users.get(userId) + " " + name
                            + " is not a valid policy: " + e.getMessage(), e);
                }
                policies.computeIfAbsent(userId, k -> new ArrayList<>()).add(new AttachedPolicy(name, document));
            }
        }
        return policies;
    }
}
