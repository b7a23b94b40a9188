package io.mediapurge.signin;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mediapurge.access.ConsolePasswords;
import io.mediapurge.access.ConsoleUser;
import io.mediapurge.access.RamUser;
import io.mediapurge.database.AfterCommit;
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

import javax.sql.DataSource;

/**
 * The first way into the console, after the provisioning file is applied. There is no default
 * password: {@code MEDIAPURGE_ADMIN_PASSWORD} creates or resets {@code admin} (purge-admin); an
 * embedded development run with neither that nor any console user creates {@code admin} with a
 * generated password, printed once. A new admin acts as the demo account's root when there is
 * one, else it can read but not launch until the provisioning file gives it {@code actsAs}.
 */
@Startup
@Singleton
@DependsOn("SeedApplier")
public class AdminBootstrap {

    static final String ADMIN = "admin";
    static final String DEMO_ACCOUNT_UID = "1000000000000001";
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Inject
    AfterCommit afterCommit;

    @Inject
    ConsolePasswords passwords;

    @Inject
    @ConfigProperty(name = "mediapurge.admin.password")
    Optional<String> adminPassword;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void atStartup() {
        Optional<String> configured = adminPassword.filter(p -> !p.isEmpty());
        if (configured.isPresent()) {
            if (configured.get().length() < 8 || configured.get().length() > 1024) {
                throw StartupFailure.refuse("MEDIAPURGE_ADMIN_PASSWORD must be 8 to 1024 characters", null);
            }
            ConsoleUser admin = em.find(ConsoleUser.class, ADMIN);
            if (admin == null) {
                em.persist(new ConsoleUser(ADMIN, passwords.hash(configured.get().toCharArray()), Set.of(ConsoleRoles.ADMIN), demoRoot()));
                LOG.info("Console user admin created from MEDIAPURGE_ADMIN_PASSWORD");
            } else {
                if (!passwords.matches(configured.get().toCharArray(), admin.getPasswordHash())) {
                    admin.replacePasswordHash(passwords.hash(configured.get().toCharArray()));
                    LOG.info("Console user admin's password reset from MEDIAPURGE_ADMIN_PASSWORD");
                }
                if (!admin.getRoles().contains(ConsoleRoles.ADMIN)) {
                    admin.replaceRoles(Set.of(ConsoleRoles.ADMIN));
                }
            }
            return;
        }
        boolean anyConsoleUser = em.createQuery("SELECT COUNT(u) FROM ConsoleUser u", Long.class).getSingleResult() > 0;
        if (anyConsoleUser || !Database.describe(dataSource).embedded()) {
            if (!anyConsoleUser) {
                LOG.info("No console user is provisioned; set MEDIAPURGE_ADMIN_PASSWORD or MEDIAPURGE_SEED to sign in to the console");
            }
            return;
        }
        String password = generated();
        em.persist(new ConsoleUser(ADMIN, passwords.hash(password.toCharArray()), Set.of(ConsoleRoles.ADMIN), demoRoot()));
        em.flush();
        // Shown only once it is stored: a password printed for a rolled-back start would never work.
        afterCommit.log(LOG, "Console: sign in at / as admin with password " + password
                + " (development default, printed this one time only; set MEDIAPURGE_ADMIN_PASSWORD to choose it)");
    }

    private RamUser demoRoot() {
        return em.createQuery("SELECT u FROM RamUser u WHERE u.account.uid = :uid AND u.root = TRUE", RamUser.class)
                .setParameter("uid", DEMO_ACCOUNT_UID).getResultStream().findFirst().orElse(null);
    }

    private static String generated() {
        StringBuilder out = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
