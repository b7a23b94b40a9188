package io.mediapurge.access;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Accounts, RAM users, their policies and access keys, and bucket grants, changed at run time
 * (the console's Access page). Values are checked by the provisioning file's rules and policies
 * by {@link PolicyDocument#parse}, the same parser the file and evaluation use. No server caches
 * keys: a signature reads its key, an API call its caller's policies, from the database, so a
 * change is in force on every server sharing it as soon as it commits (a running purge re-reads
 * its requester's policies within seconds).
 */
@ApplicationScoped
public class AccessAdmin {

    public record AccountRow(String uid, String name, long users) {
    }

    public record UserRow(long id, String name, boolean root, long keys, long policies) {
    }

    public record KeyRow(String accessKeyId, boolean active, OffsetDateTime createdAt) {
    }

    /** A key just made: its secret is in this answer and nowhere else, ever. */
    public record NewKey(String accessKeyId, String secret) {
        @Override
        public String toString() {
            return "NewKey[accessKeyId=" + accessKeyId + ", secret=***]";
        }
    }

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Inject
    SecretCipher cipher;

    @Transactional
    public List<AccountRow> accounts() {
        List<AccountRow> rows = new ArrayList<>();
        for (Object[] r : em.createQuery("SELECT a.uid, a.name, (SELECT COUNT(u) FROM RamUser u WHERE u.account = a) FROM Account a"
                + " ORDER BY a.uid", Object[].class).getResultList()) {
            rows.add(new AccountRow((String) r[0], (String) r[1], ((Number) r[2]).longValue()));
        }
        return rows;
    }

    /** A new account with its root user (named root), as the provisioning file would create it. */
    @Transactional
    public void createAccount(String uid, String name) {
        if (uid == null || !Principal.isAccountUid(uid)) {
            throw new InvalidAccessChange("Account UID: must be 16 digits.");
        }
        if (name == null || name.isBlank() || name.length() > SeedSchema.MAX_ACCOUNT_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidAccessChange("Account name: must be 1 to " + SeedSchema.MAX_ACCOUNT_NAME + " characters, not blank.");
        }
        if (em.find(Account.class, uid) != null) {
            throw new InvalidAccessChange("Account " + uid + " exists already.");
        }
        Account account = new Account(uid, name.strip());
        em.persist(account);
        em.persist(new RamUser(account, "root", true));
    }

    /** A page of the account's users, root first, then by name. */
    @Transactional
    public List<UserRow> users(String accountUid, int first, int max) {
        List<UserRow> rows = new ArrayList<>();
        for (Object[] r : em.createQuery("SELECT u.id, u.name, u.root, (SELECT COUNT(k) FROM AccessKey k WHERE k.user = u),"
                + " (SELECT COUNT(p) FROM UserPolicy p WHERE p.user = u) FROM RamUser u WHERE u.account.uid = :uid"
                + " ORDER BY u.root DESC, u.name", Object[].class).setParameter("uid", accountUid)
                .setFirstResult(first).setMaxResults(max).getResultList()) {
            rows.add(new UserRow((Long) r[0], (String) r[1], (Boolean) r[2], ((Number) r[3]).longValue(), ((Number) r[4]).longValue()));
        }
        return rows;
    }

    @Transactional
    public long countUsers(String accountUid) {
        return em.createQuery("SELECT COUNT(u) FROM RamUser u WHERE u.account.uid = :uid", Long.class)
                .setParameter("uid", accountUid).getSingleResult();
    }

    /** Whether the user is its account's root user. */
    @Transactional
    public boolean isRoot(PrincipalRef ref) {
        return find(ref).map(RamUser::isRoot).orElse(false);
    }

    @Transactional
    public void createUser(String accountUid, String name) {
        Account account = account(accountUid);
        if (name == null || !PrincipalRef.USER_NAME.matcher(name).matches()) {
            throw new InvalidAccessChange("User name: must be 1 to 64 letters, digits, '.', '_', '@' or '-'.");
        }
        if (find(new PrincipalRef(accountUid, name)).isPresent()) {
            throw new InvalidAccessChange("User " + name + " exists already in account " + accountUid + ".");
        }
        em.persist(new RamUser(account, name, false));
    }

    /** The user's policy documents in order, as stored. */
    @Transactional
    public List<String> policies(PrincipalRef user) {
        return em.createQuery("SELECT p.document FROM UserPolicy p WHERE p.user = :user ORDER BY p.position", String.class)
                .setParameter("user", user(user)).getResultList();
    }

    /**
     * Replaces the user's policy list; every document is checked first, and the first fault is
     * refused with its path, e.g. {@code policies[1].Statement[0].Effect}: then nothing is saved.
     * Returns whether anything changed.
     */
    @Transactional
    public boolean replacePolicies(PrincipalRef ref, List<String> documents) {
        RamUser user = user(ref);
        if (user.isRoot() && !documents.isEmpty()) {
            throw new InvalidAccessChange("policies: a root user takes no policies; it may do everything in its account.");
        }
        List<String> checked = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            try {
                PolicyDocument.parse(documents.get(i));
            } catch (MalformedPolicy e) {
                String path = "policies[" + i + "]" + (e.path().isEmpty() ? "" : "." + e.path());
                throw new InvalidAccessChange(path + ": " + e.problem() + ".");
            }
            checked.add(documents.get(i));
        }
        return UserPolicies.replace(em, user, checked).any();
    }

    @Transactional
    public List<KeyRow> keys(PrincipalRef user) {
        List<KeyRow> rows = new ArrayList<>();
        for (AccessKey k : em.createQuery("SELECT k FROM AccessKey k WHERE k.user = :user ORDER BY k.createdAt, k.accessKeyId",
                AccessKey.class).setParameter("user", user(user)).getResultList()) {
            rows.add(new KeyRow(k.getAccessKeyId(), k.isActive(), k.getCreatedAt()));
        }
        return rows;
    }

    /** A new active key for the user; its secret is stored encrypted and answered this once. */
    @Transactional
    public NewKey createKey(PrincipalRef ref) {
        RamUser user = user(ref);
        String id = GeneratedKeys.accessKeyId();
        String secret = GeneratedKeys.secret();
        em.persist(new AccessKey(id, user, cipher.encrypt(id, secret)));
        return new NewKey(id, secret);
    }

    /** Activates or deactivates a key of {@code owner}; returns whether it changed. */
    @Transactional
    public boolean setKeyActive(PrincipalRef owner, String accessKeyId, boolean active) {
        AccessKey key = key(owner, accessKeyId);
        if (key.isActive() == active) {
            return false;
        }
        key.setActive(active);
        return true;
    }

    @Transactional
    public void deleteKey(PrincipalRef owner, String accessKeyId) {
        AccessKey key = key(owner, accessKeyId);
        em.createQuery("DELETE FROM AccessKey k WHERE k.accessKeyId = :id").setParameter("id", key.getAccessKeyId()).executeUpdate();
        // Nonces of a deleted key can never be used again; they expire with the window anyway.
    }

    @Transactional
    public List<String> grants(String accountUid) {
        return em.createQuery("SELECT g.bucket FROM BucketGrant g WHERE g.accountUid = :uid ORDER BY g.bucket", String.class)
                .setParameter("uid", accountUid).getResultList();
    }

    @Transactional
    public void grant(String accountUid, String bucket) {
        account(accountUid);
        if (bucket == null || !SeedSchema.OSS_BUCKET.matcher(bucket).matches()) {
            throw new InvalidAccessChange("Bucket: must be an OSS bucket name, 3 to 63 lowercase letters, digits and hyphens,"
                    + " starting and ending with a letter or digit.");
        }
        if (grants(accountUid).contains(bucket)) {
            throw new InvalidAccessChange("Bucket " + bucket + " is granted already.");
        }
        em.persist(new BucketGrant(accountUid, bucket));
    }

    @Transactional
    public void withdraw(String accountUid, String bucket) {
        int removed = em.createQuery("DELETE FROM BucketGrant g WHERE g.accountUid = :uid AND g.bucket = :bucket")
                .setParameter("uid", accountUid).setParameter("bucket", bucket).executeUpdate();
        if (removed == 0) {
            throw new InvalidAccessChange("Bucket " + bucket + " is not granted by account " + accountUid + ".");
        }
    }

    private Account account(String uid) {
        Account account = uid == null ? null : em.find(Account.class, uid);
        if (account == null) {
            throw new InvalidAccessChange("There is no account " + uid + ".");
        }
        return account;
    }

    private Optional<RamUser> find(PrincipalRef ref) {
        return em.createQuery("SELECT u FROM RamUser u WHERE u.account.uid = :uid AND u.name = :name", RamUser.class)
                .setParameter("uid", ref.accountUid()).setParameter("name", ref.userName()).getResultStream().findFirst();
    }

    private RamUser user(PrincipalRef ref) {
        return find(ref).orElseThrow(() -> new InvalidAccessChange("There is no user " + ref + "."));
    }

    private AccessKey key(PrincipalRef owner, String accessKeyId) {
        AccessKey key = accessKeyId == null ? null : em.find(AccessKey.class, accessKeyId);
        if (key == null || !key.getUser().getName().equals(owner.userName())
                || !key.getUser().getAccount().getUid().equals(owner.accountUid())) {
            throw new InvalidAccessChange("User " + owner + " has no access key " + accessKeyId + ".");
        }
        return key;
    }
}
