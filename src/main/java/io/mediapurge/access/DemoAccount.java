package io.mediapurge.access;

import java.util.List;
import java.util.logging.Logger;

import io.mediapurge.database.AfterCommit;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The demo account of a local run with nothing provisioned: an account to try the API with, whose
 * root access key is shown this once.
 */
@Dependent
class DemoAccount {

    static final String DEMO_ACCOUNT_UID = "1000000000000001";
    static final String DEMO_ACCOUNT_NAME = "demo";
    static final String DEMO_ROOT_USER = "root";
    /** The buckets the embedded OSS endpoint of a local run creates (see devservices.DemoContent). */
    static final List<String> DEMO_BUCKETS = List.of("mediapurge-demo", "mediapurge-demo-archive");

    private static final Logger LOG = Logger.getLogger(DemoAccount.class.getName());

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Inject
    AfterCommit afterCommit;

    @Inject
    SecretCipher cipher;

    /** Creates the account, its root user, one access key and the demo buckets' grants, in the caller's transaction. */
    void create() {
        Account account = new Account(DEMO_ACCOUNT_UID, DEMO_ACCOUNT_NAME);
        em.persist(account);
        RamUser root = new RamUser(account, DEMO_ROOT_USER, true);
        em.persist(root);
        String accessKeyId = GeneratedKeys.accessKeyId();
        String secret = GeneratedKeys.secret();
        em.persist(new AccessKey(accessKeyId, root, cipher.encrypt(accessKeyId, secret)));
        DEMO_BUCKETS.forEach(bucket -> em.persist(new BucketGrant(DEMO_ACCOUNT_UID, bucket)));
        em.flush();
        // Shown only once it is stored: a key printed for a rolled-back start would be shown and never work.
        afterCommit.log(LOG, "Demo account " + DEMO_ACCOUNT_UID + " (" + DEMO_ACCOUNT_NAME + ") created with bucket grants "
                + String.join(", ", DEMO_BUCKETS) + " and root AccessKeyId " + accessKeyId + ", AccessKeySecret " + secret
                + " (development default, shown once: it is not printed again; provision real accounts with MEDIAPURGE_SEED)");
    }
}
