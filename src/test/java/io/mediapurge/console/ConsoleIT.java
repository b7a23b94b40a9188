package io.mediapurge.console;

import static io.mediapurge.testing.SuiteSeed.ALPHA;
import static io.mediapurge.testing.SuiteSeed.ALPHA_ROOT_KEY;
import static io.mediapurge.testing.SuiteSeed.ALPHA_ROOT_SECRET;
import static io.mediapurge.testing.SuiteSeed.BETA;
import static io.mediapurge.testing.SuiteSeed.BETA_ROOT_KEY;
import static io.mediapurge.testing.SuiteSeed.BETA_ROOT_SECRET;
import static io.mediapurge.testing.SuiteSeed.CONSOLE_LOCKED;
import static io.mediapurge.testing.SuiteSeed.CONSOLE_LOCKED_PASSWORD;
import static io.mediapurge.testing.SuiteSeed.CONSOLE_OPS_ADMIN;
import static io.mediapurge.testing.SuiteSeed.CONSOLE_OPS_ADMIN_PASSWORD;
import static io.mediapurge.testing.SuiteSeed.CONSOLE_VIEWER;
import static io.mediapurge.testing.SuiteSeed.CONSOLE_VIEWER_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

import com.aliyun.oss.OSS;

import io.mediapurge.testing.OperatorCalls;
import io.mediapurge.testing.SuiteOss;

