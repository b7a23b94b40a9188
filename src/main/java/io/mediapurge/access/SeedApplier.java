package io.mediapurge.access;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mediapurge.access.SeedFile.AccessKeyEntry;
import io.mediapurge.access.SeedFile.AccountEntry;
import io.mediapurge.access.SeedFile.ConsoleUserEntry;
import io.mediapurge.access.SeedFile.UserEntry;
import io.mediapurge.access.SeedSummary.Kind;
import io.mediapurge.database.Database;
import io.mediapurge.startup.StartupFailure;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The identities startup step, after the schema migration and before the startup report: checks
 * that the master key fits the stored secrets, then applies the provisioning file
 * ({@code MEDIAPURGE_SEED}) in one transaction, or on an empty embedded database creates the demo
 * account. Applying is idempotent: it creates what is missing and updates what differs (names,
 * secrets, active flags, policy lists, console passwords, roles and identities), adds missing
 * bucket grants, and never deletes an account, user, key, grant or console user.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class SeedApplier {

    static final String DEMO_ACCOUNT_UID = "1000000000000001";
    static final String DEMO_ACCOUNT_NAME = "demo";
    static final String DEMO_ROOT_USER = "root";
    /** The buckets the embedded OSS endpoint of a local run creates (see devservices.DemoContent). */
    static final List<String> DEMO_BUCKETS = List.of("mediapurge-demo", "mediapurge-demo-archive");

    private static final Map<String, String> PASSWORD_HASH_PARAMETERS = ConsolePasswords.PARAMETERS;
    private static final Logger LOG = Logger.getLogger(SeedApplier.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int MASTER_KEY_SAMPLE = 1000;

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    SecretCipher cipher;

    @Inject
    Pbkdf2PasswordHash passwordHash;

    @Inject
    @ConfigProperty(name = "mediapurge.seed")
    Optional<String> seedSetting;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED) // the whole startup step is one transaction
    void applyAtStartup() {
        passwordHash.initialize(PASSWORD_HASH_PARAMETERS);
        Database.Description database = Database.describe(dataSource);
        if (!database.embedded()) {
            // Instances starting together on one PostgreSQL apply the same file one after the other.
            em.createNativeQuery("LOCK TABLE account IN SHARE ROW EXCLUSIVE MODE").executeUpdate();
        }
        checkMasterKeyFitsStoredSecrets();
        Optional<String> seed = seedSetting.map(String::strip).filter(s -> !s.isEmpty());
        if (seed.isPresent()) {
            applySeedFile(seedPath(seed.get()));
        } else if (noAccounts()) {
            if (database.embedded()) {
                createDemoAccount();
            } else {
                LOG.info("No accounts are provisioned yet; set MEDIAPURGE_SEED to a provisioning file to create them");
            }
        }
    }

    private static Path seedPath(String setting) {
        try {
            return Path.of(setting).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw StartupFailure.refuse("MEDIAPURGE_SEED='" + setting.replaceAll("\\p{Cntrl}", "?")
                    + "' is not a usable path: " + e.getReason(), null);
        }
    }

    private void applySeedFile(Path file) {
        try {
            SeedSummary summary = apply(SeedFile.read(file));
            LOG.info("Provisioning file " + file + " applied: " + summary);
        } catch (MalformedSeed e) {
            throw StartupFailure.refuse("MEDIAPURGE_SEED=" + file + ": " + e.getMessage(), null);
        }
    }

    /**
     * Makes the database hold everything {@code seed} declares, in the caller's transaction (one
     * of its own when called from outside): nothing of a file that fails is applied.
     */
    public SeedSummary apply(SeedFile seed) {
        SeedSummary summary = new SeedSummary();
        for (int i = 0; i < seed.accounts().size(); i++) {
            applyAccount(seed.accounts().get(i), "accounts[" + i + "]", summary);
        }
        for (int i = 0; i < seed.consoleUsers().size(); i++) {
            applyConsoleUser(seed.consoleUsers().get(i), "consoleUsers[" + i + "]", summary);
        }
        em.flush();
        return summary;
    }

    private void applyAccount(AccountEntry entry, String path, SeedSummary summary) {
        Account account = em.find(Account.class, entry.uid());
        if (account == null) {
            account = new Account(entry.uid(), entry.name());
            em.persist(account);
            summary.countCreated(Kind.ACCOUNT);
        } else if (!account.getName().equals(entry.name())) {
            account.rename(entry.name());
            summary.countUpdated(Kind.ACCOUNT);
        }
        Set<String> granted = new HashSet<>(em.createQuery(
                "SELECT g.bucket FROM BucketGrant g WHERE g.accountUid = :uid", String.class)
                .setParameter("uid", entry.uid()).getResultList());
        for (String bucket : entry.bucketGrants()) {
            if (granted.add(bucket)) {
                em.persist(new BucketGrant(entry.uid(), bucket));
                summary.countCreated(Kind.BUCKET_GRANT);
            }
        }
        Map<String, RamUser> users = new HashMap<>();
        for (RamUser user : em.createQuery("SELECT u FROM RamUser u WHERE u.account.uid = :uid", RamUser.class)
                .setParameter("uid", entry.uid()).getResultList()) {
            users.put(user.getName(), user);
        }
        Optional<RamUser> storedRoot = users.values().stream().filter(RamUser::isRoot).findFirst();
        for (int j = 0; j < entry.users().size(); j++) {
            UserEntry userEntry = entry.users().get(j);
            String userPath = path + ".users[" + j + "]";
            RamUser user = users.get(userEntry.name());
            if (user == null) {
                if (userEntry.root() && storedRoot.isPresent()) {
                    throw new MalformedSeed(userPath + ".root", "the account's root user in the database is '"
                            + storedRoot.get().getName() + "'; an account has exactly one");
                }
                user = new RamUser(account, userEntry.name(), userEntry.root());
                em.persist(user);
                summary.countCreated(Kind.USER);
            } else if (user.isRoot() != userEntry.root()) {
                throw new MalformedSeed(userPath + ".root", "user '" + user.getName() + "' is "
                        + (user.isRoot() ? "the account's root user" : "a RAM user, not the root user") + " in the database");
            }
            for (int k = 0; k < userEntry.accessKeys().size(); k++) {
                applyAccessKey(userEntry.accessKeys().get(k), user, userPath + ".accessKeys[" + k + "].id", summary);
            }
            if (userEntry.policies().isPresent()) {
                applyPolicies(userEntry.policies().get(), user, summary);
            }
        }
    }

    private void applyAccessKey(AccessKeyEntry entry, RamUser user, String idPath, SeedSummary summary) {
        AccessKey key = em.find(AccessKey.class, entry.id());
        if (key == null) {
            key = new AccessKey(entry.id(), user, cipher.encrypt(entry.id(), entry.secret()));
            key.setActive(entry.active());
            em.persist(key);
            summary.countCreated(Kind.ACCESS_KEY);
            return;
        }
        if (!Objects.equals(key.getUser().getId(), user.getId())) {
            throw new MalformedSeed(idPath, "belongs to another user in the database ("
                    + new PrincipalRef(key.getUser().getAccount().getUid(), key.getUser().getName()) + ")");
        }
        boolean changed = false;
        if (!storedSecretIs(key, entry.secret())) {
            // A fresh IV each time: re-encrypting an unchanged secret would only churn the row.
            key.replaceSecret(cipher.encrypt(entry.id(), entry.secret()));
            changed = true;
        }
        if (key.isActive() != entry.active()) {
            key.setActive(entry.active());
            changed = true;
        }
        if (changed) {
            summary.countUpdated(Kind.ACCESS_KEY);
        }
    }

    private boolean storedSecretIs(AccessKey key, String secret) {
        try {
            return cipher.decrypt(key.getAccessKeyId(), key.getSecretCiphertext()).equals(secret);
        } catch (SecretNotDecryptable e) {
            LOG.warning(e.getMessage() + "; it is encrypted again from the provisioning file");
            return false;
        }
    }

    private void applyPolicies(List<String> documents, RamUser user, SeedSummary summary) {
        UserPolicies.Changes changes = UserPolicies.replace(em, user, documents);
        for (int i = 0; i < changes.created(); i++) {
            summary.countCreated(Kind.POLICY);
        }
        for (int i = 0; i < changes.updated(); i++) {
            summary.countUpdated(Kind.POLICY);
        }
    }

    private void applyConsoleUser(ConsoleUserEntry entry, String path, SeedSummary summary) {
        RamUser actsAs = entry.actsAs().map(ref -> findUser(ref).orElseThrow(() -> new MalformedSeed(path + ".actsAs",
                "names no RAM user in the provisioning file or the database"))).orElse(null);
        ConsoleUser user = em.find(ConsoleUser.class, entry.username());
        if (user == null) {
            em.persist(new ConsoleUser(entry.username(), hash(entry.password()), entry.roles(), actsAs));
            summary.countCreated(Kind.CONSOLE_USER);
            return;
        }
        boolean changed = false;
        if (!passwordMatches(entry.password(), user.getPasswordHash())) {
            user.replacePasswordHash(hash(entry.password()));
            changed = true;
        }
        if (!user.getRoles().equals(entry.roles())) {
            user.replaceRoles(entry.roles());
            changed = true;
        }
        if (actsAs != null && (user.getActsAs() == null || !Objects.equals(user.getActsAs().getId(), actsAs.getId()))) {
            user.actAs(actsAs);
            changed = true;
        }
        if (changed) {
            summary.countUpdated(Kind.CONSOLE_USER);
        }
    }

    private Optional<RamUser> findUser(PrincipalRef ref) {
        return em.createQuery("SELECT u FROM RamUser u WHERE u.account.uid = :uid AND u.name = :name", RamUser.class)
                .setParameter("uid", ref.accountUid()).setParameter("name", ref.userName())
                .getResultStream().findFirst();
    }

    private String hash(String password) {
        return passwordHash.generate(password.toCharArray());
    }

    private boolean passwordMatches(String password, String storedHash) {
        try {
            return passwordHash.verify(password.toCharArray(), storedHash);
        } catch (RuntimeException e) {
            return false; // not a hash this server can read: replace it
        }
    }

    /**
     * A server started with another master key than the one that encrypted the stored secrets
     * would refuse every signed request; it refuses to start instead, naming the setting.
     */
    private void checkMasterKeyFitsStoredSecrets() {
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

    private boolean noAccounts() {
        return em.createQuery("SELECT COUNT(a) FROM Account a", Long.class).getSingleResult() == 0;
    }

    /** A local run with nothing provisioned gets an account to try the API with; its key is shown this once. */
    private void createDemoAccount() {
        Account account = new Account(DEMO_ACCOUNT_UID, DEMO_ACCOUNT_NAME);
        em.persist(account);
        RamUser root = new RamUser(account, DEMO_ROOT_USER, true);
        em.persist(root);
        String accessKeyId = "LTAI" + random(20);
        String secret = random(30);
        em.persist(new AccessKey(accessKeyId, root, cipher.encrypt(accessKeyId, secret)));
        DEMO_BUCKETS.forEach(bucket -> em.persist(new BucketGrant(DEMO_ACCOUNT_UID, bucket)));
        em.flush();
        // Shown only once it is stored: a key printed for a rolled-back start would be shown and never work.
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    LOG.info("Demo account " + DEMO_ACCOUNT_UID + " (" + DEMO_ACCOUNT_NAME + ") created with bucket grants "
                            + String.join(", ", DEMO_BUCKETS) + " and root AccessKeyId " + accessKeyId + ", AccessKeySecret " + secret
                            + " (development default, shown once: it is not printed again;"
                            + " provision real accounts with MEDIAPURGE_SEED)");
                }
            }
        });
    }

    /** Letters and digits from a secure random source, as generated keys and secrets are made. */
    static String random(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return out.toString();
    }
}
