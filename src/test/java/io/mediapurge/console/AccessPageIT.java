package io.mediapurge.console;

import static io.mediapurge.console.ConsoleIT.asset;
import static io.mediapurge.console.ConsoleIT.hex;
import static io.mediapurge.testing.SuiteSeed.ALPHA;
import static io.mediapurge.testing.SuiteSeed.ALPHA_ROOT_KEY;
import static io.mediapurge.testing.SuiteSeed.ALPHA_ROOT_SECRET;
import static io.mediapurge.testing.SuiteSeed.CONSOLE_ADMIN;
import static io.mediapurge.testing.SuiteSeed.CONSOLE_ADMIN_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import com.aliyun.ice20201109.Client;
import com.aliyun.ice20201109.models.DeleteMediaInfosRequest;
import com.aliyun.ice20201109.models.DeleteMediaInfosResponseBody;
import com.aliyun.ice20201109.models.GetMediaInfoRequest;
import com.aliyun.tea.TeaException;

import io.mediapurge.api.ice.OfficialSdk;
import io.mediapurge.testing.IntegrationTestSession;
import io.mediapurge.testing.MediaPurgeProcess;
import io.mediapurge.testing.OperatorCalls;
import io.mediapurge.testing.SuiteDatabase;
import io.mediapurge.testing.SuiteSeed;
import io.mediapurge.testing.TestPostgres;

