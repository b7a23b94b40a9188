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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import com.aliyun.oss.OSS;

import io.mediapurge.testing.JsonAnswer;
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

    @org.junit.jupiter.api.extension.RegisterExtension
    static final Browser.PerClass browsers = new Browser.PerClass();

    Browser browser() {
        return browsers.fresh(base);
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
        String submissionId = new URL(b.driver.getCurrentUrl()).getQuery().replaceAll(".*id=(\\d+).*", "$1");
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

        // 8. the Submissions list shows it with what its run decided, and leads to it
        b.byId("navSubmissions").click();
        b.await(Duration.ofSeconds(10), d -> !b.rows("subsForm:submissions").isEmpty());
        List<String> listed = b.rows("subsForm:submissions").stream().filter(r -> r.get(0).equals(submissionId)).findFirst()
                .orElseThrow(() -> new AssertionError("submission " + submissionId + " not listed: " + b.rows("subsForm:submissions")));
        assertEquals(List.of("COMPLETED", "6", "2", "2", "2", "0", "0"), List.of(listed.get(1), listed.get(4), listed.get(5),
                listed.get(6), listed.get(7), listed.get(8), listed.get(9)), listed::toString);
        b.screenshot("08b-submissions");
        b.driver.findElement(By.linkText(submissionId)).click();
        b.await(Duration.ofSeconds(10), d -> d.getCurrentUrl().contains("/console/submission.xhtml?id=" + submissionId));
        assertEquals("COMPLETED", b.byId("status").getText());
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

    /** The session cookie is HttpOnly and, over the suite's plain HTTP, not Secure (so a local run keeps its session). */
    @Test
    void theSessionCookieIsHttpOnlyAndOverPlainHttpNotSecure() throws Exception {
        HttpResponse<String> plain = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                new URL(base, "login.xhtml").toURI()).GET().build(), HttpResponse.BodyHandlers.ofString());
        String cookie = plain.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + plain.headers()));
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertFalse(cookie.contains("Secure"), cookie);
    }

    /** Stories 2 and 7: a dry run deletes nothing, its items export to CSV and Excel, then Run it for real deletes after a confirmation. */
    @Test
    void aDryRunExportsItsItemsAndIsThenRunForReal() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String first = hex("d1"), second = hex("d2"), unknown = hex("0d");
        putObjects(BUCKET, "console/" + run + "/1.mp4", "console/" + run + "/2.mp4");
        register(ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET, asset(ALPHA, first, "Dry one", "oss://" + BUCKET + "/console/" + run + "/1.mp4"),
                asset(ALPHA, second, "Dry, two", "oss://" + BUCKET + "/console/" + run + "/2.mp4"));

        Browser b = browser();
        b.signIn(CONSOLE_OPS_ADMIN, CONSOLE_OPS_ADMIN_PASSWORD);
        b.open("console/new-purge.xhtml");
        b.type("purge:selectors", String.join("\n", first, second, unknown));
        b.byId("purge:dryRun").click();
        b.byId("purge:start").click();
        b.await(Duration.ofSeconds(20), d -> d.getCurrentUrl().contains("/console/submission.xhtml"));
        b.awaitText("status", "COMPLETED", RUN_TIMEOUT);
        // 1. a dry run tells what would happen and deletes nothing
        assertEquals("2", b.byId("count-WOULD_DELETE").getText());
        assertEquals("1", b.byId("count-IGNORED").getText());
        assertEquals("0", b.byId("count-DELETED").getText());
        assertObjects(true, "console/" + run + "/1.mp4", "console/" + run + "/2.mp4");
        b.await(Duration.ofSeconds(10), d -> b.rows("sub:tabs:items").size() == 3);
        List<List<String>> shown = b.rows("sub:tabs:items");
        b.screenshot("11-dry-run");

        // 2. the items shown export to CSV and to Excel with the table's rows
        b.clearDownloads();
        b.byId("sub:tabs:exportCsv").click();
        String csv = Files.readString(b.awaitDownload(".csv", Duration.ofSeconds(20)));
        for (List<String> row : shown) {
            assertTrue(csv.contains(row.get(0)), csv);
        }
        assertTrue(csv.contains("WOULD_DELETE") && csv.contains("\"Dry, two\""), csv);
        assertEquals(4, csv.strip().lines().count(), csv); // a header and the three rows
        // Headless Chromium holds .xlsx downloads back for a safety check it cannot make offline, so the
        // Excel export is posted as the page's Export Excel button posts it, in the browser's own session.
        String submissionPath = new URL(b.driver.getCurrentUrl()).getFile().substring(1);
        FormSession session = FormSession.of(base, b.driver.manage().getCookieNamed("JSESSIONID").getValue());
        HttpResponse<byte[]> excel = session.submit(submissionPath, Map.of("sub", "sub", "sub:tabs:exportXlsx", "",
                "jakarta.faces.ViewState", b.driver.findElement(By.cssSelector("form[id='sub'] input[name='jakarta.faces.ViewState']"))
                        .getAttribute("value")));
        assertEquals(200, excel.statusCode());
        assertTrue(excel.headers().firstValue("Content-Disposition").orElse("").contains(".xlsx"), excel.headers().toString());
        List<List<String>> sheet = new ArrayList<>();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(excel.body()))) {
            DataFormatter text = new DataFormatter();
            for (Row row : book.getSheetAt(0)) {
                List<String> cells = new ArrayList<>();
                row.forEach(cell -> cells.add(text.formatCellValue(cell)));
                sheet.add(cells);
            }
        }
        assertEquals(4, sheet.size(), sheet::toString);
        assertEquals("Selector", sheet.get(0).get(0));
        assertEquals(shown.stream().map(r -> r.get(0)).toList(), sheet.subList(1, 4).stream().map(r -> r.get(0)).toList());
        assertEquals(shown.stream().map(r -> r.get(1)).toList(), sheet.subList(1, 4).stream().map(r -> r.get(1)).toList());

        // 3. Run it for real asks first, naming the count and the bucket, then deletes
        b.byId("sub:runForReal").click();
        String question = b.await(Duration.ofSeconds(10), d -> {
            var message = d.findElements(By.cssSelector(".ui-confirm-dialog .ui-confirm-dialog-message"));
            return message.isEmpty() || message.get(0).getText().isEmpty() ? null : message.get(0).getText();
        });
        assertTrue(question.startsWith("2 assets would be deleted, with their files in " + BUCKET), question);
        b.await(Duration.ofSeconds(10), org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable(By.id("confirmYes")));
        b.screenshot("12-run-for-real-confirmation");
        b.byId("confirmYes").click();
        String dryRunUrl = b.driver.getCurrentUrl();
        b.await(Duration.ofSeconds(20), d -> !d.getCurrentUrl().equals(dryRunUrl));
        b.awaitText("status", "COMPLETED", RUN_TIMEOUT);
        assertEquals("2", b.byId("count-DELETED").getText());
        assertEquals("1", b.byId("count-IGNORED").getText());
        assertObjects(false, "console/" + run + "/1.mp4", "console/" + run + "/2.mp4");
        b.screenshot("13-run-for-real-completed");
        b.signOut();
    }

    /**
     * Stories 3 and 4: OSS failing during a run ends it FAILED; a viewer sees no action and a
     * Restart postback forged with the viewer's session is refused and audited; the admin's
     * Restart, once OSS is back, completes the run with nothing FAILED.
     */
    @Test
    void anOssOutageFailsARunAViewerCannotRestartItAndTheAdminsRestartCompletesIt() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int n = 200; // ten chunks, slowed down so that OSS can fail in the middle of the run
        List<String> ids = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = hex("e" + (i % 10));
            String key = "console/" + run + "/" + i + ".mp4";
            ids.add(id);
            keys.add(key);
            lines.add(asset(ALPHA, id, "Outage " + i, "oss://" + BUCKET + "/" + key));
        }
        putObjects(BUCKET, keys.toArray(String[]::new));
        register(ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET, lines.toArray(String[]::new));

        Browser b = browser();
        b.signIn(CONSOLE_OPS_ADMIN, CONSOLE_OPS_ADMIN_PASSWORD);
        String runPath;
        assertEquals(200, SuiteOss.faults("latency 700ms"));
        try {
            b.open("console/new-purge.xhtml");
            b.type("purge:selectors", String.join("\n", ids));
            // One partition, its chunks one after another: the server's default (several side by side)
            // could finish the ten slowed chunks before the page has seen the first ones.
            WebElement partitions = b.byId("purge:partitions_input");
            partitions.sendKeys(Keys.chord(Keys.CONTROL, "a"), "1");
            b.byId("purge:start").click();
            b.await(Duration.ofSeconds(20), d -> d.getCurrentUrl().contains("/console/submission.xhtml"));
            b.await(Duration.ofSeconds(20), d -> !d.findElements(By.cssSelector("a.mp-run-link")).isEmpty());
            b.driver.findElement(By.cssSelector("a.mp-run-link")).click();
            // 1. OSS starts failing once the run is under way; the run ends FAILED, the page following it live
            b.await(RUN_TIMEOUT, d -> {
                List<WebElement> deleted = d.findElements(By.id("deleted"));
                try {
                    return !deleted.isEmpty() && Integer.parseInt(deleted.get(0).getText()) >= 20;
                } catch (RuntimeException rerendered) {
                    return false;
                }
            });
            b.screenshot("14a-run-live");
            assertEquals(200, SuiteOss.faults("error DeleteMultipleObjects 503"));
            b.awaitText("status", "FAILED", RUN_TIMEOUT);
        } finally {
            SuiteOss.clearFaults();
        }
        // read the ended run from a page of its own, not from a poll's answer still arriving
        b.driver.navigate().refresh();
        b.awaitText("status", "FAILED", Duration.ofSeconds(20));
        long deletedBefore = Long.parseLong(b.byId("deleted").getText());
        assertTrue(deletedBefore < n, "the run failed before the end: " + deletedBefore);
        assertEquals("0", b.byId("failed").getText());
        runPath = new URL(b.driver.getCurrentUrl()).getFile().substring(1);
        assertEquals("FAILED", b.byId("status").getText());
        assertEquals(1, b.allById("run:restart").size());
        // why it ended: OSS was unavailable, and what to do about it
        String why = b.byId("run:endReason").getText();
        assertTrue(why.startsWith("OSS is unavailable (") && why.contains("restart when OSS is back"), why);
        b.screenshot("14-run-failed");
        String adminViewState = b.driver.findElement(By.cssSelector("form[id='run'] input[name='jakarta.faces.ViewState']")).getAttribute("value");

        // 2. a viewer's session replaying the admin's Restart form is refused, and the run stays FAILED
        FormSession viewer = FormSession.signIn(base, CONSOLE_VIEWER, CONSOLE_VIEWER_PASSWORD);
        HttpResponse<String> forged = viewer.ajax(runPath, "run", "run:restart", adminViewState);
        assertTrue(forged.body().contains("error.xhtml?problem=expired"), forged.body());
        // the viewer's own view of the page has no Restart to replay; naming it anyway does nothing
        String viewerPage = viewer.get(runPath).body();
        assertFalse(viewerPage.contains("id=\"run:restart\""), viewerPage);
        viewer.ajax(runPath, "run", "run:restart", FormSession.viewState(viewerPage));
        b.open(runPath);
        assertEquals("FAILED", b.byId("status").getText());
        assertEquals(1, b.rows("run:timeline").size());

        // 3. the refusal is in the audit log, with who and what
        b.byId("navAudit").click();
        b.type("auditForm:search", CONSOLE_VIEWER);
        b.byId("auditForm:searchButton").click();
        b.await(Duration.ofSeconds(10), d -> b.rows("auditForm:events").stream().anyMatch(r -> r.get(4).equals("POSTBACK")));
        List<String> refusal = b.rows("auditForm:events").stream().filter(r -> r.get(4).equals("POSTBACK")).findFirst().orElseThrow();
        assertEquals(CONSOLE_VIEWER, refusal.get(1));
        assertEquals("refused", refusal.get(6));
        assertTrue(refusal.get(5).contains("/console/run.xhtml"), refusal.toString());
        b.screenshot("15-audit-refused-postback");

        // 4. the admin restarts after a confirmation; the new execution completes with nothing FAILED
        b.open(runPath);
        b.clickAndConfirm("run:restart");
        b.await(Duration.ofSeconds(20), d -> !d.getCurrentUrl().endsWith(runPath));
        b.awaitText("status", "COMPLETED", RUN_TIMEOUT);
        b.screenshot("16-run-restarted-completed");
        // the restart's own figures, on the page that followed it live: it read and deleted what was left, nothing
        // twice, nothing FAILED (the page once stopped following at the end status with the figures of its start)
        b.awaitText("read", String.valueOf(n - deletedBefore), Duration.ofSeconds(10));
        b.awaitText("deleted", String.valueOf(n - deletedBefore), Duration.ofSeconds(10));
        b.awaitText("failed", "0", Duration.ofSeconds(10));
        assertEquals(2, b.rows("run:timeline").size());
        b.byId("run:submissionLink").click();
        b.awaitText("status", "COMPLETED", Duration.ofSeconds(20));
        assertEquals(String.valueOf(n), b.byId("count-DELETED").getText());
        assertEquals("0", b.byId("count-FAILED").getText());
        assertEquals("0", b.byId("count-PENDING").getText());
        assertObjects(false, keys.toArray(String[]::new));
        b.screenshot("16b-submission-after-restart");
        b.signOut();

        // 5. the viewer sees the failed run without any action button
        b.signIn(CONSOLE_VIEWER, CONSOLE_VIEWER_PASSWORD);
        b.open(runPath);
        assertEquals("FAILED", b.byId("status").getText());
        assertTrue(b.allById("run:restart").isEmpty() && b.allById("run:stop").isEmpty() && b.allById("run:abandon").isEmpty());
        assertTrue(b.allById("navNewPurge").isEmpty());
        b.screenshot("17-viewer-run");
        b.signOut();
    }

    /**
     * An item OSS keeps refusing ends FAILED and the run goes on: the dashboard lists it with its
     * reason beside the latest runs; a run that does not exist (or was removed from the job history)
     * shows a plain message, as does a page that fails.
     */
    @Test
    void theDashboardNamesTheLatestFailedItemsAndAVanishedRunIsSaidSo() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String kept = hex("a1"), refused = hex("a2");
        putObjects(BUCKET, "console/" + run + "/kept.mp4", "console/" + run + "/refused.mp4");
        register(ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET, asset(ALPHA, kept, "Deleted fine", "oss://" + BUCKET + "/console/" + run + "/kept.mp4"),
                asset(ALPHA, refused, "OSS refuses it", "oss://" + BUCKET + "/console/" + run + "/refused.mp4"));
        Browser b = browser();
        b.signIn(CONSOLE_OPS_ADMIN, CONSOLE_OPS_ADMIN_PASSWORD);
        assertEquals(200, SuiteOss.faults("key-failure AccessDenied " + BUCKET + "/console/" + run + "/refused.mp4"));
        try {
            b.open("console/new-purge.xhtml");
            b.type("purge:selectors", String.join("\n", kept, refused));
            b.byId("purge:start").click();
            b.await(Duration.ofSeconds(20), d -> d.getCurrentUrl().contains("/console/submission.xhtml"));
            b.awaitText("status", "COMPLETED", RUN_TIMEOUT);
        } finally {
            SuiteOss.clearFaults();
        }
        assertEquals("1", b.byId("count-DELETED").getText());
        assertEquals("1", b.byId("count-FAILED").getText());
        String submissionId = new URL(b.driver.getCurrentUrl()).getQuery().replaceAll(".*id=(\\d+).*", "$1");

        // 1. the dashboard's latest FAILED items: the refused selector, with OSS's reason, linked to its submission
        b.byId("navDashboard").click();
        b.await(Duration.ofSeconds(10), d -> !b.rows("dash:failedItems").isEmpty());
        List<String> failed = b.rows("dash:failedItems").get(0);
        assertEquals(List.of(submissionId, refused, "AccessDenied"), failed.subList(0, 3), failed::toString);
        b.driver.executeScript("arguments[0].scrollIntoView({block: 'end'})", b.byId("dash:failedItems"));
        b.screenshot("09-dashboard-failed-items");

        // 2. a run that does not exist: a plain message, no stack trace, a way on
        b.open("console/run.xhtml?id=987654321");
        assertTrue(b.byId("runMissing").getText().startsWith("There is no purge run #987654321"), b.byId("runMissing").getText());
        assertTrue(b.driver.findElements(By.id("run:status")).isEmpty());
        b.open("console/run.xhtml?id=not-a-number");
        assertTrue(b.byId("runMissing").isDisplayed());
        b.open("console/submission.xhtml?id=987654321");
        assertTrue(b.byId("submissionMissing").getText().startsWith("There is no purge submission"));
        b.screenshot("09b-run-missing");
        // 3. a page that is not there at all: the console's plain error page
        b.open("console/no-such-page.xhtml");
        assertFalse(b.driver.getPageSource().contains("Exception"), b.driver.getPageSource());
        assertTrue(b.driver.getTitle().contains("MediaPurge"), b.driver.getTitle());
        b.screenshot("09c-error-page");
        b.open("console/dashboard.xhtml");
        b.signOut();
    }

    /**
     * The Schedules page: the admin makes a rule over a prefix of this story's assets (a bad cron
     * is named while typing, a good one shown in words with its next five fire times), runs it now
     * and follows its fire to the submission; a viewer sees no button that changes a rule.
     */
    @Test
    void anAdminSchedulesARuleRunsItNowAndFollowsItsFire() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String first = hex("e1"), second = hex("e2");
        String prefix = "console/rule-" + run + "/";
        putObjects(BUCKET, prefix + "1.mp4", prefix + "2.mp4");
        register(ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET, asset(ALPHA, first, "Scheduled one", "oss://" + BUCKET + "/" + prefix + "1.mp4"),
                asset(ALPHA, second, "Scheduled two", "oss://" + BUCKET + "/" + prefix + "2.mp4"));
        String name = "<b>every minute</b> " + run;

        Browser b = browser();
        b.signIn(CONSOLE_OPS_ADMIN, CONSOLE_OPS_ADMIN_PASSWORD);
        b.byId("navSchedules").click();
        b.await(Duration.ofSeconds(10), d -> d.getCurrentUrl().contains("/console/schedules.xhtml"));
        b.byId("rules:newRule").click();
        b.await(Duration.ofSeconds(10), org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(By.id("rules:cron")));
        assertEquals(ALPHA, b.byId("rules:ownerUid").getAttribute("value"));

        // 1. while typing: a bad cron is named, a good one is shown in words with its next five fire times
        b.type("rules:cron", "61 * * * *");
        b.await(Duration.ofSeconds(10), d -> !d.findElements(By.id("rules:scheduleError")).isEmpty()
                && d.findElement(By.id("rules:scheduleError")).getText().startsWith("cron: "));
        b.screenshot("18-schedule-bad-cron");
        b.type("rules:cron", "* * * * *");
        b.await(Duration.ofSeconds(10), d -> !d.findElements(By.id("rules:description")).isEmpty()
                && !d.findElement(By.id("rules:description")).getText().isBlank()
                && d.findElements(By.cssSelector(".next-fire")).size() == 5);
        String description = b.byId("rules:description").getText();
        b.type("rules:name", name);
        b.type("rules:bucket", BUCKET);
        b.type("rules:keyPrefix", prefix);

        // 2. the preview counts this story's two assets
        b.byId("rules:preview").click();
        b.awaitText("previewMatched", "2", Duration.ofSeconds(10));
        assertTrue(b.driver.findElements(By.cssSelector(".previewId")).stream().map(e -> e.getText()).toList()
                .containsAll(List.of(first, second)));
        b.screenshot("19-schedule-new-rule");

        // 3. saved, it is listed with its schedule in words and its name as text
        b.byId("rules:save").click();
        b.await(Duration.ofSeconds(10), d -> rowOf(b, name) >= 0);
        int row = rowOf(b, name);
        assertTrue(b.rows("rules:ruleList").get(row).get(2).contains(description), b.rows("rules:ruleList")::toString);

        String adminViewState = b.driver.findElement(By.cssSelector("form[id='rules'] input[name='jakarta.faces.ViewState']"))
                .getAttribute("value");

        // 4. run now: its fire is listed, with the submission it made, which purges the two assets
        b.clickAndConfirm("rules:ruleList:" + row + ":runNow");
        b.await(Duration.ofSeconds(20), d -> !d.findElements(By.cssSelector("[id$=':submissionLink']")).isEmpty());
        List<String> fire = b.rows("rules:fireList").get(0);
        assertTrue(fire.contains("FIRED") && fire.contains("2"), fire::toString);
        b.screenshot("20-schedule-fired");
        String submission = b.byId("rules:fireList:0:submissionLink").getText();
        b.byId("rules:fireList:0:submissionLink").click();
        b.await(Duration.ofSeconds(20), d -> d.getCurrentUrl().contains("/console/submission.xhtml?id=" + submission));
        b.awaitText("status", "COMPLETED", RUN_TIMEOUT);
        assertEquals("2", b.byId("count-DELETED").getText());
        b.signOut();

        // 5. a viewer (acting as no RAM user) reads every account's rules, and has no button that changes one
        browser(); // the same browser, its cookies cleared
        b.signIn(CONSOLE_VIEWER, CONSOLE_VIEWER_PASSWORD);
        b.open("console/schedules.xhtml");
        assertTrue(b.byId("noAccount").getText().contains("acts as no RAM user"));
        assertTrue(rowOf(b, name) >= 0, "the viewer sees the rule");
        assertTrue(b.driver.findElements(By.id("rules:newRule")).isEmpty());
        assertTrue(b.driver.findElements(By.cssSelector("[id$=':runNow'], [id$=':delete'], [id$=':edit']")).isEmpty());
        b.screenshot("21-schedule-viewer");
        b.signOut();

        // 6. a viewer's session replaying the admin's Run now form is refused (and audited); its own view has no Run now to name
        FormSession viewer = FormSession.signIn(base, CONSOLE_VIEWER, CONSOLE_VIEWER_PASSWORD);
        String runNow = "rules:ruleList:" + row + ":runNow";
        HttpResponse<String> forged = viewer.ajax("console/schedules.xhtml", "rules", runNow, adminViewState);
        assertTrue(forged.body().contains("error.xhtml?problem=expired"), forged.body());
        String viewerPage = viewer.get("console/schedules.xhtml").body();
        assertFalse(viewerPage.contains("id=\"" + runNow + "\""), "the viewer's page has no Run now");
        viewer.ajax("console/schedules.xhtml", "rules", runNow, FormSession.viewState(viewerPage));

        // 7. the refusal is in the audit log, and nothing ran for the viewer; the admin deletes the rule (after a
        // confirmation), so it fires no more
        browser(); // the same browser, its cookies cleared
        b.signIn(CONSOLE_OPS_ADMIN, CONSOLE_OPS_ADMIN_PASSWORD);
        b.open("console/schedules.xhtml");
        b.open("console/audit.xhtml");
        b.type("auditForm:search", CONSOLE_VIEWER);
        b.byId("auditForm:searchButton").click();
        b.await(Duration.ofSeconds(10), d -> b.rows("auditForm:events").stream()
                .anyMatch(r -> r.get(4).equals("POSTBACK") && r.get(5).contains("/console/schedules.xhtml") && r.get(6).equals("refused")));
        assertTrue(b.rows("auditForm:events").stream().noneMatch(r -> r.get(4).equals("RUN_RULE") && r.get(6).equals("allowed")),
                b.rows("auditForm:events")::toString);
        b.screenshot("21b-audit-refused-schedule-postback");
        b.open("console/schedules.xhtml");
        b.clickAndConfirm("rules:ruleList:" + rowOf(b, name) + ":delete");
        b.await(Duration.ofSeconds(10), d -> rowOf(b, name) < 0);
        b.signOut();
    }

    static int rowOf(Browser b, String name) {
        List<List<String>> rows = b.rows("rules:ruleList");
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() > 1 && rows.get(i).get(1).equals(name)) {
                return i;
            }
        }
        return -1;
    }

    static void assertObjects(boolean present, String... keys) {
        OSS oss = SuiteOss.client();
        try {
            for (String key : keys) {
                assertEquals(present, oss.doesObjectExist(BUCKET, key), key);
            }
        } finally {
            oss.shutdown();
        }
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
        assertEquals(lines.length, JsonAnswer.of(response).getInt("imported"), response.body());
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