/**
 * The console in a real browser (Debian's headless Chromium), as operators use it: sign in,
 * purge, read the results, steer runs, and be refused what their role does not allow. One
 * server (the suite's) for all stories; screenshots of the key pages go to target/screenshots.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleIT {

    static final String BUCKET = "alpha-media";
    static final String FOREIGN_BUCKET = "beta-media";
    static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

    @ArquillianResource
    URL base;

    static Browser browser;

    @BeforeAll
    static void openBrowser() {
        System.setProperty("webdriver.chrome.driver", System.getProperty("mediapurge.test.chromedriver", "/usr/bin/chromedriver"));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    Browser browser() {
        if (browser == null) {
            browser = new Browser(base.toString());
        }
        browser.driver.manage().deleteAllCookies();
        return browser;
    }

    /** Story 1 (and 6): a mixed pasted list purged to COMPLETED, its Ignored and Forbidden tabs exact, a script title shown as text. */
    @Test
    void anAdminPurgesAMixedListAndReadsWhatWasIgnoredAndForbidden() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String own = hex("c1"), ownByUrl = hex("c2"), denied = hex("dead"), foreign = hex("f0"), unknown = hex("0e");
        String ownUrl = "oss://" + BUCKET + "/console/" + run + "/own-by-url.mp4";
        String scriptTitle = "<script>window.titleRan=true</script> launch";
        putObjects(BUCKET, "console/" + run + "/own.mp4", "console/" + run + "/own-by-url.mp4", "console/" + run + "/denied.mp4");
        register(ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET, asset(ALPHA, own, scriptTitle, "oss://" + BUCKET + "/console/" + run + "/own.mp4"),
                asset(ALPHA, ownByUrl, "Own, selected by URL", ownUrl),
                asset(ALPHA, denied, "Denied by policy", "oss://" + BUCKET + "/console/" + run + "/denied.mp4"));
        register(BETA_ROOT_KEY, BETA_ROOT_SECRET, asset(BETA, foreign, "Another account's", "oss://" + FOREIGN_BUCKET + "/console/" + run + "/f.mp4"));

        Browser b = browser();
        b.open("");
        assertEquals("Sign in · MediaPurge", b.driver.getTitle());
        b.screenshot("01-login");
        b.signIn(CONSOLE_OPS_ADMIN, CONSOLE_OPS_ADMIN_PASSWORD);
        assertTrue(b.driver.getCurrentUrl().endsWith("/console/dashboard.xhtml"), b.driver.getCurrentUrl());
        assertTrue(b.byId("whoami").getText().contains("acts as " + ALPHA + "/ops"), b.byId("whoami").getText());
        b.screenshot("02-dashboard");

        b.byId("navNewPurge").click();
        b.type("purge:selectors", String.join("\n", own, ownUrl, denied, foreign, unknown, "not-a-media-id"));
        b.screenshot("03-new-purge");
        b.byId("purge:start").click();

        // 1. the run reaches COMPLETED, and the page follows it without a reload
        b.await(Duration.ofSeconds(20), d -> d.getCurrentUrl().contains("/console/submission.xhtml"));
        b.awaitText("status", "COMPLETED", RUN_TIMEOUT);
        // 2. counts per outcome
        assertEquals("2", b.byId("count-DELETED").getText());
        assertEquals("2", b.byId("count-IGNORED").getText());
        assertEquals("2", b.byId("count-FORBIDDEN").getText());
        assertEquals("0", b.byId("count-FAILED").getText());
        b.screenshot("04-submission-completed");

        // 3. the items table shows the stored script title as text, and it never ran
        List<List<String>> all = b.rows("sub:tabs:items");
        assertEquals(6, all.size(), all::toString);
        assertTrue(all.stream().anyMatch(r -> r.get(0).equals(own) && r.get(3).equals(scriptTitle)), all::toString);
        assertEquals(Boolean.FALSE, b.driver.executeScript("return window.titleRan === true"));

        // 4. the Ignored tab: exactly the unknown and the malformed selector, as written, with their reasons
        b.driver.findElement(By.linkText("Ignored")).click();
        b.await(Duration.ofSeconds(10), d -> !b.rows("sub:tabs:ignoredItems").isEmpty());
        assertEquals(Map.of(unknown, "UNKNOWN", "not-a-media-id", "MALFORMED"), selectorsAndReasons(b.rows("sub:tabs:ignoredItems")));
        b.screenshot("05-ignored-tab");

        // 5. the Forbidden tab: exactly the Deny-policy asset and the other account's, with their reasons
        b.driver.findElement(By.linkText("Forbidden")).click();
        b.await(Duration.ofSeconds(10), d -> !b.rows("sub:tabs:forbiddenItems").isEmpty());
        assertEquals(Map.of(denied, "POLICY_DENY", foreign, "NOT_OWNER"), selectorsAndReasons(b.rows("sub:tabs:forbiddenItems")));
        b.screenshot("06-forbidden-tab");

        // 6. the deleted assets' objects are gone from the bucket; the forbidden one's is still there
        OSS oss = SuiteOss.client();
        try {
            assertFalse(oss.doesObjectExist(BUCKET, "console/" + run + "/own.mp4"));
            assertFalse(oss.doesObjectExist(BUCKET, "console/" + run + "/own-by-url.mp4"));
            assertTrue(oss.doesObjectExist(BUCKET, "console/" + run + "/denied.mp4"));
        } finally {
            oss.shutdown();
        }

        // 7. the run's page shows its figures
        b.driver.findElement(By.cssSelector("a.mp-run-link")).click();
        b.awaitText("status", "COMPLETED", Duration.ofSeconds(20));
        assertEquals("6", b.byId("read").getText());
        assertEquals("2", b.byId("deleted").getText());
        b.screenshot("07-run-completed");
        b.byId("navRuns").click();
        b.await(Duration.ofSeconds(10), d -> !b.rows("runsForm:runs").isEmpty());
        b.screenshot("08-runs");
        b.signOut();
    }

    /** Story 5: a wrong password is refused like an unknown user; repeated failures lock the name; signing out ends the session. */
    @Test
    void wrongPasswordsAreRefusedAlikeRepeatedFailuresLockAndSigningOutEndsTheSession() {
        Browser b = browser();
        // 1. wrong password and unknown username answer the same
        b.signIn(CONSOLE_VIEWER, "not the password");
        String wrongPassword = b.errorMessages();
        assertTrue(wrongPassword.startsWith("Wrong username or password"), wrongPassword);
        assertTrue(b.driver.getCurrentUrl().contains("login.xhtml"));
        b.signIn("nobody-at-all", "not the password");
        assertEquals(wrongPassword, b.errorMessages());
        b.screenshot("10-login-refused");

        // 2. after five failures even the right password is refused for a while
        for (int i = 0; i < 5; i++) {
            b.signIn(CONSOLE_LOCKED, "wrong " + i);
            assertEquals(wrongPassword, b.errorMessages());
        }
        b.signIn(CONSOLE_LOCKED, CONSOLE_LOCKED_PASSWORD);
        assertEquals(wrongPassword, b.errorMessages(), "locked: the right password is refused too");
        assertTrue(b.driver.getCurrentUrl().contains("login.xhtml"));

        // 3. signing in gives a new session ID in an HttpOnly cookie
        b.driver.manage().deleteAllCookies();
        b.open("login.xhtml");
        Cookie before = b.driver.manage().getCookieNamed("JSESSIONID");
        b.type("login:username", CONSOLE_VIEWER);
        b.type("login:password", CONSOLE_VIEWER_PASSWORD);
        b.byId("login:signIn").click();
        b.await(Duration.ofSeconds(20), d -> d.getCurrentUrl().contains("/console/dashboard.xhtml"));
        Cookie after = b.driver.manage().getCookieNamed("JSESSIONID");
        assertNotEquals(before.getValue(), after.getValue());
        assertTrue(after.isHttpOnly());

        // 4. signing out ends the session: the console asks to sign in again
        b.signOut();
        assertTrue(b.allById("signedOut").size() == 1);
        b.open("console/dashboard.xhtml");
        b.await(Duration.ofSeconds(10), d -> d.getCurrentUrl().contains("login.xhtml"));
        b.driver.manage().deleteAllCookies();
        b.driver.manage().addCookie(new Cookie("JSESSIONID", after.getValue(), "/"));
        b.open("console/dashboard.xhtml");
        b.await(Duration.ofSeconds(10), d -> d.getCurrentUrl().contains("login.xhtml"));
    }

    static Map<String, String> selectorsAndReasons(List<List<String>> rows) {
        return rows.stream().collect(Collectors.toMap(r -> r.get(0), r -> r.get(2), (a, c) -> a, TreeMap::new));
    }

    static String hex(String prefix) {
        return (prefix + UUID.randomUUID().toString().replace("-", "")).substring(0, 32);
    }

    static String asset(String owner, String mediaId, String title, String url) {
        return "{\"ownerUid\":\"" + owner + "\",\"mediaId\":\"" + mediaId + "\",\"title\":" + jsonString(title)
                + ",\"files\":[{\"url\":\"" + url + "\"}]}";
    }

    static String jsonString(String s) {
        return jakarta.json.Json.createValue(s).toString();
    }

    void register(String key, String secret, String... lines) throws Exception {
        HttpResponse<String> response = new OperatorCalls(base, key, secret).post("/api/v1/media:import", "application/x-ndjson",
                String.join("\n", lines));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"imported\":" + lines.length), response.body());
    }

    static void putObjects(String bucket, String... keys) {
        OSS oss = SuiteOss.client();
        try {
            try {
                oss.createBucket(bucket);
            } catch (com.aliyun.oss.OSSException exists) {
                // another story made it already
            }
            for (String key : keys) {
                oss.putObject(bucket, key, new ByteArrayInputStream(("console test object " + key).getBytes()));
            }
        } finally {
            oss.shutdown();
        }
    }

}
