package io.mediapurge.access;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
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

/**
 * The identities startup step, after the schema migration and before the startup report: checks
 * that the master key fits the stored secrets ({@link MasterKeyCheck}), then applies the
 * provisioning file ({@code MEDIAPURGE_SEED}) in one transaction, or on an empty embedded database
 * creates the demo account ({@link DemoAccount}). Applying is idempotent: it creates what is missing and updates what differs (names,
 * secrets, active flags, policy lists, console passwords, roles and identities), adds missing
 * bucket grants, and never deletes an account, user, key, grant or console user.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class SeedApplier {

    private static final Map<String, String> PASSWORD_HASH_PARAMETERS = ConsolePasswords.PARAMETERS;
    private static final Logger LOG = Logger.getLogger(SeedApplier.class.getName());

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Inject
    SecretCipher cipher;

    @Inject
    Pbkdf2PasswordHash passwordHash;

    @Inject
    MasterKeyCheck masterKey;

    @Inject
    DemoAccount demoAccount;

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
        masterKey.refuseForeignMasterKey();
        Optional<String> seed = seedSetting.map(String::strip).filter(s -> !s.isEmpty());
        if (seed.isPresent()) {
            applySeedFile(seedPath(seed.get()));
        } else if (noAccounts()) {
            if (database.embedded()) {
                demoAccount.create();
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

    /** The user's policy list becomes the file's, position by position; rows past its end are removed. */
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

    private boolean noAccounts() {
        return em.createQuery("SELECT COUNT(a) FROM Account a", Long.class).getSingleResult() == 0;
    }
}
