package io.mediapurge.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its own chromedriver (nothing is downloaded), at the
 * console's smallest supported window, 1280×800, with the steps an operator takes.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Path DOWNLOADS = Path.of("target", "downloads").toAbsolutePath();

    final ChromeDriver driver;
    private final String base;

    Browser(String base) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("mediapurge.test.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,800", "--safebrowsing-disable-download-protection");
        options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false, "safebrowsing.enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("mediapurge.test.chromedriver", "/usr/bin/chromedriver")).toFile())
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 800));
        this.base = base.endsWith("/") ? base : base + "/";
    }

    void open(String path) {
        driver.get(base + path);
    }

    WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    List<WebElement> allById(String id) {
        return driver.findElements(By.id(id));
    }

    <T> T await(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(200))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition); // a re-rendered element is looked up again
    }

    void awaitText(String id, String text, Duration timeout) {
        await(timeout, ExpectedConditions.textToBe(By.id(id), text));
    }

    void signIn(String username, String password) {
        open("login.xhtml");
        type("login:username", username);
        type("login:password", password);
        byId("login:signIn").click();
        await(Duration.ofSeconds(20), d -> d.getCurrentUrl().contains("/console/") || !d.findElements(By.cssSelector(".ui-messages-error")).isEmpty());
    }

    void signOut() {
        byId("signOut:signOutButton").click();
        await(Duration.ofSeconds(20), d -> d.getCurrentUrl().contains("login.xhtml"));
    }

    void type(String id, String text) {
        WebElement field = byId(id);
        field.clear();
        field.sendKeys(text);
    }

    /** Clicks the button and answers Yes in the confirmation dialog it opens. */
    void clickAndConfirm(String id) {
        byId(id).click();
        WebElement yes = await(Duration.ofSeconds(10), ExpectedConditions.elementToBeClickable(By.id("confirmYes")));
        yes.click();
    }

    /** The text of each cell of a PrimeFaces data table's body, row by row (an empty table: no rows). */
    List<List<String>> rows(String tableId) {
        for (int attempt = 0; ; attempt++) {
            try {
                return rowsOnce(tableId);
            } catch (org.openqa.selenium.StaleElementReferenceException rerendered) {
                if (attempt == 20) {
                    throw rerendered;
                }
            }
        }
    }

    private List<List<String>> rowsOnce(String tableId) {
        return driver.findElements(By.cssSelector("[id='" + tableId + "_data'] > tr")).stream()
                .filter(tr -> !tr.getAttribute("class").contains("ui-datatable-empty-message"))
                .map(tr -> tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
                .toList();
    }

    String errorMessages() {
        return String.join(" ", driver.findElements(By.cssSelector(".ui-messages-error")).stream().map(WebElement::getText).toList());
    }

    String infoMessages() {
        return String.join(" ", driver.findElements(By.cssSelector(".ui-messages-info")).stream().map(WebElement::getText).toList());
    }

    /** Waits until the browser has written a whole file whose name ends with {@code suffix}. */
    Path awaitDownload(String suffix, Duration timeout) {
        return await(timeout, d -> {
            try (var files = Files.list(DOWNLOADS)) {
                return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
    }

    void clearDownloads() {
        try {
            Files.createDirectories(DOWNLOADS);
            try (var files = Files.list(DOWNLOADS)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    /**
     * One browser per test class, the way the console's stories use it: started on first use,
     * every story beginning signed out (its cookies cleared), a screenshot of where a failed story
     * stopped, and quit after the class. {@code @RegisterExtension static final Browser.PerClass
     * browsers = new Browser.PerClass();}
     */
    static final class PerClass implements org.junit.jupiter.api.extension.AfterAllCallback,
            org.junit.jupiter.api.extension.TestWatcher {
        private Browser browser;

        Browser fresh(java.net.URL base) {
            if (browser == null) {
                browser = new Browser(base.toString());
            }
            browser.driver.manage().deleteAllCookies();
            return browser;
        }

        @Override
        public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable cause) {
            if (browser != null) {
                browser.screenshot("failed-" + context.getRequiredTestClass().getSimpleName() + "-"
                        + context.getRequiredTestMethod().getName());
            }
        }

        @Override
        public void afterAll(org.junit.jupiter.api.extension.ExtensionContext context) {
            if (browser != null) {
                browser.close();
                browser = null;
            }
        }
    }
}
