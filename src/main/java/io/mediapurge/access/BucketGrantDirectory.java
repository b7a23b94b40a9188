package io.mediapurge.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The buckets accounts have authorised the service on, for many accounts in one query. */
@ApplicationScoped
public class BucketGrantDirectory {

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    /** The grants of one account; none when it granted nothing (or does not exist). */
    public BucketGrants forAccount(String accountUid) {
        BucketGrants grants = forAccounts(List.of(accountUid)).get(accountUid);
        return grants != null ? grants : BucketGrants.none(accountUid); // refuses a malformed UID
    }

    /** The grants of every well-formed UID given, {@link BucketGrants#none} for those that granted nothing. */
    public Map<String, BucketGrants> forAccounts(Collection<String> accountUids) {
        List<String> uids = accountUids.stream().filter(Principal::isAccountUid).distinct().toList();
        Map<String, List<String>> buckets = new HashMap<>();
        for (int from = 0; from < uids.size(); from += Principals.QUERY_BATCH) {
            List<String> batch = uids.subList(from, Math.min(uids.size(), from + Principals.QUERY_BATCH));
            for (Object[] row : em.createQuery("SELECT g.accountUid, g.bucket FROM BucketGrant g WHERE g.accountUid IN :uids",
                    Object[].class).setParameter("uids", batch).getResultList()) {
                buckets.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add((String) row[1]);
            }
        }
        Map<String, BucketGrants> grants = new HashMap<>();
        for (String uid : new LinkedHashSet<>(uids)) {
            grants.put(uid, new BucketGrants(uid, buckets.getOrDefault(uid, List.of())));
        }
        return grants;
    }
}