/**
 * The Access page in a real browser: RAM users, policies, access keys and console users changed
 * at run time, in force at once on the suite's server and on a second server sharing its database.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccessPageIT {

    static final Duration IN_FORCE_WITHIN = Duration.ofSeconds(5);

    @ArquillianResource
    URL base;

    @org.junit.jupiter.api.extension.RegisterExtension
    static final Browser.PerClass browsers = new Browser.PerClass();

    /** A second server on the suite's database, started at once so that its boot overlaps the first stories. */
    static MediaPurgeProcess second;

    @BeforeAll
    static void startSecondServer() throws Exception {
        Path dir = Path.of("target", "it", "access-second-server");
        Files.createDirectories(dir.resolve("data"));
        Map<String, String> env = new HashMap<>();
        env.put("MEDIAPURGE_DB_URL", TestPostgres.url(IntegrationTestSession.SUITE_DATABASE));
        env.put("MEDIAPURGE_DB_USER", TestPostgres.USER);
        env.put("MEDIAPURGE_DB_PASSWORD", TestPostgres.PASSWORD);
        env.put("MEDIAPURGE_MASTER_KEY", SuiteSeed.MASTER_KEY);
        env.put("MEDIAPURGE_DATA_DIR", dir.resolve("data").toAbsolutePath().toString());
        second = MediaPurgeProcess.start(dir, env, MediaPurgeProcess.freePort());
    }

    @AfterAll
    static void closeSecondServer() {
        if (second != null) {
            second.close();
        }
    }

    Browser browser() {
        return browsers.fresh(base);
    }

    /** Story 2: a RAM user allowed to delete only under one media ID prefix, its key made here, used by the official SDK. */
    @Test
    void aUserAllowedOneMediaIdPrefixDeletesThereWithItsNewKeyAndIsForbiddenElsewhere() throws Exception {
        String prefix = hex("").substring(0, 6);
        String allowed = hex(prefix);
        String refused = hex(prefix.charAt(0) == 'f' ? "e" : "f");
        register(asset(ALPHA, allowed, "Under the prefix", "oss://alpha-media/access/" + allowed + ".mp4"),
                asset(ALPHA, refused, "Outside the prefix", "oss://alpha-media/access/" + refused + ".mp4"));
        String user = "prefix-" + prefix;
        String policy = "{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"ice:DeleteMediaInfos\","
                + " \"Resource\": \"acs:ice:*:" + ALPHA + ":media/" + prefix + "*\"}]}";

        Browser b = signedInAdmin();
        createUser(b, user);
        // 1. the policy is saved
        savePolicies(b, policy);
        assertTrue(b.infoMessages().contains("Saved: save policies"), b.infoMessages());
        assertEquals(List.of(policy), policiesOf(user));

        // 2. the check runs the evaluator: allowed under the prefix, forbidden outside it
        check(b, allowed);
        assertEquals("allowed: it would be DELETED", b.rows("acc:tabs:checks").get(0).get(1));
        check(b, refused);
        assertEquals("FORBIDDEN POLICY_DENY: a policy denies it, or none allows it", b.rows("acc:tabs:checks").get(0).get(1));
        b.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", b.byId("acc:tabs:checks"));
        assertTrue(b.rows("acc:tabs:checks").get(2).get(1).startsWith("DENY NO_POLICY_ALLOWS"), b.rows("acc:tabs:checks")::toString);
        b.screenshot("30-access-user-policy-check");

        // 3. a key is made; its secret is shown once
        String[] key = createKey(b);
        b.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", b.byId("acc:tabs:secret"));
        b.screenshot("31-access-key-secret-once");
        b.byId("acc:tabs:forgetSecret").click();
        b.await(Duration.ofSeconds(10), d -> d.findElements(By.id("acc:tabs:newKeySecret")).isEmpty());
        assertFalse(b.driver.getPageSource().contains(key[1]));
        b.open("console/access.xhtml?account=" + ALPHA);
        selectUser(b, user);
        assertFalse(b.driver.getPageSource().contains(key[1]), "the secret is never shown again");
        assertTrue(b.driver.getPageSource().contains(key[0]));

        // 4. the official SDK with that key: the allowed asset is deleted, the other is Forbidden
        Client sdk = OfficialSdk.v1(base, key[0], key[1]);
        DeleteMediaInfosResponseBody body = sdk.deleteMediaInfos(new DeleteMediaInfosRequest()
                .setMediaIds(allowed + "," + refused)).getBody();
        assertEquals(List.of(refused), body.getForbiddenList());
        assertEquals(List.of(), body.getIgnoredList());
        Client root = OfficialSdk.v1(base, ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET);
        assertEquals("ResourceNotFound", assertThrows(TeaException.class,
                () -> root.getMediaInfo(new GetMediaInfoRequest().setMediaId(allowed))).getCode());
        assertEquals(refused, root.getMediaInfo(new GetMediaInfoRequest().setMediaId(refused)).getBody().getMediaInfo()
                .getMediaBasicInfo().getMediaId());

        // 5. every change is in the audit log
        assertEquals(List.of("CONSOLE|" + ALPHA + "/" + user + "|true"), SuiteDatabase.auditOf(CONSOLE_ADMIN, "CREATE_RAM_USER")
                .stream().filter(r -> r.contains("/" + user + "|")).toList());
        assertTrue(SuiteDatabase.auditOf(CONSOLE_ADMIN, "CREATE_ACCESS_KEY").contains("CONSOLE|" + ALPHA + "/" + user + "|true"));
        b.signOut();
    }

    /** Story 3: a policy with an unknown effect, and one that is not JSON, are refused with their JSON path; nothing is saved. */
    @Test
    void aBadPolicyIsRefusedWithItsJsonPathAndNothingIsSaved() throws Exception {
        String user = "bad-policy-" + UUID.randomUUID().toString().substring(0, 6);
        String good = "{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"ice:GetMediaInfo\", \"Resource\": \"*\"}]}";
        Browser b = signedInAdmin();
        createUser(b, user);
        savePolicies(b, good);
        assertEquals(List.of(good), policiesOf(user));

        // 1. an unknown effect in a second policy: the path names the policy, the statement and the element
        b.byId("acc:tabs:addPolicy").click();
        b.await(Duration.ofSeconds(10), d -> !b.allById("acc:tabs:policies:1:policy").isEmpty());
        b.type("acc:tabs:policies:1:policy", "{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},"
                + " {\"Effect\": \"Perhaps\", \"Action\": \"*\", \"Resource\": \"*\"}]}");
        b.byId("acc:tabs:savePolicies").click();
        b.await(Duration.ofSeconds(10), d -> !b.errorMessages().isEmpty());
        assertEquals("policies[1].Statement[1].Effect: must be \"Allow\" or \"Deny\". Nothing was saved.", b.errorMessages());
        b.screenshot("32-access-bad-policy");
        assertEquals(List.of(good), policiesOf(user));

        // 2. not JSON at all: where the parser stopped
        b.type("acc:tabs:policies:1:policy", "{\"Version\": \"1\", \"Statement\": [");
        b.byId("acc:tabs:savePolicies").click();
        b.await(Duration.ofSeconds(10), d -> b.errorMessages().contains("is not valid JSON"));
        assertTrue(b.errorMessages().startsWith("policies[1]: is not valid JSON at line 1, column"), b.errorMessages());
        assertEquals(List.of(good), policiesOf(user));

        // 3. both refusals are audited with the reason
        List<String> refusals = SuiteDatabase.auditOf(CONSOLE_ADMIN, "SAVE_POLICIES").stream()
                .filter(r -> r.equals("CONSOLE|" + ALPHA + "/" + user + "|false")).toList();
        assertEquals(2, refusals.size(), refusals::toString);
        b.signOut();
    }

    /** Story 4: a deactivated key is refused within seconds by the suite's server and by a second server on the same database. */
    @Test
    void aDeactivatedKeyIsRefusedWithinSecondsOnEveryServer() throws Exception {
        String user = "deactivated-" + UUID.randomUUID().toString().substring(0, 6);
        Browser b = signedInAdmin();
        createUser(b, user);
        savePolicies(b, "{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"ice:*\", \"Resource\": \"*\"}]}");
        String[] key = createKey(b);
        b.byId("acc:tabs:forgetSecret").click();
        b.await(Duration.ofSeconds(10), d -> d.findElements(By.id("acc:tabs:newKeySecret")).isEmpty());

        assertTrue(second.awaitReady(Duration.ofSeconds(240)), () -> "the second server did not start: " + second.log());
        URL secondBase = new URL("http://127.0.0.1:" + second.port() + "/");
        List<Client> servers = List.of(OfficialSdk.v1(base, key[0], key[1]), OfficialSdk.v1(secondBase, key[0], key[1]));
        String unknown = hex("0ddba11");
        // 1. both servers take the key while it is active
        for (Client server : servers) {
            assertEquals(List.of(unknown), server.deleteMediaInfos(new DeleteMediaInfosRequest().setMediaIds(unknown)).getBody().getIgnoredList());
        }

        // 2. deactivated in the console (after a confirmation)
        b.clickAndConfirm("acc:tabs:keys:0:deactivate");
        b.await(Duration.ofSeconds(10), d -> b.rows("acc:tabs:keys").get(0).get(1).equals("inactive"));
        long deactivated = System.nanoTime();
        b.screenshot("33-access-key-deactivated");

        // 3. each server refuses the SDK's next call with InvalidAccessKeyId.Inactive within seconds
        List<String> took = new ArrayList<>();
        for (Client server : servers) {
            String code = null;
            while (code == null) {
                try {
                    server.deleteMediaInfos(new DeleteMediaInfosRequest().setMediaIds(unknown));
                    assertTrue(System.nanoTime() - deactivated < IN_FORCE_WITHIN.toNanos(), "the key still works after " + IN_FORCE_WITHIN);
                    Thread.sleep(100); // between attempts of a poll with a deadline
                } catch (TeaException e) {
                    code = e.getCode();
                }
            }
            assertEquals("InvalidAccessKeyId.Inactive", code);
            took.add((System.nanoTime() - deactivated) / 1_000_000 + " ms");
        }
        System.out.println("deactivated key refused after: suite server " + took.get(0) + ", second server " + took.get(1));
        assertTrue(SuiteDatabase.auditOf(CONSOLE_ADMIN, "DEACTIVATE_ACCESS_KEY").contains("CONSOLE|" + ALPHA + "/" + user + "|true"));
        b.signOut();
    }

    /** Story 5: an operator opening the Access page, or forging its postbacks, is refused and audited; nothing changes. */
    @Test
    void anOperatorIsRefusedTheAccessPageAndItsForgedPostbacksAndBothAreAudited() throws Exception {
        String operator = "op-" + UUID.randomUUID().toString().substring(0, 6);
        String password = "operator password " + operator;
        Browser b = signedInAdmin();
        // 1. the admin creates the operator as a console user on the page
        b.driver.findElement(By.linkText("Console users")).click();
        b.type("acc:tabs:newConsoleUsername", operator);
        b.type("acc:tabs:newConsolePassword", password);
        checkbox(b, "acc:tabs:newConsoleRoles", "purge-viewer").click(); // unchecked
        checkbox(b, "acc:tabs:newConsoleRoles", "purge-operator").click();
        b.type("acc:tabs:newConsoleActsAs", ALPHA + "/ops");
        b.byId("acc:tabs:createConsoleUser").click();
        b.await(Duration.ofSeconds(10), d -> b.rows("acc:tabs:consoleUsers").stream().anyMatch(r -> r.get(0).equals(operator)));
        assertEquals(List.of(operator, "purge-operator", ALPHA + "/ops", "Edit"), b.rows("acc:tabs:consoleUsers").stream()
                .filter(r -> r.get(0).equals(operator)).findFirst().orElseThrow().stream().map(String::strip).toList());
        b.screenshot("34-access-console-users");

        // 2. the admin cannot take purge-admin from themselves
        editConsoleUser(b, CONSOLE_ADMIN);
        checkbox(b, "acc:tabs:roles", "purge-admin").click();
        checkbox(b, "acc:tabs:roles", "purge-viewer").click();
        b.byId("acc:tabs:saveConsoleUser").click();
        b.await(Duration.ofSeconds(10), d -> !b.errorMessages().isEmpty());
        assertTrue(b.errorMessages().startsWith("You cannot take purge-admin from yourself"), b.errorMessages());
        assertEquals("purge-admin", rolesOf(CONSOLE_ADMIN));
        b.signOut();

        // 3. the operator sees no Access entry, and opening the page is refused and audited
        b.signIn(operator, password);
        assertTrue(b.allById("navAccess").isEmpty());
        b.open("console/access.xhtml");
        assertTrue(b.byId("accessRefused").getText().startsWith("Access administration is for purge-admin only"));
        assertTrue(b.allById("acc").isEmpty());
        assertEquals(List.of("CONSOLE|access page|false"), SuiteDatabase.auditOf(operator, "OPEN_ACCESS"));
        b.screenshot("35-access-refused-operator");
        b.signOut();

        // 4. a forged postback (Create access key) with the operator's own session and view is refused before any field is read
        long keysBefore = count("SELECT COUNT(*) FROM access_key");
        FormSession session = FormSession.signIn(base, operator, password);
        String page = session.get("console/access.xhtml").body();
        HttpResponse<String> forged = session.ajax("console/access.xhtml", "acc", "acc:tabs:createKey", FormSession.viewState(page));
        assertTrue(forged.body().contains("redirect"), forged.body());
        assertEquals(keysBefore, count("SELECT COUNT(*) FROM access_key"));
        assertEquals(List.of("CONSOLE|/console/access.xhtml|false"), SuiteDatabase.auditOf(operator, "POSTBACK"));

        // 5. the admin finds both refusals by who and outcome in the audit log, and exports them as CSV
        b.signIn(CONSOLE_ADMIN, CONSOLE_ADMIN_PASSWORD);
        b.byId("navAudit").click();
        b.type("auditForm:who", operator);
        new org.openqa.selenium.support.ui.Select(b.byId("auditForm:outcome")).selectByVisibleText("refused only");
        b.byId("auditForm:searchButton").click();
        b.await(Duration.ofSeconds(10), d -> b.rows("auditForm:events").size() >= 3
                && b.rows("auditForm:events").stream().allMatch(r -> r.get(1).equals(operator) && r.get(6).equals("refused")));
        List<String> actions = b.rows("auditForm:events").stream().map(r -> r.get(4)).toList();
        assertTrue(actions.contains("POSTBACK") && actions.contains("OPEN_ACCESS"), actions::toString);
        assertTrue(b.rows("auditForm:events").stream().allMatch(r -> r.get(6).equals("refused")));
        b.screenshot("36-audit-search");
        b.clearDownloads();
        b.byId("auditForm:exportCsv").click();
        Path csv = b.awaitDownload(".csv", Duration.ofSeconds(20));
        b.await(Duration.ofSeconds(10), d -> {
            try {
                return Files.readString(csv).contains("POSTBACK");
            } catch (java.io.IOException e) {
                return false;
            }
        });
        List<String> lines = Files.readAllLines(csv);
        assertEquals("when_utc,who,door,from,action,target,allowed,detail", lines.get(0));
        assertEquals(actions.size(), lines.size() - 1, lines::toString);
        assertTrue(lines.stream().skip(1).allMatch(l -> l.contains("," + operator + ",CONSOLE,") && l.contains(",refused,")), lines::toString);
        b.signOut();
    }

    /**
     * A console user's open sessions follow what an admin changes, within seconds and on every
     * server: a role change, a password reset and a removal each end them (the user signs in again
     * with what they may do now); a changed actsAs applies at the next request.
     */
    @Test
    void aConsoleUsersOpenSessionsEndWithinSecondsOnEveryServerWhenAnAdminChangesTheirAccess() throws Exception {
        String name = "session-" + UUID.randomUUID().toString().substring(0, 6);
        String password = "first password " + name;
        String newPassword = "second password " + name;
        Browser b = signedInAdmin();
        createConsoleUser(b, name, password, "purge-operator", ALPHA + "/ops");
        assertTrue(second.awaitReady(Duration.ofSeconds(240)), () -> "the second server did not start: " + second.log());
        URL secondBase = new URL("http://127.0.0.1:" + second.port() + "/");

        // 1. an actsAs change shows at the user's next request, their session going on
        List<FormSession> sessions = List.of(FormSession.signIn(base, name, password), FormSession.signIn(secondBase, name, password));
        for (FormSession s : sessions) {
            assertTrue(whoami(s).contains("purge-operator · acts as " + ALPHA + "/ops"), whoami(s));
        }
        editConsoleUser(b, name);
        b.type("acc:tabs:actsAs", "");
        b.byId("acc:tabs:saveConsoleUser").click();
        b.await(Duration.ofSeconds(10), d -> b.infoMessages().contains("set acts as"));
        for (FormSession s : sessions) {
            assertTrue(whoami(s).contains("read only (acts as no RAM user)"), whoami(s));
        }

        // 2. a role change ends both sessions, an Ajax postback's too; signed in again, the user has the new role
        String dashboard = sessions.get(1).get("console/dashboard.xhtml").body();
        editConsoleUser(b, name);
        checkbox(b, "acc:tabs:roles", "purge-operator").click();
        checkbox(b, "acc:tabs:roles", "purge-viewer").click();
        b.byId("acc:tabs:saveConsoleUser").click();
        b.await(Duration.ofSeconds(10), d -> b.infoMessages().contains("(roles purge-viewer)"));
        assertTrue(b.infoMessages().contains("That user's sessions end within seconds on every server"), b.infoMessages());
        b.screenshot("37-access-console-user-sessions-end");
        long changed = System.nanoTime();
        // a postback of the menu bar's form that clicks nothing: answered as usual until the session ends
        while (!sessions.get(1).ajax("console/dashboard.xhtml", "signOut", "signOut", FormSession.viewState(dashboard)).body()
                .contains("<redirect url=\"/login.xhtml?signedOut=changed\"")) {
            assertTrue(System.nanoTime() - changed < IN_FORCE_WITHIN.toNanos(), "the session still posts back after " + IN_FORCE_WITHIN);
            Thread.sleep(100); // between attempts of a poll with a deadline
        }
        awaitSignedOut(sessions.subList(0, 1));
        FormSession again = FormSession.signIn(base, name, password);
        assertTrue(whoami(again).contains(name + " · purge-viewer"), whoami(again));

        // 3. a password reset ends the sessions; the old password no longer signs in
        sessions = List.of(again, FormSession.signIn(secondBase, name, password));
        editConsoleUser(b, name);
        b.type("acc:tabs:password", newPassword);
        b.byId("acc:tabs:resetPassword").click();
        b.await(Duration.ofSeconds(10), d -> b.infoMessages().contains("reset password"));
        awaitSignedOut(sessions);
        assertThrows(IllegalStateException.class, () -> FormSession.signIn(base, name, password));

        // 4. a removal ends the sessions; the user cannot sign in again
        sessions = List.of(FormSession.signIn(base, name, newPassword), FormSession.signIn(secondBase, name, newPassword));
        editConsoleUser(b, name);
        b.clickAndConfirm("acc:tabs:removeConsoleUser");
        b.await(Duration.ofSeconds(10), d -> b.rows("acc:tabs:consoleUsers").stream().noneMatch(r -> r.get(0).equals(name)));
        awaitSignedOut(sessions);
        assertThrows(IllegalStateException.class, () -> FormSession.signIn(secondBase, name, newPassword));

        // 5. every change and every ended session is audited
        assertEquals(List.of("CONSOLE|console user " + name + "|true"), SuiteDatabase.auditOf(CONSOLE_ADMIN, "REMOVE_CONSOLE_USER")
                .stream().filter(r -> r.contains(" " + name + "|")).toList());
        assertEquals(6, SuiteDatabase.auditOf(name, "SESSION_ENDED").size(), () -> {
            try {
                return SuiteDatabase.auditOf(name, "SESSION_ENDED").toString();
            } catch (SQLException e) {
                return e.toString();
            }
        });

        // 6. where an ended session lands: the sign-in page, saying why
        b.signOut();
        b.open("login.xhtml?signedOut=changed");
        assertTrue(b.byId("accessChanged").getText().startsWith("You were signed out: an administrator changed your console access"));
        b.screenshot("38-login-after-access-changed");
    }

    /** An admin cannot lock themselves out: removing themselves is refused with the reason, nothing changes, and it is audited. */
    @Test
    void anAdminCannotRemoveThemselves() throws Exception {
        Browser b = signedInAdmin();
        b.driver.findElement(By.linkText("Console users")).click();
        editConsoleUser(b, CONSOLE_ADMIN);
        b.clickAndConfirm("acc:tabs:removeConsoleUser");
        b.await(Duration.ofSeconds(10), d -> !b.errorMessages().isEmpty());
        assertEquals("You cannot remove yourself: you would be locked out at once. Ask another purge-admin. Nothing was saved.",
                b.errorMessages());
        b.screenshot("39-access-admin-cannot-remove-self");
        assertEquals("purge-admin", rolesOf(CONSOLE_ADMIN));
        assertTrue(SuiteDatabase.auditOf(CONSOLE_ADMIN, "REMOVE_CONSOLE_USER").contains("CONSOLE|console user " + CONSOLE_ADMIN + "|false"));
        // the session goes on: the refusal changed nothing
        b.open("console/access.xhtml");
        assertNotNull(b.byId("navAccess"));
        b.signOut();
    }

    // ---------------------------------------------------------------- steps

    static void createConsoleUser(Browser b, String name, String password, String role, String actsAs) {
        b.driver.findElement(By.linkText("Console users")).click();
        b.type("acc:tabs:newConsoleUsername", name);
        b.type("acc:tabs:newConsolePassword", password);
        if (!role.equals("purge-viewer")) {
            checkbox(b, "acc:tabs:newConsoleRoles", "purge-viewer").click(); // unchecked
            checkbox(b, "acc:tabs:newConsoleRoles", role).click();
        }
        b.type("acc:tabs:newConsoleActsAs", actsAs);
        b.byId("acc:tabs:createConsoleUser").click();
        b.await(Duration.ofSeconds(10), d -> b.rows("acc:tabs:consoleUsers").stream().anyMatch(r -> r.get(0).equals(name)));
    }

    /** The name, role and acts-as line the console's menu bar shows the session's user. */
    static String whoami(FormSession s) throws Exception {
        HttpResponse<String> page = s.get("console/dashboard.xhtml");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"whoami\"[^>]*>([^<]*)<").matcher(page.body());
        return m.find() ? m.group(1).replace("&middot;", "·") : "signed out, at " + page.uri();
    }

    /** Polls each session until it is sent to the sign-in page saying why, within {@link #IN_FORCE_WITHIN}. */
    static void awaitSignedOut(List<FormSession> sessions) throws Exception {
        long start = System.nanoTime();
        for (FormSession s : sessions) {
            while (true) {
                HttpResponse<String> page = s.get("console/dashboard.xhtml");
                if (page.uri().getPath().endsWith("/login.xhtml")) {
                    assertEquals("signedOut=changed", page.uri().getQuery());
                    assertTrue(page.body().contains("an administrator changed your console access"));
                    break;
                }
                assertTrue(System.nanoTime() - start < IN_FORCE_WITHIN.toNanos(), "the session still works after " + IN_FORCE_WITHIN);
                Thread.sleep(100); // between attempts of a poll with a deadline
            }
        }
        System.out.println("sessions ended after " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }


    Browser signedInAdmin() {
        Browser b = browser();
        b.signIn(CONSOLE_ADMIN, CONSOLE_ADMIN_PASSWORD);
        assertNotNull(b.byId("navAccess"));
        b.open("console/access.xhtml?account=" + ALPHA);
        b.await(Duration.ofSeconds(10), d -> !b.allById("acc:tabs:newUserName").isEmpty());
        return b;
    }

    static void createUser(Browser b, String user) {
        b.type("acc:tabs:newUserName", user);
        b.byId("acc:tabs:createUser").click();
        b.await(Duration.ofSeconds(10), d -> b.allById("userTitle").stream().anyMatch(t -> t.getText().endsWith("/" + user)));
    }

    static void selectUser(Browser b, String user) {
        b.driver.findElement(By.linkText(user)).click();
        b.await(Duration.ofSeconds(10), d -> b.allById("userTitle").stream().anyMatch(t -> t.getText().endsWith("/" + user)));
    }

    static void savePolicies(Browser b, String document) {
        if (b.allById("acc:tabs:policies:0:policy").isEmpty()) {
            b.byId("acc:tabs:addPolicy").click();
            b.await(Duration.ofSeconds(10), d -> !b.allById("acc:tabs:policies:0:policy").isEmpty());
        }
        b.type("acc:tabs:policies:0:policy", document);
        b.byId("acc:tabs:savePolicies").click();
        b.await(Duration.ofSeconds(10), d -> !b.infoMessages().isEmpty() || !b.errorMessages().isEmpty());
    }

    static void check(Browser b, String asset) {
        b.type("acc:tabs:checkAsset", asset);
        b.byId("acc:tabs:check").click();
        b.await(Duration.ofSeconds(10), d -> b.byId("acc:tabs:checkAsset").getAttribute("value").equals(asset)
                && !b.rows("acc:tabs:checks").isEmpty() && b.byId("acc:tabs:checkedResource").getText().endsWith("media/" + asset));
    }

    static String[] createKey(Browser b) {
        b.byId("acc:tabs:createKey").click();
        b.await(Duration.ofSeconds(10), d -> !b.allById("acc:tabs:newKeySecret").isEmpty());
        return new String[] {b.byId("acc:tabs:newKeyId").getText(), b.byId("acc:tabs:newKeySecret").getText()};
    }

    static void editConsoleUser(Browser b, String username) {
        List<List<String>> rows = b.rows("acc:tabs:consoleUsers");
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).get(0).equals(username)) {
                b.byId("acc:tabs:consoleUsers:" + i + ":edit").click();
                // the panel may be open already (for this user too): wait for the Edit's answer itself
                b.await(Duration.ofSeconds(10), d -> Boolean.TRUE.equals(b.driver.executeScript("return PrimeFaces.ajax.Queue.isEmpty()"))
                        && !b.allById("acc:tabs:saveConsoleUser").isEmpty());
                return;
            }
        }
        throw new AssertionError("no console user " + username + " in " + rows);
    }

    /** The clickable box of one option of a PrimeFaces selectManyCheckbox. */
    static WebElement checkbox(Browser b, String id, String label) {
        return b.driver.findElement(By.xpath("//*[@id='" + id + "']//label[text()='" + label + "']/preceding-sibling::div[1]"
                + "//div[contains(@class,'ui-chkbox-box')]"));
    }

    void register(String... lines) throws Exception {
        HttpResponse<String> response = new OperatorCalls(base, ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET).post("/api/v1/media:import",
                "application/x-ndjson", String.join("\n", lines));
        assertEquals(200, response.statusCode(), response.body());
    }

    static List<String> policiesOf(String user) throws SQLException {
        try (Connection c = TestPostgres.connect(IntegrationTestSession.SUITE_DATABASE);
                PreparedStatement st = c.prepareStatement("SELECT p.document FROM user_policy p JOIN ram_user u ON u.id = p.user_id"
                        + " WHERE u.account_uid = ? AND u.name = ? ORDER BY p.position")) {
            st.setString(1, ALPHA);
            st.setString(2, user);
            List<String> documents = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    documents.add(rs.getString(1));
                }
            }
            return documents;
        }
    }

    static String rolesOf(String username) throws SQLException {
        try (Connection c = TestPostgres.connect(IntegrationTestSession.SUITE_DATABASE);
                PreparedStatement st = c.prepareStatement("SELECT roles FROM console_user WHERE username = ?")) {
            st.setString(1, username);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static long count(String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(IntegrationTestSession.SUITE_DATABASE);
                PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
