package io.mediapurge.console;

import static io.mediapurge.console.ConsoleIT.BUCKET;
import static io.mediapurge.console.ConsoleIT.RUN_TIMEOUT;
import static io.mediapurge.console.ConsoleIT.asset;
import static io.mediapurge.console.ConsoleIT.hex;
import static io.mediapurge.console.ConsoleIT.putObjects;
import static io.mediapurge.testing.SuiteSeed.ALPHA;
import static io.mediapurge.testing.SuiteSeed.ALPHA_ROOT_KEY;
import static io.mediapurge.testing.SuiteSeed.ALPHA_ROOT_SECRET;
import static io.mediapurge.testing.SuiteSeed.CONSOLE_ADMIN;
import static io.mediapurge.testing.SuiteSeed.CONSOLE_ADMIN_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import com.aliyun.oss.OSS;

import io.mediapurge.testing.OperatorCalls;
import io.mediapurge.testing.SuiteOss;

/** The Registry page in a real browser: find assets, read one, purge it or a whole search (the suite's server). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RegistryPageIT {

    @ArquillianResource
    URL base;

    @org.junit.jupiter.api.extension.RegisterExtension
    static final Browser.PerClass browsers = new Browser.PerClass();

    Browser browser() {
        return browsers.fresh(base);
    }

    /** Story 1: found by a URL prefix, its files read, purged from its page; its deletion history names the submission. */
    @Test
    void anAssetFoundByAUrlPrefixIsPurgedFromItsPageAndItsHistoryShowsTheSubmission() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "registry/" + run + "/";
        String target = hex("a1"), neighbour = hex("a2");
        putObjects(BUCKET, prefix + "target.mp4", prefix + "neighbour.mp4");
        register(asset(ALPHA, target, "Registry target", "oss://" + BUCKET + "/" + prefix + "target.mp4"),
                asset(ALPHA, neighbour, "Registry neighbour", "oss://" + BUCKET + "/" + prefix + "neighbour.mp4"));

        Browser b = browser();
        b.signIn(CONSOLE_ADMIN, CONSOLE_ADMIN_PASSWORD);
        b.byId("navRegistry").click();
        b.await(Duration.ofSeconds(10), d -> !b.allById("reg:url").isEmpty());

        // 1. a URL prefix finds exactly the two assets under it, newest first
        b.type("reg:url", "oss://" + BUCKET + "/" + prefix);
        b.byId("reg:search").click();
        b.await(Duration.ofSeconds(10), d -> b.rows("reg:assets").size() == 2 && b.byId("queryText").getText().contains(prefix));
        assertEquals(Set.of(target, neighbour), b.rows("reg:assets").stream().map(r -> r.get(1)).collect(Collectors.toSet()));
        b.screenshot("20-registry-search");

        // 2. a narrower prefix finds one; a bad owner is refused with a message, the results stay
        b.type("reg:url", "oss://" + BUCKET + "/" + prefix + "targ");
        b.byId("reg:search").click();
        b.await(Duration.ofSeconds(10), d -> b.rows("reg:assets").size() == 1);
        b.type("reg:owner", "12345");
        b.byId("reg:search").click();
        b.await(Duration.ofSeconds(10), d -> b.errorMessages().contains("Owner account: a 16-digit account UID"));
        assertEquals(target, b.rows("reg:assets").get(0).get(1));
        b.type("reg:owner", ALPHA);
        b.byId("reg:search").click();
        b.await(Duration.ofSeconds(10), d -> b.errorMessages().isEmpty() && b.rows("reg:assets").size() == 1);

        // 3. its page shows its files
        b.driver.findElement(By.cssSelector("a.mp-asset-link")).click();
        b.await(Duration.ofSeconds(10), d -> d.getCurrentUrl().contains("/console/asset.xhtml"));
        assertEquals(target, b.byId("mediaId").getText());
        assertEquals("Normal", b.byId("status").getText());
        List<List<String>> files = b.rows("asset:files");
        assertEquals(List.of(List.of("SOURCE", BUCKET, prefix + "target.mp4", files.get(0).get(3))), files);
        assertTrue(b.rows("asset:history").isEmpty());
        b.screenshot("21-asset-detail");

        // 4. Purge this asset opens New purge with its ID filled in; starting it deletes it and its file
        b.byId("asset:purge").click();
        b.await(Duration.ofSeconds(10), d -> d.getCurrentUrl().contains("/console/new-purge.xhtml"));
        assertEquals(target, b.byId("purge:selectors").getAttribute("value"));
        b.byId("purge:start").click();
        b.await(Duration.ofSeconds(20), d -> d.getCurrentUrl().contains("/console/submission.xhtml"));
        b.awaitText("status", "COMPLETED", RUN_TIMEOUT);
        String submission = b.driver.getCurrentUrl().replaceAll(".*[?&]id=(\\d+).*", "$1");
        assertEquals("1", b.byId("count-DELETED").getText());
        OSS oss = SuiteOss.client();
        try {
            assertFalse(oss.doesObjectExist(BUCKET, prefix + "target.mp4"));
            assertTrue(oss.doesObjectExist(BUCKET, prefix + "neighbour.mp4"));
        } finally {
            oss.shutdown();
        }

        // 5. its deletion history names that submission, with the outcome
        b.open("console/asset.xhtml?id=" + target);
        assertEquals("Deleted", b.byId("status").getText());
        List<List<String>> history = b.rows("asset:history");
        assertEquals(1, history.size(), history::toString);
        assertEquals(submission, history.get(0).get(0));
        assertEquals("DELETED", history.get(0).get(1));
        assertEquals(target, history.get(0).get(3));
        b.screenshot("22-asset-history");
        b.signOut();
    }

    /** Rows selected in a search go to New purge pre-filled; once launched, each asset's history names that submission. */
    @Test
    void selectedRowsArePurgedThroughANewPurgeFilledInWithThem() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "registry-selected/" + run + "/";
        String first = hex("c1"), second = hex("c2"), kept = hex("c3");
        putObjects(BUCKET, prefix + "first.mp4", prefix + "second.mp4", prefix + "kept.mp4");
        register(asset(ALPHA, first, "Selected first", "oss://" + BUCKET + "/" + prefix + "first.mp4"),
                asset(ALPHA, second, "Selected second", "oss://" + BUCKET + "/" + prefix + "second.mp4"),
                asset(ALPHA, kept, "Not selected", "oss://" + BUCKET + "/" + prefix + "kept.mp4"));

        Browser b = browser();
        b.signIn(CONSOLE_ADMIN, CONSOLE_ADMIN_PASSWORD);
        b.open("console/registry.xhtml");
        b.type("reg:url", "oss://" + BUCKET + "/" + prefix);
        b.byId("reg:search").click();
        b.await(Duration.ofSeconds(10), d -> b.rows("reg:assets").size() == 3 && b.byId("queryText").getText().contains(prefix));

        // 1. nothing selected: Purge selected says what to do, and stays
        b.byId("reg:purgeSelected").click();
        b.await(Duration.ofSeconds(10), d -> b.driver.getPageSource().contains("Select assets first"));
        assertTrue(b.driver.getCurrentUrl().contains("/console/registry.xhtml"));

        // 2. two rows ticked: New purge opens with exactly their media IDs
        List<String> ids = b.rows("reg:assets").stream().map(r -> r.get(1)).toList();
        for (String id : List.of(first, second)) {
            int row = ids.indexOf(id);
            b.driver.findElement(By.cssSelector("[id='reg:assets_data'] tr[data-ri='" + row + "'] .ui-selection-column .ui-chkbox-box"))
                    .click();
            b.await(Duration.ofSeconds(10), d -> d.findElements(By.cssSelector("[id='reg:assets_data'] tr[data-ri='" + row
                    + "'].ui-state-highlight")).size() == 1);
        }
        b.screenshot("24-registry-selected");
        b.byId("reg:purgeSelected").click();
        b.await(Duration.ofSeconds(10), d -> d.getCurrentUrl().contains("/console/new-purge.xhtml"));
        assertEquals(Set.of(first, second), Set.of(b.byId("purge:selectors").getAttribute("value").split("\n")));
        b.screenshot("25-new-purge-prefilled");

        // 3. launched: both are deleted with their files, the third is left
        b.byId("purge:start").click();
        b.await(Duration.ofSeconds(20), d -> d.getCurrentUrl().contains("/console/submission.xhtml"));
        b.awaitText("status", "COMPLETED", RUN_TIMEOUT);
        String submission = b.driver.getCurrentUrl().replaceAll(".*[?&]id=(\\d+).*", "$1");
        assertEquals("2", b.byId("count-DELETED").getText());
        OSS oss = SuiteOss.client();
        try {
            assertFalse(oss.doesObjectExist(BUCKET, prefix + "first.mp4"));
            assertFalse(oss.doesObjectExist(BUCKET, prefix + "second.mp4"));
            assertTrue(oss.doesObjectExist(BUCKET, prefix + "kept.mp4"));
        } finally {
            oss.shutdown();
        }

        // 4. each purged asset's deletion history names the submission; the third has none
        for (String id : List.of(first, second)) {
            b.open("console/asset.xhtml?id=" + id);
            assertEquals("Deleted", b.byId("status").getText());
            List<List<String>> history = b.rows("asset:history");
            assertEquals(List.of(submission, "DELETED"), history.get(0).subList(0, 2), history::toString);
        }
        b.open("console/asset.xhtml?id=" + kept);
        assertEquals("Normal", b.byId("status").getText());
        assertTrue(b.rows("asset:history").isEmpty());
        b.signOut();
    }

    /** A whole search of any size goes as a dry run built on the server: the browser sends the search, not a list. */
    @Test
    void theWholeSearchBecomesADryRunBuiltOnTheServer() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "registry-all/" + run + "/";
        String[] lines = new String[45];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = asset(ALPHA, hex("b" + Integer.toHexString(i)), "Search " + i, "oss://" + BUCKET + "/" + prefix + i + ".mp4");
        }
        register(lines);

        Browser b = browser();
        b.signIn(CONSOLE_ADMIN, CONSOLE_ADMIN_PASSWORD);
        b.open("console/registry.xhtml");
        b.type("reg:bucket", BUCKET);
        b.type("reg:keyPrefix", prefix);
        b.byId("reg:search").click();
        // 1. pages of 20 by keyset, never counted: the last page has the remaining 5
        b.await(Duration.ofSeconds(10), d -> b.rows("reg:assets").size() == 20 && b.byId("queryText").getText().contains(prefix));
        b.driver.findElement(By.cssSelector("[id='reg:assets'] .ui-paginator-next")).click();
        b.await(Duration.ofSeconds(10), d -> b.byId("reg:assets").getText().contains("21-40"));
        b.driver.findElement(By.cssSelector("[id='reg:assets'] .ui-paginator-next")).click();
        b.await(Duration.ofSeconds(10), d -> b.rows("reg:assets").size() == 5);

        // 2. Purge the whole search: one dry run of all 45, whatever page is shown
        b.clickAndConfirm("reg:purgeSearch");
        b.await(Duration.ofSeconds(20), d -> d.getCurrentUrl().contains("/console/submission.xhtml"));
        b.awaitText("status", "COMPLETED", RUN_TIMEOUT);
        assertEquals("45", b.byId("count-WOULD_DELETE").getText());
        b.screenshot("23-registry-search-dry-run");
        b.signOut();
    }

    void register(String... lines) throws Exception {
        HttpResponse<String> response = new OperatorCalls(base, ALPHA_ROOT_KEY, ALPHA_ROOT_SECRET).post("/api/v1/media:import",
                "application/x-ndjson", String.join("\n", lines));
        assertEquals(200, response.statusCode(), response.body());
    }
}
