package io.mediapurge.testing;

/**
 * The provisioning file the Arquillian suite's server starts with (written to
 * {@code target/it/seed.json} by {@link IntegrationTestSession}, named by {@code -Dmediapurge.seed}
 * in arquillian.xml, together with {@link #MASTER_KEY}). Its accounts are not the ones other
 * tests create (SchemaIT uses 1000000000000001 and console user admin).
 */
public final class SuiteSeed {

    /** The same value as {@code -Dmediapurge.master.key} in arquillian.xml. */
    public static final String MASTER_KEY = "TWVkaWFQdXJnZSBzdWl0ZSBtYXN0ZXIga2V5IDAwMDE=";

    public static final String ALPHA = "2000000000000001";
    public static final String BETA = "2000000000000002";

    public static final String ALPHA_ROOT_KEY = "LTAIitAlphaRoot0001";
    public static final String ALPHA_ROOT_SECRET = "alphaRootSecret0123456789abcd";
    public static final String ALPHA_OPS_KEY = "LTAIitAlphaOps00001";
    public static final String ALPHA_OPS_SECRET = "alphaOpsSecret0123456789abcde";
    public static final String ALPHA_RETIRED_KEY = "LTAIitAlphaOld00001";
    public static final String ALPHA_RETIRED_SECRET = "alphaOldSecret0123456789abcde";
    /** alpha's no-policy: a RAM user with no policies at all. */
    public static final String ALPHA_NOBODY_KEY = "LTAIitAlphaNone0001";
    public static final String ALPHA_NOBODY_SECRET = "alphaNoneSecret0123456789abcd";
    /** alpha's reader: may read submissions and runs, and start purges, but act for nobody else. */
    public static final String ALPHA_READER_KEY = "LTAIitAlphaRead0001";
    public static final String ALPHA_READER_SECRET = "alphaReadSecret0123456789abcd";
    public static final String BETA_ROOT_KEY = "LTAIitBetaRoot00001";
    public static final String BETA_ROOT_SECRET = "betaRootSecret0123456789abcde";

    public static final String CONSOLE_ADMIN = "it-admin";
    public static final String CONSOLE_ADMIN_PASSWORD = "it-admin password 0001";
    public static final String CONSOLE_VIEWER = "it-viewer";
    public static final String CONSOLE_VIEWER_PASSWORD = "it-viewer password 0001";
    /** Console users of the browser stories: an admin acting as ops (its Deny policy applies), one to lock out. */
    public static final String CONSOLE_OPS_ADMIN = "it-ops-admin";
    public static final String CONSOLE_OPS_ADMIN_PASSWORD = "it-ops-admin password 0001";
    public static final String CONSOLE_LOCKED = "it-locked";
    public static final String CONSOLE_LOCKED_PASSWORD = "it-locked password 0001";

    /** ops may do everything in IMS and the operator API except delete media whose ID starts with "dead" (IDs are hex). */
    public static final String OPS_ALLOW = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"ice:*\",\"mediapurge:*\"],"
            + "\"Resource\":\"*\"}]}";
    public static final String OPS_DENY = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"ice:DeleteMediaInfos\","
            + "\"Resource\":\"acs:ice:*:" + ALPHA + ":media/dead*\"}]}";
    public static final String READER_POLICY = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"mediapurge:Get*\",\"mediapurge:List*\",\"mediapurge:StartPurge\"],\"Resource\":\"*\"}]}";
    public static final String VIEWER_READ = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"ice:GetMediaInfo\",\"ice:BatchGetMediaInfos\"],\"Resource\":\"*\"}]}";

    public static final String JSON = """
            {"accounts": [
              {"uid": "%1$s", "name": "it-alpha", "bucketGrants": ["alpha-media", "alpha-archive"],
               "users": [
                 {"name": "root", "root": true, "accessKeys": [{"id": "%3$s", "secret": "%4$s"}]},
                 {"name": "ops", "accessKeys": [{"id": "%5$s", "secret": "%6$s"},
                                                {"id": "%7$s", "secret": "%8$s", "active": false}],
                  "policies": [%13$s, %14$s]},
                 {"name": "no-policy", "accessKeys": [{"id": "%18$s", "secret": "%19$s"}]},
                 {"name": "reader", "accessKeys": [{"id": "%20$s", "secret": "%21$s"}], "policies": [%22$s]}]},
              {"uid": "%2$s", "name": "it-beta", "bucketGrants": ["beta-media"],
               "users": [
                 {"name": "admin", "root": true, "accessKeys": [{"id": "%9$s", "secret": "%10$s"}]},
                 {"name": "viewer", "policies": [%15$s]}]}],
             "consoleUsers": [
               {"username": "%11$s", "password": "%12$s", "roles": ["purge-admin"], "actsAs": "%1$s/root"},
               {"username": "%16$s", "password": "%17$s", "roles": ["purge-viewer"]},
               {"username": "%23$s", "password": "%24$s", "roles": ["purge-admin"], "actsAs": "%1$s/ops"},
               {"username": "%25$s", "password": "%26$s", "roles": ["purge-viewer"]}]}
            """.formatted(ALPHA, BETA, ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET, ALPHA_OPS_KEY, ALPHA_OPS_SECRET,
            ALPHA_RETIRED_KEY, ALPHA_RETIRED_SECRET, BETA_ROOT_KEY, BETA_ROOT_SECRET, CONSOLE_ADMIN, CONSOLE_ADMIN_PASSWORD,
            OPS_ALLOW, OPS_DENY, VIEWER_READ, CONSOLE_VIEWER, CONSOLE_VIEWER_PASSWORD,
            ALPHA_NOBODY_KEY, ALPHA_NOBODY_SECRET, ALPHA_READER_KEY, ALPHA_READER_SECRET, READER_POLICY,
            CONSOLE_OPS_ADMIN, CONSOLE_OPS_ADMIN_PASSWORD, CONSOLE_LOCKED, CONSOLE_LOCKED_PASSWORD);

    private SuiteSeed() {
    }
}
